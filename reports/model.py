"""The report document model: sections of sentences, tables and figures.

A :class:`Report` is independent of the output format: the HTML, PDF, Markdown and Excel
renderers all walk the same sections.  Table frames keep canonical (English) column keys and
raw values (numbers stay numbers); headers are translated at render time from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Table:
    """One table of a section.

    Parameters
    ----------
    key : str
        Catalogue key of the table (caption ``table.<key>``, Excel sheet ``sheet.<key>``).
    frame : pandas.DataFrame
        Rows to show; columns are canonical keys translated with ``col.<column>``.
    empty_text : str
        What to print instead of the table when it has no rows.
    excel_only : tuple of str
        Columns written to Excel only (e.g. ids next to the names they identify).
    page_limit : int, optional
        Rows shown in HTML/PDF/Markdown at most; the page says how many were left out.
    """

    key: str
    frame: pd.DataFrame
    empty_text: str = ""
    #: Columns kept in Excel but left out of the HTML/PDF/Markdown page (ids beside names).
    excel_only: tuple[str, ...] = ()
    #: Rows shown on the page at most (Excel always has them all); None: no limit.
    page_limit: int | None = None

    @property
    def keep_together(self) -> bool:
        """Short enough to print on one page unbroken (few rows, no long-text columns)."""
        long_text = {"evidence", "reasons", "citation"}
        return len(self.frame) <= 12 and not long_text & {str(c) for c in self.frame.columns}

    @property
    def truncated(self) -> bool:
        return self.page_limit is not None and len(self.frame) > self.page_limit

    @property
    def empty(self) -> bool:
        """No rows, or nothing in them: every number zero or missing and every text cell
        after the leading label columns empty (the page then says why in ``empty_text``)."""
        frame = self.frame
        if len(frame) == 0:
            return True
        numeric = [
            pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            for c in frame.columns
        ]
        if not any(numeric):
            return False
        first = numeric.index(True)
        for column, is_number in zip(frame.columns[first:], numeric[first:], strict=True):
            values = frame[column]
            if is_number:
                if (values.astype("float64").fillna(0.0) != 0).any():
                    return False
            elif values.map(lambda v: isinstance(v, str) and v.strip() != "").any():
                return False
        return True


@dataclass
class Figure:
    """A figure, embedded as inline SVG (HTML/PDF) and PNG (Excel/Markdown).

    ``render(fmt)`` draws it as ``"svg"`` or ``"png"`` bytes; each format is drawn only
    when a renderer first asks for it, then kept.
    """

    key: str
    caption: str
    render: Callable[[str], bytes]
    _cache: dict[str, bytes] = field(default_factory=dict, repr=False)

    def _get(self, fmt: str) -> bytes:
        if fmt not in self._cache:
            self._cache[fmt] = self.render(fmt)
        return self._cache[fmt]

    @property
    def svg(self) -> str:
        return self._get("svg").decode("utf-8")

    @property
    def png(self) -> bytes:
        return self._get("png")


@dataclass
class BulletList:
    """A bulleted list, optionally introduced by a sentence."""

    items: list[str]
    intro: str = ""


@dataclass
class Section:
    """A headed part of the report: paragraphs, bullet lists, then tables and figures."""

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    lists: list[BulletList] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Finding:
    """A key finding of page 1: one sentence with its numbers and the section it comes from."""

    text: str
    target: str


@dataclass
class Report:
    """A whole report about one cluster (``kind="cluster"``) or one organization (``"org"``)."""

    kind: str
    subject_id: str
    title: str
    lang: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    #: The subject's name in the other language (page 1 shows both), and its place/field.
    other_name: str = ""
    #: When the data was loaded (store) or written (bundle files), in JST, for page 1 and
    #: the footer.
    data_date: str = ""
    findings: list[Finding] = field(default_factory=list)
    #: Page 1's numbers at a glance (item, count), counted in this dataset.
    glance: Table | None = None
    #: The Excel workbook's data sheets (organizations, ties, roles, gaps, partners), in
    #: order; the page tables stay in the sections.
    sheets: list[Table] = field(default_factory=list)
    #: Short name for the page footer.
    footer: str = ""

    def tables(self) -> list[Table]:
        """Every table of every section, in document order."""
        return [table for section in self.sections for table in section.tables]

    def figures(self) -> list[Figure]:
        """Every figure of every section, in document order."""
        return [fig for section in self.sections for fig in section.figures]

    def section(self, key: str) -> Section:
        """The section with key ``key`` (KeyError when the report has none)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def table(self, key: str) -> Table:
        """The table with catalogue key ``key`` (KeyError when the report has none)."""
        for table in [*self.tables(), *self.sheets]:
            if table.key == key:
                return table
        raise KeyError(key)

    @property
    def file_stem(self) -> str:
        """File name without extension: ``cluster-tama.ja`` / ``org-org_tama_kyokai.en``."""
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.subject_id)
        return f"{self.kind}-{safe}.{self.lang}"
