"""A member list (会員名簿) as a bundle: organizations of one cluster tied to its body.

Each row with a name becomes an organization (``cluster`` = the cluster id) with

- ``kind`` from the list's 種別 column when it names one, else inferred from the name
  (:func:`infer_kind`); unsure → ``other``, and the report says so;
- ``prefecture`` from the 都道府県 column, else the first prefecture named in the address
  (``region`` and the capital's ``lat``/``lon`` follow from it);
- ``corporate_number`` (check digit verified), ``name_en``, ``name_kana``, ``address``;
- ``source_ref`` = ``file:row`` (the row as the spreadsheet shows it);

and a ``membership`` tie to the cluster's body (``since`` = 入会年度 when given).  Rows
naming the same organization (same corporate number, or same name key in the same
prefecture) are one organization; so are organizations OUT already holds.  The cluster's
body is the one OUT's clusters.csv names (or OUT's cluster_body node of that cluster),
else the seed's (``body_<id>``), else a new body node ``body_<id>`` and cluster row.
Every row is kept or reported in the import report.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from kizuna.graph.bundle import (
    BOOL_COLUMNS,
    COLUMNS,
    FLOAT_COLUMNS,
    YEAR_COLUMNS,
    Bundle,
    empty_frame,
)
from kizuna.graph.cells import safe_csv_cell
from kizuna.graph.errors import BundleError
from kizuna.graph.geo import find_prefecture
from kizuna.loaders.corporate import is_valid
from kizuna.loaders.normalize import parse_year
from kizuna.loaders.resolve import name_key
from kizuna.registry.memberfile import MemberFileError, MemberTable, read_member_table
from kizuna.registry.orgtext import infer_kind, prefecture_in

REPORT_NAME = "import-report.csv"
REPORT_COLUMNS = ("row", "name", "status", "id", "kind", "prefecture", "note")
EXTRA_NODE_COLUMNS = ("address", "name_kana")


#: (kind, words): the first rule whose word the name (or 種別 cell) contains wins.
@dataclass
class Imported:
    """The bundle written, the report rows, and counts."""

    bundle: Bundle
    report: list[dict[str, Any]] = field(default_factory=list)
    added: int = 0
    merged: int = 0
    skipped: int = 0
    body: str = ""
    created_cluster: bool = False
    #: Where the cluster's body came from: ``out`` (already in OUT), ``seed`` or ``created``.
    body_origin: str = ""
    unknown_headers: list[str] = field(default_factory=list)


def _seed_rows(cluster: str) -> tuple[dict[str, str] | None, dict[str, str] | None]:
    """The seed's cluster row and body node for ``cluster``, when the seed has them."""
    seed = resources.files("kizuna").joinpath("seed")
    try:
        clusters = list(csv.DictReader(seed.joinpath("clusters.csv").open(encoding="utf-8-sig")))
        nodes = list(csv.DictReader(seed.joinpath("nodes.csv").open(encoding="utf-8-sig")))
    except OSError:
        return None, None
    row = next((r for r in clusters if r["id"] == cluster), None)
    if row is None:
        return None, None
    body = next((n for n in nodes if n["id"] == row.get("body")), None)
    return row, body


def _frame(rows: list[dict[str, Any]], table: str) -> pd.DataFrame:
    frame = empty_frame(table)
    if not rows:
        return frame
    extra = [c for r in rows for c in r if c not in frame.columns]
    data = pd.DataFrame(rows, columns=[*frame.columns, *dict.fromkeys(extra)])
    for col in data.columns:
        if col in FLOAT_COLUMNS:
            data[col] = pd.to_numeric(data[col], errors="coerce").astype("float64")
        elif col in YEAR_COLUMNS:
            data[col] = pd.array(
                [None if v is None or pd.isna(v) else int(v) for v in data[col]], dtype="Int64"
            )
        elif col in BOOL_COLUMNS:
            data[col] = data[col].fillna(False).astype(bool)
        else:
            data[col] = data[col].astype(object).where(data[col].notna(), None)
    return data


def _concat(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    if new.empty:
        return old
    if old.empty:
        return new.reset_index(drop=True)
    for col in new.columns:
        if col not in old.columns:
            old = old.assign(**{col: None})
    return pd.concat([old, new[[c for c in new.columns]]], ignore_index=True)


class _Builder:
    """Adds member rows to a bundle (the existing OUT, or an empty one)."""

    def __init__(self, bundle: Bundle, cluster: str, source: str):
        self.bundle = bundle
        self.cluster = cluster
        self.source = source
        nodes = bundle.nodes
        self.ids = set(nodes["id"].dropna())
        self.by_number: dict[str, str] = {}
        self.by_key: dict[tuple[str, str], str] = {}
        for nid, name, pref, num in zip(
            nodes["id"],
            nodes["name"],
            nodes["prefecture"] if "prefecture" in nodes else [None] * len(nodes),
            nodes["corporate_number"] if "corporate_number" in nodes else [None] * len(nodes),
            strict=True,
        ):
            if isinstance(num, str):
                self.by_number.setdefault(num, nid)
            self.by_key.setdefault((name_key(name), _pref_text(pref)), nid)
        ties = bundle.ties
        self.tied = {
            (s, t) for s, t, k in zip(ties["source"], ties["target"], ties["kind"], strict=True)
            if k == "membership"
        }  # fmt: skip
        self.new_nodes: list[dict[str, Any]] = []
        self.new_ties: list[dict[str, Any]] = []
        self.new_clusters: list[dict[str, Any]] = []
        self.created_cluster = False
        self.body_origin = "out"
        self.body = self._body()

    def _body(self) -> str:
        b = self.bundle
        if "clusters" in b.present:
            hit = b.clusters[b.clusters["id"] == self.cluster]
            if (
                len(hit)
                and isinstance(hit["body"].iloc[0], str)
                and hit["body"].iloc[0] in self.ids
            ):
                return str(hit["body"].iloc[0])
        nodes = b.nodes
        bodies = nodes[(nodes["kind"] == "cluster_body") & (nodes["cluster"] == self.cluster)]
        if len(bodies):
            return str(bodies["id"].iloc[0])
        seed_cluster, seed_body = _seed_rows(self.cluster)
        if seed_cluster is not None and seed_body is not None and seed_body["id"] not in self.ids:
            body = {k: (v if v != "" else None) for k, v in seed_body.items()}
            cluster = {k: (v if v != "" else None) for k, v in seed_cluster.items()}
            self.body_origin = "seed"
        else:
            self.body_origin = "created"
            self.created_cluster = True
            body_id = self._free_id(f"body_{self.cluster}")
            body = {
                "id": body_id,
                "name": self.cluster,
                "kind": "cluster_body",
                "cluster": self.cluster,
                "source_ref": self.source,
                "confidence": "uncertain",
                "note": "cluster body created by kizuna import members: give its real name",
            }
            cluster = {"id": self.cluster, "name": self.cluster, "body": body_id,
                       "source_ref": self.source, "confidence": "uncertain"}  # fmt: skip
        self.new_nodes.append(body)
        self.ids.add(body["id"])
        known = set(b.clusters["id"]) if "clusters" in b.present else set()
        if self.cluster not in known:
            self.new_clusters.append(cluster)
        return str(body["id"])

    def _free_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}_{n}"
        return candidate

    def add(self, table: MemberTable, line: int, cells: list[str | None]) -> dict[str, Any]:
        name = table.value(cells, "name")
        rec: dict[str, Any] = dict.fromkeys(REPORT_COLUMNS, "")
        rec.update(row=line, name=name or "")
        if name is None:
            rec.update(status="skipped", note="no name in this row")
            return rec
        number = _number(table.value(cells, "corporate_number"))
        address = table.value(cells, "address")
        pref = prefecture_in(table.value(cells, "prefecture")) or prefecture_in(address)
        kind, sure = infer_kind(name, table.value(cells, "kind"))
        notes = []
        if not sure:
            notes.append("kind unsure: set to other — correct it in nodes.csv")
        if pref is None:
            notes.append("prefecture unknown (no prefecture in the address)")
        since_text = table.value(cells, "since")
        since = _year(since_text)
        if since_text and since is None:
            notes.append(f"'{since_text}' is not a year: the membership has no since")
        existing = (self.by_number.get(number) if number else None) or self.by_key.get(
            (name_key(name), pref or "")
        )
        ref = f"{table.label}:{line}"
        if existing is not None:
            node_id = existing
            rec.update(
                status="merged", note="; ".join([f"same organization as {existing}", *notes])
            )
        else:
            node_id = self._free_id(f"corp_{number}" if number else f"m_{self.cluster}_{line}")
            p = find_prefecture(pref)
            field_text = table.value(cells, "field")
            note = "; ".join(t for t in (
                f"業種: {field_text}" if field_text else "", table.value(cells, "note") or ""
            ) if t) or None  # fmt: skip
            self.new_nodes.append({
                "id": node_id, "name": name, "kind": kind, "cluster": self.cluster,
                "region": p.region if p else None, "prefecture": pref,
                "lat": p.lat if p else None, "lon": p.lon if p else None,
                "name_en": table.value(cells, "name_en"), "corporate_number": number,
                "evidence": name, "source_ref": ref, "confidence": "confirmed", "note": note,
                "address": address, "name_kana": table.value(cells, "name_kana"),
            })  # fmt: skip
            self.ids.add(node_id)
            if number:
                self.by_number[number] = node_id
            self.by_key[(name_key(name), pref or "")] = node_id
            rec.update(status="added", note="; ".join(notes))
        if (node_id, self.body) not in self.tied:
            self.new_ties.append({
                "source": node_id, "target": self.body, "kind": "membership",
                "directed": False, "since": since, "evidence": name, "source_ref": ref,
                "confidence": "confirmed",
            })  # fmt: skip
            self.tied.add((node_id, self.body))
        rec.update(id=node_id, kind=kind, prefecture=pref or "")
        return rec

    def result(self) -> Bundle:
        b = self.bundle
        nodes = _concat(b.nodes, _frame(self.new_nodes, "nodes"))
        ties = _concat(b.ties, _frame(self.new_ties, "ties"))
        frames: dict[str, pd.DataFrame] = {"nodes": nodes, "ties": ties}
        present = set(b.present)
        if self.new_clusters or "clusters" in b.present:
            frames["clusters"] = _concat(b.clusters, _frame(self.new_clusters, "clusters"))
            present.add("clusters")
        out = b.with_frames(**frames)
        out.present = frozenset(present)
        out.source_columns = {t: _columns(out, b, t) for t in present}
        return out


def _columns(out: Bundle, old: Bundle, table: str) -> tuple[str, ...]:
    frame = out.frame(table)
    cols = list(old.source_columns.get(table) or COLUMNS[table].required)
    spec_cols = [*COLUMNS[table].columns, *(EXTRA_NODE_COLUMNS if table == "nodes" else ())]
    for col in [*spec_cols, *frame.columns]:
        if col in cols or col not in frame.columns:
            continue
        values = frame[col]
        if bool(values.any()) if col in BOOL_COLUMNS else bool(values.notna().any()):
            cols.append(col)
    return tuple(cols)


def _pref_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    p = find_prefecture(value)
    return p.name if p else value


def _number(text: str | None) -> str | None:
    if text is None:
        return None
    digits = re.sub(r"[\s\-‐－ー]", "", unicodedata.normalize("NFKC", text))
    return digits or None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text).strip()
    year = parse_year(folded)
    if year is None:
        m = re.match(r"^(\d{4})\s*[-/.年]", folded)
        year = int(m.group(1)) if m else None
    return year if year is not None and 1800 <= year <= 2100 else None


def check_numbers(table: MemberTable) -> None:
    """Every corporate number 13 digits with a right check digit, else one error for all."""
    bad = []
    for line, cells in table.rows:
        number = _number(table.value(cells, "corporate_number"))
        if number is not None and not is_valid(number):
            bad.append(f"row {line}: '{table.value(cells, 'corporate_number')}'")
    if bad:
        shown = "; ".join(bad[:10]) + (f"; … and {len(bad) - 10} more" if len(bad) > 10 else "")
        raise MemberFileError(
            f"{table.label}: corporate numbers that are not 13 digits with a right check digit "
            f"({shown}) — correct them or leave the cells empty; nothing was written"
        )


def import_members(
    path: str | Path, cluster: str, out: str | Path, mapping: dict[str, str] | None = None
) -> Imported:
    """Read a member list and write OUT: the bundle (OUT's own content kept) and the report.

    Raises
    ------
    MemberFileError
        The list cannot be imported (no name column, bad corporate numbers …).
    BundleError
        OUT exists and is not a valid bundle, or the result would not be one.
    """
    from kizuna.loaders import check_bundle
    from kizuna.loaders.validate import validate_bundle
    from kizuna.loaders.writers import write_bundle

    cluster = unicodedata.normalize("NFKC", cluster).strip()
    if not cluster:
        raise MemberFileError("--cluster: give the id of the cluster the members belong to")
    table = read_member_table(path, mapping)
    check_numbers(table)
    out_path = Path(out)
    if (out_path / "nodes.csv").exists() or (
        out_path.is_file() and out_path.suffix in (".zip", ".xlsx")
    ):
        bundle, problems = check_bundle(out_path)
        if any(p.severity == "error" for p in problems):
            raise BundleError(list(problems))
    else:
        bundle = Bundle()
    builder = _Builder(bundle, cluster, f"{table.label}:{table.header_row}")
    result = Imported(bundle, body=builder.body, unknown_headers=list(table.unknown))
    for header in table.unknown:
        rec: dict[str, Any] = dict.fromkeys(REPORT_COLUMNS, "")
        rec.update(row=table.header_row, name=header, status="unknown_header")
        rec["note"] = "column not recognized: not imported (name it with --map)"
        result.report.append(rec)
    for line, cells in table.rows:
        if not any(c is not None and c.strip() for c in cells):
            continue
        rec = builder.add(table, line, cells)
        result.report.append(rec)
        counter = {"added": "added", "merged": "merged", "skipped": "skipped"}[rec["status"]]
        setattr(result, counter, getattr(result, counter) + 1)
    result.bundle = builder.result()
    result.created_cluster = builder.created_cluster
    result.body_origin = builder.body_origin
    errors = [p for p in validate_bundle(result.bundle) if p.severity == "error"]
    if errors:
        raise BundleError(list(errors))
    write_bundle(result.bundle, out_path)
    write_report(result.report, report_path(out_path))
    return result


def report_path(out: Path) -> Path:
    if out.suffix.lower() in (".zip", ".xlsx"):
        return out.with_name(f"{out.stem}-{REPORT_NAME}")
    return out / REPORT_NAME


def write_report(rows: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(REPORT_COLUMNS), lineterminator="\r\n")
        writer.writeheader()
        # a name from the member list that begins like a formula stays text in Excel
        writer.writerows({k: safe_csv_cell(v) for k, v in row.items()} for row in rows)
    return path


__all__ = ["Imported", "MemberFileError", "import_members", "infer_kind", "prefecture_in"]
