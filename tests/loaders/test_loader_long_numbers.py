"""A number too long for a float is shown as words in its problem, never as ``inf``."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from kizuna.loaders import check_bundle

TINY = Path(__file__).resolve().parents[2] / "data" / "examples" / "tiny"


def _set_cell(path: Path, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_5001_digit_numbers_are_named_not_shown_as_inf(tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    shutil.copytree(TINY, bundle)
    _set_cell(bundle / "ties.csv", "weight", "9" * 5001)
    _set_cell(bundle / "nodes.csv", "lat", "9" * 5001)
    _, problems = check_bundle(bundle)
    shown = {(p.column, p.message) for p in problems if p.column in ("weight", "lat")}
    assert shown == {
        ("weight", "a number with too many digits is not a positive weight"),
        ("lat", "a number with too many digits is out of range"),
    }
    assert not any("inf" in p.message for p in problems)


def test_a_bundle_saved_without_its_ending_is_read(tmp_path: Path) -> None:
    """`kizuna export --format xlsx --out snapshot` writes a workbook named 'snapshot'."""
    from kizuna.loaders.readers import read_bundle
    from kizuna.loaders.writers import write_bundle

    bundle, _ = read_bundle(TINY)
    for fmt in ("xlsx", "zip"):
        written = Path(write_bundle(bundle, tmp_path / f"as-{fmt}.{fmt}", fmt=fmt))
        bare = written.with_suffix("")
        written.rename(bare)
        again, problems = read_bundle(bare)
        assert not [p for p in problems if not p.warning], problems
        assert again.nodes["id"].tolist() == bundle.nodes["id"].tolist()
        assert len(again.ties) == len(bundle.ties)
