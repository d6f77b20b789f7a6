"""Render a :class:`reports.model.Report` as HTML, PDF, Markdown (Excel: :mod:`reports.excel`).

HTML is self-contained (CSS inline, figures as base64 SVG ``<img>``); the PDF is the same
HTML laid out by WeasyPrint, which embeds the subset of the Japanese font it uses (a system
Noto Sans CJK JP, else the IPAexGothic shipped with kizuna: :mod:`reports.fonts`).
Markdown links its figures as PNG files written beside it.
"""

from __future__ import annotations

import base64
import logging
import math
import re
from collections.abc import Iterable
from html import escape as html_escape
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
import pandas as pd

from kizuna.graph.errors import ConfigError, KizunaError
from kizuna.reports.fonts import font_face_css, japanese_font
from kizuna.reports.i18n import Catalogue
from kizuna.reports.model import Report, Table

logger = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("html", "pdf", "xlsx", "md")


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def is_number(value: Any) -> bool:
    """True for int/float cells (booleans are words, not numbers)."""
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def cell_text(value: Any) -> str:
    """A table cell for reading: integers plain, floats to 3 significant digits, "—" if empty."""
    if _missing(value):
        return "—"
    if isinstance(value, np.integer | int) and not isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float | np.floating):
        number = float(value)
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return f"{number:.3g}"
    return str(value)


def _blank_columns(table: Table) -> set[str]:
    """Columns with no value in any row (left off the page: Excel keeps them)."""
    return {
        str(c)
        for c in table.frame.columns
        if all(_missing(v) or (isinstance(v, str) and not v.strip()) for v in table.frame[c])
    }


def table_rows(table: Table, *, page: bool = False) -> Iterable[list[tuple[str, Any]]]:
    """Rows of a table as (column, value) pairs; ``page`` leaves out the Excel-only columns
    and the columns with no value at all."""
    columns = [str(c) for c in table.frame.columns]
    frame = table.frame
    hidden = set(table.excel_only) | _blank_columns(table) if page else set()
    if page and table.page_limit is not None:
        frame = frame.head(table.page_limit)
    for values in frame.itertuples(index=False, name=None):
        pairs = zip(columns, values, strict=True)
        yield [(c, v) for c, v in pairs if c not in hidden]


def page_columns(table: Table) -> list[str]:
    """Columns shown on the page (HTML, PDF, Markdown)."""
    hidden = set(table.excel_only) | _blank_columns(table)
    return [str(c) for c in table.frame.columns if str(c) not in hidden]


def _is_numeric(table: Table, column: str) -> bool:
    return bool(pd.api.types.is_numeric_dtype(table.frame[column])) and not bool(
        pd.api.types.is_bool_dtype(table.frame[column])
    )


#: Characters that make Markdown inline markup (emphasis, code, links, table cells …).
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
#: Line starts that make a block (heading, quote, list, setext rule, ordered list).
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+\-=])")
_MD_ORDERED_START = re.compile(r"^(\s*\d+)([.)])")


def md_inline(text: Any) -> str:
    """``text`` as literal Markdown inline text: one line, HTML escaped (``<script>`` is
    shown, never run, by renderers that allow HTML), markup characters backslashed.

    >>> md_inline("<b>A|B</b> *x* & [y](z)")
    '&lt;b&gt;A\\\\|B&lt;/b&gt; \\\\*x\\\\* &amp; \\\\[y\\\\](z)'
    """
    one_line = " ".join(str(text).splitlines())
    return _MD_INLINE.sub(r"\\\1", html_escape(one_line, quote=False))


def md_block(text: Any) -> str:
    """:func:`md_inline`, and a leading ``#``, ``>``, ``-``, ``+``, ``=`` or ``1.`` made
    literal, for a paragraph, a list item or a heading.

    >>> md_block("# not a heading"), md_block("2003. founded")
    ('\\\\# not a heading', '2003\\\\. founded')
    """
    text = _MD_BLOCK_START.sub(r"\1\\\2", md_inline(text))
    return _MD_ORDERED_START.sub(r"\1\\\2", text)


def _environment(*, html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kizuna.reports", "templates"),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["b64"] = lambda text: base64.b64encode(text.encode("utf-8")).decode("ascii")
    env.filters["md"] = md_inline
    env.filters["mdblock"] = md_block
    env.tests["number_cell"] = is_number
    return env


def _context(report: Report) -> dict[str, Any]:
    cat = Catalogue(report.lang)
    return {
        "report": report,
        "t": cat.t,
        "column": cat.column,
        "cell": cell_text,
        "rows": lambda table: table_rows(table, page=True),
        "columns": page_columns,
        "is_numeric": _is_numeric,
        "section_titles": {section.key: section.title for section in report.sections},
        "generated": cat.t(
            "report.generated",
            version=report.meta.get("version", ""),
            date=report.meta.get("created", ""),
        ),
    }


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (no external files or network)."""
    template = _environment(html=True).get_template("report.html.j2")
    return template.render(**_context(report))


def render_markdown(report: Report, figure_files: dict[str, str]) -> str:
    """The report as Markdown; ``figure_files`` maps figure key → relative PNG path."""
    template = _environment(html=False).get_template("report.md.j2")
    text = template.render(figure_files=figure_files, **_context(report))
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


#: The last page of a PDF holds at least this share of a page's height, or the layout is
#: tried again tighter (one page fewer) or roomier (more on the last page).
MIN_LAST_PAGE = 0.3
#: Layout variants tried in turn (classes of the <html> element, see report.css).
LAYOUTS: tuple[str, ...] = ("", "compact", "roomy")


def _content_bottom(box: Any) -> float:
    """Lowest edge of the lines, rows and images inside a layout box (margin boxes left out)."""
    from weasyprint.formatting_structure import boxes

    lowest = 0.0
    for child in box.all_children():
        if isinstance(child, boxes.MarginBox):
            continue
        if isinstance(child, boxes.LineBox | boxes.TableRowBox | boxes.ReplacedBox):
            lowest = max(lowest, child.position_y + child.margin_height())
        if isinstance(child, boxes.ParentBox):
            lowest = max(lowest, _content_bottom(child))
    return lowest


def page_fill(page: Any) -> float:
    """How much of a laid-out page's content height is used (0–1)."""
    box = page._page_box  # WeasyPrint's laid-out page: no public API gives its content
    return (_content_bottom(box) - box.content_box_y()) / box.height


def lay_out_variant(html: str, variant: str) -> Any:
    """``html`` laid out by WeasyPrint with the layout variant ``variant`` (see LAYOUTS)."""
    weasyprint = pdf_engine()
    if variant:
        html = html.replace("<html ", f'<html class="{variant}" ', 1)
    fonts = weasyprint.text.fonts.FontConfiguration()
    faces = weasyprint.CSS(string=font_face_css(), font_config=fonts)
    return weasyprint.HTML(string=html).render(stylesheets=[faces], font_config=fonts)


def lay_out_pdf(html: str) -> Any:
    """The laid-out document, avoiding a near-empty last page.

    The normal layout first; when its last page is under :data:`MIN_LAST_PAGE` full, the
    compact and roomy variants, keeping the first whose last page is full enough (else
    the one with the fullest last page among those with the fewest pages).
    """
    tried = []
    for variant in LAYOUTS:
        doc = lay_out_variant(html, variant)
        fill = page_fill(doc.pages[-1]) if len(doc.pages) > 1 else 1.0
        if fill >= MIN_LAST_PAGE:
            return doc
        tried.append((len(doc.pages), -fill, variant, doc))
    return min(tried, key=lambda t: t[:3])[3]


def write_pdf(html: str, path: Path) -> None:
    """Lay out ``html`` with WeasyPrint into ``path`` (fonts embedded, no near-empty last
    page)."""
    pdf_engine()
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    lay_out_pdf(html).write_pdf(str(path))


def pdf_engine() -> Any:
    """The ``weasyprint`` module, or a KizunaError saying what the machine lacks.

    WeasyPrint is a dependency of kizuna, but it needs the Pango text library of the system
    (present on most Linux desktops and servers; macOS: ``brew install pango``).
    """
    try:
        import weasyprint
        import weasyprint.text.fonts
    except ImportError as exc:
        raise KizunaError(
            "PDF output needs WeasyPrint, which is missing from this installation: "
            "pip install --force-reinstall kizuna (or use --format html,xlsx,md)."
        ) from exc
    except OSError as exc:
        raise KizunaError(
            "PDF output needs the Pango text library, which this machine lacks "
            "(Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
            "macOS: brew install pango), or use --format html,xlsx,md."
        ) from exc
    return weasyprint


def check_formats(formats: Iterable[str]) -> None:
    """Raise a KizunaError before any file is written if a format cannot be made here."""
    if "pdf" in formats:
        pdf_engine()
    if set(formats) & {"pdf", "html", "md", "xlsx"}:
        japanese_font()


def parse_formats(text: str) -> list[str]:
    """``"pdf,html"`` → ``["pdf", "html"]``; a ConfigError names an unknown format."""
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ConfigError(
            f"Unknown report format {', '.join(unknown) or text!r}: "
            f"use one or more of {','.join(FORMATS)} (e.g. --format pdf,xlsx)."
        )
    return formats


def write_report(report: Report, out_dir: str | Path, formats: Iterable[str]) -> list[Path]:
    """Write ``report`` in each of ``formats`` into ``out_dir``; return the files written.

    Files are named ``{kind}-{id}.{lang}.{ext}`` (``cluster-tama.ja.pdf``); Markdown figures
    are ``{kind}-{id}.{lang}.{figure}.png`` beside the ``.md`` file.
    """
    formats = list(formats)
    check_formats(formats)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = report.file_stem
    written: list[Path] = []
    html: str | None = None
    for fmt in formats:
        if fmt in ("html", "pdf") and html is None:
            html = render_html(report)
        if fmt == "html":
            path = out / f"{stem}.html"
            path.write_text(html or "", encoding="utf-8")
        elif fmt == "pdf":
            path = out / f"{stem}.pdf"
            write_pdf(html or "", path)
        elif fmt == "xlsx":
            from kizuna.reports.excel import write_excel

            path = out / f"{stem}.xlsx"
            write_excel(report, path)
        elif fmt == "md":
            files = {}
            for figure in report.figures():
                png = out / f"{stem}.{figure.key}.png"
                png.write_bytes(figure.png)
                written.append(png)
                files[figure.key] = png.name
            path = out / f"{stem}.md"
            path.write_text(render_markdown(report, files), encoding="utf-8")
        else:
            raise ConfigError(f"Unknown report format {fmt!r}.")
        logger.info("wrote %s", path)
        written.append(path)
    return written
