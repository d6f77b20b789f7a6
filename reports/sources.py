"""Citations a reader can follow: ``source_ref`` values turned into document and place.

The seed network's ``source_ref`` values (``seed:L385``, ``seed:L393-401``) are line ranges
of one document, 「産業クラスター計画 ベストプラクティス集」 (日本立地センター, March 2010);
they are cited with its title and the lines.  Any other dataset's ``source_ref`` is printed
as given, followed by the title of the clusters.csv or programs.csv row that cites the same
reference, when one does.

Examples
--------
>>> seed_lines("seed:L393-401")
[(393, 401)]
>>> seed_lines("seed:L483,L485-487")
[(483, 483), (485, 487)]
>>> seed_lines("https://example.org/report.pdf") is None
True
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from kizuna.graph.bundle import Bundle
from kizuna.reports.i18n import Catalogue

_SEED = re.compile(r"^\s*seed\s*:\s*(.+)$", re.IGNORECASE)
_RANGE = re.compile(r"^\s*L?(\d+)(?:\s*[-–]\s*L?(\d+))?\s*$", re.IGNORECASE)


def seed_lines(ref: str) -> list[tuple[int, int]] | None:
    """The line ranges of a seed reference (``seed:L385`` → [(385, 385)], ``seed:L332,334``
    → [(332, 332), (334, 334)]), else None."""
    match = _SEED.match(str(ref))
    if not match:
        return None
    ranges = []
    for part in match.group(1).split(","):
        piece = _RANGE.match(part)
        if not piece:
            return None
        first = int(piece.group(1))
        ranges.append((first, max(first, int(piece.group(2) or first))))
    return ranges


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return str(value).strip()


def reference_titles(bundle: Bundle, lang: str) -> dict[str, str]:
    """Titles of non-seed references named by a clusters.csv or programs.csv row
    (its ``name``, or ``name_en`` in English), keyed by the row's ``source_ref``."""
    titles: dict[str, str] = {}
    for frame in (bundle.clusters, bundle.programs):
        if "source_ref" not in frame:
            continue
        for rec in frame.to_dict("records"):
            ref = _text(rec.get("source_ref"))
            if not ref or seed_lines(ref) is not None or ref in titles:
                continue
            name = _text(rec.get("name_en")) if lang == "en" else ""
            title = name or _text(rec.get("name"))
            if title:
                titles[ref] = title
    return titles


class Citations:
    """Cites ``source_ref`` values in one report language.

    Examples
    --------
    >>> c = Citations(Catalogue("ja"), {})
    >>> c.cite("seed:L393-401")
    '「産業クラスター計画 ベストプラクティス集」(2010) 393–401行'
    >>> c.cite("https://example.org/a.pdf")
    'https://example.org/a.pdf'
    """

    def __init__(self, cat: Catalogue, titles: dict[str, str]):
        self.cat = cat
        self.titles = titles

    def cite(self, ref: Any) -> str:
        """The document and place of one reference ("" when there is none)."""
        text = _text(ref)
        if not text:
            return ""
        ranges = seed_lines(text)
        if ranges is not None:
            sep = "、" if self.cat.lang == "ja" else ", "
            lines = sep.join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)
            single = len(ranges) == 1 and ranges[0][0] == ranges[0][1]
            return self.cat.t("source.seed_line" if single else "source.seed_lines", lines=lines)
        title = self.titles.get(text)
        return self.cat.t("source.titled", ref=text, title=title) if title else text

    def sort_key(self, ref: str) -> tuple[int, str, list[tuple[int, int]]]:
        ranges = seed_lines(ref)
        return (0, "", ranges) if ranges else (1, ref, [])

    def sources_frame(self, refs: pd.Series) -> pd.DataFrame:
        """One row per distinct reference: number, citation, the ties citing it."""
        clean = refs.map(_text)
        counts = clean[clean != ""].value_counts()
        order = sorted(counts.index, key=self.sort_key)
        return pd.DataFrame(
            {
                "number": list(range(1, len(order) + 1)),
                "citation": [self.cite(r) for r in order],
                "source_ref": order,
                "ties": [int(counts[r]) for r in order],
            }
        )

    def documents(self, refs: pd.Series) -> list[str]:
        """The full bibliographic entries of the documents cited (the seed document once)."""
        clean = [r for r in refs.map(_text) if r]
        out = []
        if any(seed_lines(r) is not None for r in clean):
            out.append(self.cat.t("source.seed_document"))
        return out
