"""`kizuna report` checks that every requested format can be made before writing a file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kizuna.cli import cli
from kizuna.graph.errors import KizunaError
from kizuna.reports.fonts import BUNDLED_FAMILY, bundled_font_path, font_face_css, japanese_font

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


def test_no_file_is_written_when_pdf_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if WeasyPrint were missing
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "report",
            "--cluster",
            "tama",
            "--format",
            "html,xlsx,pdf",
            "--input",
            str(SEED),
            "--out",
            str(out),
        ],
    )
    assert isinstance(result.exception, KizunaError)
    assert "PDF output needs WeasyPrint" in str(result.exception)
    assert not out.exists() or not any(out.iterdir())


def test_the_bundled_font_is_there_and_named_in_the_pdf_css() -> None:
    path = bundled_font_path()
    assert path.exists() and path.suffix == ".ttf"
    css = font_face_css()
    assert path.resolve().as_uri() in css
    assert f'"kizuna {BUNDLED_FAMILY}"' in css.splitlines()[-1]  # in the family list
    assert japanese_font().family  # a system Noto CJK here, the bundled font elsewhere
