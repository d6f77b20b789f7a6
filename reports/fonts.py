"""The Japanese font of report figures and PDFs, with or without a system CJK font.

A system Noto Sans CJK JP (Debian ``fonts-noto-cjk``) is used when installed. Otherwise the
IPAexGothic font that the ``matplotlib-fontja`` package ships (a dependency of kizuna, so
every install has it) is registered with matplotlib and given to WeasyPrint by
``@font-face``, with matplotlib's own DejaVu Sans for symbols. The IPA Font License allows
embedding the font in documents, which is what a PDF does with the glyphs it uses.

>>> japanese_font().family in SYSTEM_FAMILIES + (BUNDLED_FAMILY,)
True
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib import font_manager

logger = logging.getLogger(__name__)

#: System fonts preferred to the bundled one, best first (matplotlib family names).
SYSTEM_FAMILIES: tuple[str, ...] = ("Noto Sans CJK JP", "Noto Sans JP")
#: The family name of the font shipped by matplotlib-fontja.
BUNDLED_FAMILY = "IPAexGothic"


@dataclass(frozen=True)
class JapaneseFont:
    """The Japanese font in use: its family name, and its file when it is the bundled one."""

    family: str
    path: Path | None = None


def bundled_font_path() -> Path:
    """The IPAexGothic file of the ``matplotlib-fontja`` package."""
    import matplotlib_fontja

    return Path(matplotlib_fontja.get_font_ttf_path())


@cache
def japanese_font() -> JapaneseFont:
    """The system Noto Sans CJK JP when installed, else the bundled IPAexGothic.

    The bundled font is registered with matplotlib's font manager on first use, so figures
    drawn afterwards find it by family name.
    """
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in SYSTEM_FAMILIES:
        if family in installed:
            return JapaneseFont(family)
    path = bundled_font_path()
    font_manager.fontManager.addfont(str(path))
    logger.debug("No system CJK font: figures and PDFs use %s (%s)", BUNDLED_FAMILY, path)
    return JapaneseFont(BUNDLED_FAMILY, path)


def figure_families() -> list[str]:
    """matplotlib's ``font.family`` for figures: the Japanese font, then DejaVu Sans."""
    return [japanese_font().family, "DejaVu Sans"]


def symbol_font_path() -> Path:
    """DejaVu Sans as shipped inside matplotlib: symbols IPAexGothic lacks (≥, →, …)."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def font_face_css() -> str:
    """The PDF's fonts: ``@font-face`` rules for the fonts kizuna brings, and the family list.

    The system families come first, then the bundled IPAexGothic, then DejaVu Sans for the
    few symbols outside JIS X 0208; both bundled files are found without fontconfig, so the
    PDF is the same on a machine with no font installed.
    """
    faces = {
        f"kizuna {BUNDLED_FAMILY}": bundled_font_path(),
        "kizuna DejaVu Sans": symbol_font_path(),
    }
    rules = [
        f'@font-face {{ font-family: "{name}"; src: url("{path.resolve().as_uri()}"); }}'
        for name, path in faces.items()
    ]
    families = ", ".join(f'"{name}"' for name in (*SYSTEM_FAMILIES, *faces))
    rules.append(f"html {{ font-family: {families}, sans-serif; }}")
    return "\n".join(rules) + "\n"
