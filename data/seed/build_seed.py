"""Generator of the seed bundle (data/seed/*.csv) from the best-practice collection.

The CSVs are the committed truth; this script is how they were written, kept so that a
correction is made in one place.  Run from the repository root::

    python data/seed/build_seed.py

Every row carries provenance: ``source_ref`` (line numbers of
shared/seed/cluster-best-practices-2010.ja.txt), a verbatim ``evidence`` quote (checked
here against the cited lines, whitespace-insensitive) and a ``confidence``.
The rows themselves, chapter by chapter, are in seed_rows.py next to this file; the rows an
independent second reading added are in seed_review.py (appended after them, so that the
positional tie ids t001… of seed_rows.py stay stable).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from kizuna.graph.geo import find_prefecture  # noqa: E402
from kizuna.graph.model import (  # noqa: E402
    CONFIDENCE_LEVELS,
    DIRECTED_TIE_KINDS,
    ORG_KINDS,
    PARTICIPATION_ROLES,
    PROGRAM_KINDS,
    REGIONS,
    TIE_KINDS,
)

SEED_TEXT = ROOT.parent / "shared" / "seed" / "cluster-best-practices-2010.ja.txt"
if not SEED_TEXT.exists():  # the shared folder sits beside the repository
    SEED_TEXT = Path("/work/shared/seed/cluster-best-practices-2010.ja.txt")
LINES = SEED_TEXT.read_text(encoding="utf-8").split("\n")
REF_RE = re.compile(r"^seed:L(\d+)(?:-(\d+))?((?:,L?\d+(?:-\d+)?)*)$")

# Coordinates for overseas nodes: the city the text names, else the country's capital.
OVERSEAS_COORDS: dict[str, tuple[float, float]] = {
    "フランス": (48.857, 2.352),
    "アルザス": (48.573, 7.752),  # Strasbourg
    "スイス": (46.948, 7.447),
    "ローザンヌ": (46.520, 6.633),
    "フィンランド": (60.170, 24.938),
    "タンペレ": (61.498, 23.761),
    "EU": (50.850, 4.352),  # Brussels
    "韓国": (37.566, 126.978),
    "中国": (39.904, 116.407),
    "大連": (38.914, 121.615),
    "インドネシア": (-6.208, 106.846),
    "メキシコ": (19.433, -99.133),
    "オランダ": (52.368, 4.904),
    "シンガポール": (1.352, 103.820),
    "台湾": (25.033, 121.565),
    "ノルウェー": (59.914, 10.752),
    "スウェーデン": (59.329, 18.069),
    "香港": (22.320, 114.169),
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def ref_lines(ref: str) -> list[int]:
    """Line numbers named by a ``seed:L..`` reference."""
    m = REF_RE.match(ref)
    if not m:
        raise ValueError(f"bad source_ref {ref!r}")
    out: list[int] = []
    parts = [f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1)]
    parts += [p.lstrip("L") for p in m.group(3).split(",") if p]
    for part in parts:
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return out


def check_evidence(ref: str, evidence: str, what: str) -> None:
    if ref == "outside":
        return
    lines = ref_lines(ref)
    if max(lines) > len(LINES):
        raise ValueError(f"{what}: {ref} beyond the document")
    text = _squash("".join(LINES[n - 1] for n in lines))
    if _squash(evidence) not in text:
        raise ValueError(f"{what}: evidence {evidence!r} not in {ref}")


NODE_COLUMNS = [
    "id", "name", "kind", "cluster", "region", "prefecture", "lat", "lon", "name_en",
    "aliases", "evidence", "source_ref", "confidence", "note",
]
TIE_COLUMNS = [
    "id", "source", "target", "kind", "directed", "since", "until", "weight", "evidence",
    "source_ref", "confidence", "program", "deals", "amount_yen", "participants", "firms", "note",
]
CLUSTER_COLUMNS = [
    "id", "name", "name_en", "region", "field", "body", "since", "until", "evidence",
    "source_ref", "confidence", "note",
]
PROGRAM_COLUMNS = [
    "id", "name", "name_en", "kind", "host", "since", "until", "deals", "amount_yen",
    "participants", "firms", "evidence", "source_ref", "confidence", "note",
]
PARTICIPATION_COLUMNS = [
    "program", "organization", "role", "since", "evidence", "source_ref", "confidence",
]

NODES: list[dict[str, object]] = []
TIES: list[dict[str, object]] = []
CLUSTERS: list[dict[str, object]] = []
PROGRAMS: list[dict[str, object]] = []
PARTICIPATION: list[dict[str, object]] = []


def L(a: int, b: int | None = None) -> str:
    return f"seed:L{a}" if b is None else f"seed:L{a}-{b}"


def node(
    id: str,
    name: str,
    kind: str,
    ref: str,
    ev: str,
    conf: str = "confirmed",
    *,
    cluster: str = "",
    region: str = "",
    pref: str = "",
    en: str = "",
    aliases: str = "",
    note: str = "",
    place: str = "",
) -> str:
    assert kind in ORG_KINDS, (id, kind)
    assert conf in CONFIDENCE_LEVELS, (id, conf)
    check_evidence(ref, ev, f"node {id}")
    lat = lon = ""
    found = find_prefecture(pref) if pref else None
    if found is not None:
        pref = found.name
        if region and region != found.region:
            raise ValueError(f"node {id}: region {region} but {pref} is {found.region}")
        region = found.region
        lat, lon = f"{found.lat:.3f}", f"{found.lon:.3f}"
    elif pref or place:
        region = "overseas"
        key = place or pref
        if key in OVERSEAS_COORDS:
            la, lo = OVERSEAS_COORDS[key]
            lat, lon = f"{la:.3f}", f"{lo:.3f}"
    assert region == "" or region in REGIONS, (id, region)
    NODES.append(
        {
            "id": id, "name": name, "kind": kind, "cluster": cluster, "region": region,
            "prefecture": pref, "lat": lat, "lon": lon, "name_en": en, "aliases": aliases,
            "evidence": ev, "source_ref": ref, "confidence": conf, "note": note,
        }
    )
    return id


def cluster(
    id: str,
    name: str,
    en: str,
    region: str,
    field: str,
    ref: str,
    ev: str,
    *,
    body: str,
    body_name: str | None = None,
    body_ref: str | None = None,
    body_ev: str | None = None,
    body_kind: str = "cluster_body",
    body_en: str = "",
    pref: str = "",
    aliases: str = "",
    note: str = "",
    body_note: str = "",
    place: str = "",
) -> str:
    check_evidence(ref, ev, f"cluster {id}")
    CLUSTERS.append(
        {
            "id": id, "name": name, "name_en": en, "region": region, "field": field,
            "body": body, "since": "", "until": "", "evidence": ev, "source_ref": ref,
            "confidence": "confirmed", "note": note,
        }
    )
    node(
        body, body_name or name, body_kind, body_ref or ref, body_ev or ev,
        cluster=id, region=region, pref=pref, en=body_en or (en if body_name is None else ""),
        aliases=aliases, note=body_note or "promotion body (推進組織) of the cluster",
        place=place,
    )
    return id


def tie(
    source: str,
    target: str,
    kind: str,
    ref: str,
    ev: str,
    conf: str = "confirmed",
    *,
    directed: bool | None = None,
    since: int | str = "",
    until: int | str = "",
    program: str = "",
    deals: float | str = "",
    amount_yen: float | str = "",
    participants: float | str = "",
    firms: float | str = "",
    note: str = "",
) -> None:
    assert kind in TIE_KINDS, kind
    assert conf in CONFIDENCE_LEVELS, conf
    check_evidence(ref, ev, f"tie {source}->{target}")
    if directed is None:
        directed = kind in DIRECTED_TIE_KINDS
    TIES.append(
        {
            "id": f"t{len(TIES) + 1:03d}", "source": source, "target": target, "kind": kind,
            "directed": "true" if directed else "false", "since": since, "until": until,
            "weight": "", "evidence": ev, "source_ref": ref, "confidence": conf,
            "program": program, "deals": deals, "amount_yen": amount_yen,
            "participants": participants, "firms": firms, "note": note,
        }
    )


def program(
    id: str,
    name: str,
    kind: str,
    ref: str,
    ev: str,
    conf: str = "confirmed",
    *,
    host: str = "",
    en: str = "",
    since: int | str = "",
    until: int | str = "",
    deals: float | str = "",
    amount_yen: float | str = "",
    participants: float | str = "",
    firms: float | str = "",
    note: str = "",
) -> str:
    assert kind in PROGRAM_KINDS, kind
    check_evidence(ref, ev, f"program {id}")
    PROGRAMS.append(
        {
            "id": id, "name": name, "name_en": en, "kind": kind, "host": host,
            "since": since, "until": until, "deals": deals, "amount_yen": amount_yen,
            "participants": participants, "firms": firms, "evidence": ev,
            "source_ref": ref, "confidence": conf, "note": note,
        }
    )
    return id


def part(
    prog: str,
    org: str,
    role: str,
    ref: str,
    ev: str,
    conf: str = "confirmed",
    *,
    since: int | str = "",
) -> None:
    assert role in PARTICIPATION_ROLES, role
    check_evidence(ref, ev, f"participation {prog}/{org}")
    PARTICIPATION.append(
        {
            "program": prog, "organization": org, "role": role, "since": since,
            "evidence": ev, "source_ref": ref, "confidence": conf,
        }
    )


OUT = HERE


def write(name: str, rows: list[dict[str, object]], columns: list[str]) -> None:
    with (OUT / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})


def main() -> None:
    """Write the five CSVs into data/seed, or into the folder given as ``--out DIR``."""
    global OUT
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        OUT = Path(sys.argv[2])
        OUT.mkdir(parents=True, exist_ok=True)
    sys.modules.setdefault("build_seed", sys.modules[__name__])
    import seed_rows  # noqa: F401  (fills the tables when imported)

    # isort: split
    import seed_review  # noqa: F401  (the review's additions: after seed_rows, for the tie ids)

    write("nodes", NODES, NODE_COLUMNS)
    write("ties", TIES, TIE_COLUMNS)
    write("clusters", CLUSTERS, CLUSTER_COLUMNS)
    write("programs", PROGRAMS, PROGRAM_COLUMNS)
    write("participation", PARTICIPATION, PARTICIPATION_COLUMNS)
    ids = [n["id"] for n in NODES]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ValueError(f"duplicate node ids {sorted(dup)}")
    known = set(ids)
    for t in TIES:
        for end in (t["source"], t["target"]):
            if end not in known:
                raise ValueError(f"tie {t['id']} endpoint {end} unknown")
    progs = {p["id"] for p in PROGRAMS}
    for p in PARTICIPATION:
        if p["organization"] not in known or p["program"] not in progs:
            raise ValueError(f"participation {p} refers to unknown ids")
    for p in PROGRAMS:
        if p["host"] and p["host"] not in known:
            raise ValueError(f"program {p['id']} host unknown")
    print(
        f"nodes {len(NODES)} ties {len(TIES)} clusters {len(CLUSTERS)} "
        f"programs {len(PROGRAMS)} participation {len(PARTICIPATION)}"
    )


if __name__ == "__main__":
    main()
