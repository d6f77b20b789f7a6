"""Every malformed bundle under tests/data/bad/ reports exactly the expected problems.

tests/data/bad/expected.csv (made by tests/data/bad/make_bad.py) lists, per bundle,
every problem with its severity, code, file, spreadsheet row and column, and for the
hostile inputs the part of the English message that says what is wrong ("says").
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from kizuna.graph.errors import BundleError
from kizuna.loaders import LoadProblem, check_bundle, open_bundle

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def _expected() -> dict[str, Counter[tuple[str, str, str, int | None, str | None]]]:
    out: dict[str, Counter[tuple[str, str, str, int | None, str | None]]] = {}
    with open(BAD / "expected.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (
                r["severity"],
                r["code"],
                r["file"],
                int(r["row"]) if r["row"] else None,
                r["column"] or None,
            )
            out.setdefault(r["bundle"], Counter())[key] += 1
    return out


EXPECTED = _expected()


def _says() -> dict[str, list[tuple[tuple[str, str, str, int | None, str | None], str]]]:
    out: dict[str, list[tuple[tuple[str, str, str, int | None, str | None], str]]] = {}
    with open(BAD / "expected.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["says"]:
                key = (
                    r["severity"],
                    r["code"],
                    r["file"],
                    int(r["row"]) if r["row"] else None,
                    r["column"] or None,
                )
                out.setdefault(r["bundle"], []).append((key, r["says"]))
    return out


SAYS = _says()


def _key(p: LoadProblem) -> tuple[str, str, str, int | None, str | None]:
    return (p.severity, p.code, p.file, p.row, p.column)


@pytest.mark.parametrize("name", sorted(SAYS))
def test_hostile_input_message_says_what_is_wrong(name):
    _, problems = check_bundle(BAD / name)
    for key, says in SAYS[name]:
        texts = [p.message for p in problems if _key(p) == key]
        assert texts and any(says in t for t in texts), (key, says, texts)


def test_at_least_thirty_bad_bundles():
    assert len(EXPECTED) >= 30
    on_disk = {p.name for p in BAD.iterdir() if p.is_dir() or p.suffix in (".zip", ".xlsx")}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_bundle_reports_exact_problems(name):
    _, problems = check_bundle(BAD / name)
    got = Counter((p.severity, p.code, p.file, p.row, p.column) for p in problems)
    assert got == EXPECTED[name]
    for p in problems:
        assert p.message and p.hint, p  # every problem says what is wrong and what to do
        assert p.message_ja, p


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_errors_block_open_and_warnings_do_not(name):
    has_error = any(sev == "error" for sev, *_ in EXPECTED[name])
    if has_error:
        with pytest.raises(BundleError) as err:
            open_bundle(BAD / name)
        text = str(err.value)
        assert "Traceback" not in text and "nothing was written" in text
    else:
        open_bundle(BAD / name)


def test_problem_text_has_japanese_title_then_english():
    _, problems = check_bundle(BAD / "unknown_org_kind")
    [p] = problems
    assert str(p).startswith("nodes.csv, row 4, column 'kind': 種類（kind）が不明です / ")
    assert "'daigaku' is not a known kind" in str(p) and "use one of: company" in str(p)
    d = p.as_dict()
    assert (d["code"], d["row"], d["column"], d["severity"]) == ("unknown_kind", 4, "kind", "error")
