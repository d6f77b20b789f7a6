"""Fill a bundle's organizations with registry facts, and say what was matched and how.

Matching, per organization (node):

1. by ``corporate_number`` when the bundle gives one (its check digit is verified when
   the bundle is read: a wrong one stops everything);
2. else by name: the comparison key of :func:`kizuna.loaders.resolve.name_key` (NFKC,
   legal-form words such as 株式会社 / (株) / ㈱ / 有限会社 / 一般社団法人 removed before or
   after the name, spaces and ・ removed, lower case) within the bundle's prefecture
   (all prefectures when the bundle has none; a national body, 法人種別 101, matches in
   any prefecture); then the node's aliases; then former names (a name the registry
   replaced by a newer one); last, a university's school corporation (慶應義塾大学 →
   学校法人慶應義塾).

One registry entry → ``name_prefecture``; two or more → ``candidates`` (their numbers in
the note, nothing filled); none → ``none``.  Entries whose publication was withdrawn
(処理区分 99) are never matched by name.

A matched organization gets the columns of :data:`FILLED` where its cell is empty; a
value the bundle has is never overwritten, and a registry value that disagrees with it is
reported in the note.  Closed registrations (登記記録の閉鎖等) give ``closed`` (the date)
and ``successor`` (承継先法人番号, a merger); a name that differs from the registry's is
reported with both names.
"""

from __future__ import annotations

import csv
import logging
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kizuna.graph.bundle import Bundle
from kizuna.graph.cells import safe_csv_cell
from kizuna.graph.errors import BundleError
from kizuna.graph.geo import find_prefecture
from kizuna.loaders.resolve import name_key
from kizuna.registry import spec
from kizuna.registry.store import Registry

log = logging.getLogger(__name__)

#: The columns of enrich-report.csv, in order (a contract).
REPORT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "match",
    "corporate_number",
    "registry_name",
    "closed",
    "successor",
    "note",
)
#: The node columns filled from the registry where empty (added to nodes.csv if missing).
FILLED: tuple[str, ...] = (
    "corporate_number",
    "prefecture",
    "city",
    "address",
    "name_kana",
    "name_en",
)
MATCHES: tuple[str, ...] = ("number", "name_prefecture", "candidates", "none")
REPORT_NAME = "enrich-report.csv"
#: At most this many candidates are listed in a note.
MAX_CANDIDATES = 20


@dataclass
class Enriched:
    """The enriched bundle, the report (one row per organization) and counts per match."""

    bundle: Bundle
    report: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)
    filled: dict[str, int] = field(default_factory=dict)


def registry_values(row: sqlite3.Row) -> dict[str, str | None]:
    """The node values a registry row gives, by column of :data:`FILLED`."""
    pref, city, street = row["prefecture"], row["city"], row["street"]
    domestic = "".join(p for p in (pref, city, street) if p)
    return {
        "corporate_number": f"{row['corporate_number']:013d}",
        "prefecture": pref,
        "city": city,
        "address": domestic or row["address_outside"],
        "name_kana": row["furigana"],
        "name_en": row["name_en"],
    }


def _same(column: str, a: str, b: str) -> bool:
    if column == "prefecture":
        pa_, pb = find_prefecture(a), find_prefecture(b)
        if pa_ is not None and pb is not None:
            return pa_.name == pb.name
    fa = unicodedata.normalize("NFKC", a).strip().casefold()
    fb = unicodedata.normalize("NFKC", b).strip().casefold()
    return " ".join(fa.split()) == " ".join(fb.split())


def _located_elsewhere(
    node: dict[str, str | None], values: dict[str, str | None]
) -> tuple[tuple[str, ...], str]:
    """(columns not to fill, note) when the bundle's prefecture is not the registry's.

    The registry's city and address would contradict the bundle's prefecture (which is
    kept), so neither is filled nor compared; the note names what was not filled.
    """
    have, theirs = node.get("prefecture"), values.get("prefecture")
    if have is None or theirs is None or _same("prefecture", have, theirs):
        return (), ""
    columns = ("city", "address")
    skipped = [f"{c} '{values[c]}'" for c in columns if values.get(c) and node.get(c) is None]
    if not skipped:
        return columns, ""
    text = "the prefectures differ: the registry's " + " and ".join(skipped) + " not filled"
    return columns, text


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    text = str(value)
    return text if text.strip() else None


class _Matcher:
    def __init__(self, reg: Registry):
        self.reg = reg

    def by_name(
        self, names: Iterable[str], prefecture: str | None, given_prefecture: bool
    ) -> tuple[list[sqlite3.Row], str | None, str]:
        """Registry rows for the first name with hits: (rows, former name info, how)."""
        for name in names:
            key = name_key(name)
            if not key:
                continue
            hits = self.reg.by_key(key, prefecture if given_prefecture else None)
            how = "name"
            if not hits and given_prefecture:
                hits = [r for r in self.reg.by_key(key, None) if r["kind"] == spec.NATIONAL_BODY]
                how = "national body"
            if hits:
                return hits, None, how
            former = self.reg.by_former_key(key, prefecture if given_prefecture else None)
            if former:
                rows = [r for r, _, _ in former]
                info = "; ".join(f"'{old}' until {until}" for _, old, until in former)
                return rows, info, "former name"
        for name in names:  # 慶應義塾大学 is run by 学校法人慶應義塾
            key = name_key(name)
            if len(key) > 2 and key.endswith("大学"):
                hits = self.reg.by_key(key[:-2], prefecture if given_prefecture else None)
                hits = [r for r in hits if "学校法人" in (r["name"] or "")]
                if hits:
                    return hits, None, "school corporation"
        return [], None, ""


def enrich_bundle(bundle: Bundle, reg: Registry) -> Enriched:
    """The bundle with registry facts filled in, and the report.

    Parameters
    ----------
    bundle : Bundle
        A valid bundle (as read).
    reg : Registry
        An open registry.

    Returns
    -------
    Enriched
        ``report`` has the columns :data:`REPORT_COLUMNS`, one row per node in order.
    """
    nodes = bundle.nodes.copy()
    for col in FILLED:
        if col not in nodes:
            nodes[col] = pd.Series([None] * len(nodes), dtype=object, index=nodes.index)
        else:
            nodes[col] = nodes[col].astype(object)
    matcher = _Matcher(reg)
    report: list[dict[str, str]] = []
    counts = dict.fromkeys(MATCHES, 0)
    filled = dict.fromkeys(FILLED, 0)
    for idx in nodes.index:
        node = {
            c: _text(nodes.at[idx, c])
            for c in nodes.columns
            if c in (*FILLED, "id", "name", "aliases")
        }
        entry, rec = _match(node, matcher)
        counts[rec["match"]] += 1
        if entry is not None:
            notes = [rec["note"]] if rec["note"] else []
            values = registry_values(entry)
            unfilled, located = _located_elsewhere(node, values)
            for col, value in values.items():
                have = node.get(col)
                if value is None or col in unfilled:
                    continue
                if have is None:
                    nodes.at[idx, col] = value
                    filled[col] += 1
                elif not _same(col, have, value):
                    notes.append(f"{col}: bundle '{have}', registry '{value}' (the bundle's kept)")
            if located:
                notes.append(located)
            rec["note"] = "; ".join(notes)
        report.append(rec)
    source = list(bundle.source_columns.get("nodes") or _written(bundle))
    source += [c for c in FILLED if c not in source]
    out = bundle.with_frames(nodes=nodes)
    out.source_columns = {**bundle.source_columns, "nodes": tuple(source)}
    frame = pd.DataFrame(report, columns=list(REPORT_COLUMNS), dtype=object)
    return Enriched(out, frame, counts, filled)


def _written(bundle: Bundle) -> list[str]:
    from kizuna.loaders.writers import written_columns

    return written_columns(bundle, "nodes")


def _match(
    node: dict[str, str | None], matcher: _Matcher
) -> tuple[sqlite3.Row | None, dict[str, str]]:
    """The registry row a node matches (or None) and its report row."""
    rec = dict.fromkeys(REPORT_COLUMNS, "")
    rec.update(id=node.get("id") or "", name=node.get("name") or "", match="none")
    if node.get("corporate_number"):
        return _match_number(rec, matcher.reg, node["corporate_number"] or "")
    return _match_name(rec, matcher, node)


def _match_number(
    rec: dict[str, str], reg: Registry, number: str
) -> tuple[sqlite3.Row | None, dict[str, str]]:
    name = rec["name"]
    rec["corporate_number"] = number
    row = reg.by_number(number)
    if row is None:
        rec["note"] = f"corporate number {number} is not in the registry"
        return None, rec
    if row["process"] == spec.DELETED:
        rec["note"] = (
            f"the registry withdrew corporate number {number} (削除) on {row['update_date']}"
        )
        return None, rec
    rec["match"] = "number"
    _describe(rec, row, reg)
    if name_key(name) != row["name_key"]:
        former = [u for old, u in reg.former_names(number) if name_key(old) == name_key(name)]
        registry = f"registry '{row['name']}'"
        if former:
            text = f"name changed: bundle '{name}' is the former name (until {former[-1]}), "
        else:
            text = f"name differs: bundle '{name}', "
        rec["note"] = _join(rec["note"], text + registry)
    return row, rec


def _match_name(
    rec: dict[str, str], matcher: _Matcher, node: dict[str, str | None]
) -> tuple[sqlite3.Row | None, dict[str, str]]:
    name = rec["name"]
    pref_text = node.get("prefecture")
    pref = find_prefecture(pref_text)
    prefecture = pref.name if pref is not None else pref_text
    aliases = [a for a in (node.get("aliases") or "").split("|") if a.strip()]
    hits, former, how = matcher.by_name([name, *aliases], prefecture, pref_text is not None)
    if not hits:
        where = f" in {prefecture}" if pref_text else ""
        rec["note"] = f"no registry entry with this name{where}"
        return None, rec
    if len(hits) > 1:
        rec["match"] = "candidates"
        listed = hits[:MAX_CANDIDATES]
        more = f" … and {len(hits) - len(listed)} more" if len(hits) > len(listed) else ""
        entries = "; ".join(
            f"{r['corporate_number']:013d} {r['name']} ({r['prefecture'] or ''}{r['city'] or ''})"
            for r in listed
        )
        rec["note"] = (
            f"{len(hits)} registry entries: {entries}{more}"
            " — write the right corporate_number in the bundle"
        )
        return None, rec
    row = hits[0]
    rec["match"] = "name_prefecture"
    rec["corporate_number"] = f"{row['corporate_number']:013d}"
    _describe(rec, row, matcher.reg)
    registry = f"registry '{row['name']}'"
    if former:
        text = f"name changed: bundle '{name}' is the former name ({former}), {registry}"
        rec["note"] = _join(rec["note"], text)
    elif name_key(name) != row["name_key"] and how != "school corporation":
        rec["note"] = _join(rec["note"], f"matched by an alias; {registry}")
    if how == "school corporation":
        text = f"the university's school corporation (学校法人): {row['name']}"
        rec["note"] = _join(rec["note"], text)
    elif how == "national body":
        text = f"national body (国の機関) registered in {row['prefecture']}"
        rec["note"] = _join(rec["note"], text)
    elif not pref_text:
        rec["note"] = _join(rec["note"], "matched by name alone (the bundle has no prefecture)")
    return row, rec


def _describe(rec: dict[str, str], row: sqlite3.Row, reg: Registry) -> None:
    rec["registry_name"] = row["name"] or ""
    rec["closed"] = row["close_date"] or ""
    rec["successor"] = row["successor"] or ""
    if row["close_date"]:
        cause = spec.CLOSE_CAUSE.get(row["close_cause"] or "", "")
        text = f"closed on {row['close_date']}" + (f" ({cause})" if cause else "")
        if row["successor"]:
            succ = reg.by_number(row["successor"])
            text += f", successor {row['successor']}" + (
                f" {succ['name']}" if succ is not None else ""
            )
        rec["note"] = _join(rec["note"], text)


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


def report_path(out: Path) -> Path:
    """Where the report goes: inside OUT for a folder, beside it for a .zip / .xlsx."""
    if out.suffix.lower() in (".zip", ".xlsx"):
        return out.with_name(f"{out.stem}-{REPORT_NAME}")
    return out / REPORT_NAME


def write_report(frame: pd.DataFrame, path: Path) -> Path:
    """The report as CSV, UTF-8 with a byte-order mark (Excel opens it correctly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(frame.columns)
        # text that begins like a formula stays text in Excel (graph.cells)
        writer.writerows([safe_csv_cell(v) for v in row] for row in frame.itertuples(index=False))
    return path


def enrich(bundle_path: str | Path, out: str | Path, data_dir: Path) -> Enriched:
    """Read and check a bundle, enrich it from the registry, validate, write OUT and the report.

    Raises
    ------
    BundleError
        The bundle has errors (nothing is written).
    RegistryMissing
        No registry in ``data_dir``.
    """
    from kizuna.loaders import check_bundle
    from kizuna.loaders.validate import validate_bundle
    from kizuna.loaders.writers import write_bundle

    with Registry.open(data_dir) as reg:
        bundle, problems = check_bundle(bundle_path)
        if any(p.severity == "error" for p in problems):
            raise BundleError(list(problems))
        result = enrich_bundle(bundle, reg)
    errors = [p for p in validate_bundle(result.bundle) if p.severity == "error"]
    if errors:  # a registry value the bundle format refuses: a bug, never write it
        raise BundleError(list(errors))
    out_path = Path(out)
    write_bundle(result.bundle, out_path)
    write_report(result.report, report_path(out_path))
    return result
