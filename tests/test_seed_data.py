"""The seed bundle (data/seed) against its source document and the bundle contract.

Every row must point back to lines of shared/seed/cluster-best-practices-2010.ja.txt with
a verbatim quote; every id it uses must exist; the cross-region ties the document is
known for must be there.  Plain csv reading: no store needed.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.geo import find_prefecture
from kizuna.graph.model import (
    CONFIDENCE_LEVELS,
    DIRECTED_TIE_KINDS,
    ORG_KINDS,
    PARTICIPATION_ROLES,
    PROGRAM_KINDS,
    REGIONS,
    TIE_KINDS,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed"
DOC_CANDIDATES = (
    ROOT.parent / "shared" / "seed" / "cluster-best-practices-2010.ja.txt",
    Path("/work/shared/seed/cluster-best-practices-2010.ja.txt"),
)
DOC_LINES = 683
FILES = ("nodes", "ties", "clusters", "programs", "participation")
REF_RE = re.compile(r"^(seed:L\d+(-\d+)?(,L?\d+(-\d+)?)*|outside)$")
NUMBER_COLUMNS = ("deals", "amount_yen", "participants", "firms")


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    with (SEED / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def doc() -> tuple[str, ...] | None:
    for path in DOC_CANDIDATES:
        if path.exists():
            return tuple(path.read_text(encoding="utf-8").split("\n"))
    return None


def cited_lines(ref: str) -> list[int]:
    """Line numbers of ``seed:L12``, ``seed:L12-14``, ``seed:L12,L20-21`` (or ``,20``)."""
    assert ref.startswith("seed:")
    out: list[int] = []
    for part in ref[len("seed:") :].split(","):
        first, _, last = part.lstrip("L").partition("-")
        out.extend(range(int(first), int(last or first) + 1))
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def all_rows() -> list[tuple[str, int, dict[str, str]]]:
    return [(name, i + 2, row) for name in FILES for i, row in enumerate(table(name))]


def nodes_by_id() -> dict[str, dict[str, str]]:
    return {n["id"]: n for n in table("nodes")}


def body_of(cluster_id: str) -> str:
    return next(c["body"] for c in table("clusters") if c["id"] == cluster_id)


def ties_between(a: set[str], b: set[str], kinds: set[str] | None = None) -> list[dict[str, str]]:
    """Ties with one end in ``a`` and the other in ``b`` (either direction)."""
    return [
        t
        for t in table("ties")
        if (kinds is None or t["kind"] in kinds)
        and ((t["source"] in a and t["target"] in b) or (t["source"] in b and t["target"] in a))
    ]


def cluster_side(cluster_id: str) -> set[str]:
    """The ids of a cluster's nodes (body, coordinators, members)."""
    return {n["id"] for n in table("nodes") if n["cluster"] == cluster_id}


# --- files and provenance ------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_files_are_utf8_without_bom_and_not_empty(name: str) -> None:
    raw = (SEED / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    assert len(table(name)) > 0


def test_every_row_has_provenance() -> None:
    for name, line, row in all_rows():
        where = f"{name}.csv line {line}"
        assert REF_RE.match(row["source_ref"]), f"{where}: source_ref {row['source_ref']!r}"
        assert row["evidence"].strip(), f"{where}: empty evidence"
        assert row["confidence"] in CONFIDENCE_LEVELS, f"{where}: confidence"
        if row["source_ref"] == "outside":
            assert row["confidence"] == "uncertain", f"{where}: outside facts are uncertain"


def test_cited_lines_exist_and_evidence_is_verbatim() -> None:
    lines = doc()
    if lines is None:
        pytest.skip("the seed document is not beside the repository")
    assert len(lines) == DOC_LINES
    for name, line, row in all_rows():
        if row["source_ref"] == "outside":
            continue
        numbers = cited_lines(row["source_ref"])
        assert all(1 <= n <= DOC_LINES for n in numbers), f"{name}.csv line {line}"
        text = squash("".join(lines[n - 1] for n in numbers))
        assert squash(row["evidence"]) in text, (
            f"{name}.csv line {line}: evidence {row['evidence']!r} not in {row['source_ref']}"
        )


def test_no_personal_names_from_the_text() -> None:
    # The only person the document names (a K-RIP member firm's director, L487).
    for name, line, row in all_rows():
        assert "米窪" not in " ".join(row.values()), f"{name}.csv line {line}"


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(1, DOC_LINES), st.integers(0, 5)), min_size=1, max_size=4))
def test_cited_lines_parses_like_a_brute_force_expansion(parts: list[tuple[int, int]]) -> None:
    spans = [(a, min(a + d, DOC_LINES)) for a, d in parts]
    text = ",".join(f"L{a}" if a == b else f"L{a}-{b}" for a, b in spans)
    ref = "seed:" + text
    assert REF_RE.match(ref)
    expected = [n for a, b in spans for n in range(a, b + 1)]
    assert cited_lines(ref) == expected


def cited_text(ref: str) -> str:
    lines = doc()
    assert lines is not None
    return "".join(lines[n - 1] for n in cited_lines(ref))


WESTERN_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
HEISEI_RE = re.compile(r"(?:平成|(?<![A-Za-z])H)\s*(\d{1,2})(?!\d)")
YEN_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(億|千万|万)(?:\s*(\d+)\s*(千万|万))?\s*円")
YEN_UNITS = {"億": 100_000_000, "千万": 10_000_000, "万": 10_000}


def years_in(text: str) -> set[int]:
    """Western years a text states: 2005, 平成 17 / H17 (= 1988 + n), and the year before
    any of them when the text says 昨年 (last year)."""
    t = unicodedata.normalize("NFKC", text)
    years = {int(y) for y in WESTERN_YEAR_RE.findall(t)}
    years |= {1988 + int(n) for n in HEISEI_RE.findall(t)}
    if "昨年" in t:
        years |= {y - 1 for y in years}
    return years


def figures_in(text: str) -> set[float]:
    """Numbers a text states, yen amounts written with 億/千万/万 as plain yen, and the sums
    of two or three stated numbers (10 社 + 50 社 attending = 60)."""
    t = unicodedata.normalize("NFKC", text).replace(",", "")
    numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", t)]
    out = set(numbers)
    for k in (2, 3):
        out |= {sum(c) for c in itertools.combinations(numbers, k)}
    for a, unit_a, b, unit_b in YEN_RE.findall(t):
        out.add(float(a) * YEN_UNITS[unit_a] + (float(b) * YEN_UNITS[unit_b] if b else 0))
    return out


@settings(deadline=None)
@given(st.integers(1, 31), st.booleans(), st.booleans())
def test_years_in_converts_heisei_like_the_issue_says(n: int, wide: bool, last_year: bool) -> None:
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    digits = str(n).translate(full_width) if wide else str(n)
    text = f"平成 {digits} 年度" + ("に、昨年" if last_year else "")
    expected = {1988 + n} | ({1987 + n} if last_year else set())
    assert years_in(text) == expected
    assert years_in(f"H{n}年度") == {1988 + n}


def test_figures_in_reads_oku_and_man_yen() -> None:
    assert 2_000_000_000 in figures_in("約 60 件、約 20 億円を超えている")
    assert 180_000_000 in figures_in("1億8千万円の売り上げ")
    assert 100_000 in figures_in("評価費用として 10 万円で")
    assert 61 not in figures_in("10 社を招き、参加企業数は 50 社")


def test_years_are_stated_on_the_cited_lines() -> None:
    if doc() is None:
        pytest.skip("the seed document is not beside the repository")
    for name in ("ties", "programs", "participation", "clusters"):
        for line, row in enumerate(table(name), start=2):
            if not row["source_ref"].startswith("seed:"):
                continue
            stated = years_in(cited_text(row["source_ref"]))
            for col in ("since", "until"):
                if row.get(col):
                    assert int(row[col]) in stated, (
                        f"{name}.csv line {line}: {col}={row[col]} is not a year stated on "
                        f"{row['source_ref']} (stated: {sorted(stated)})"
                    )


def test_figures_are_stated_on_the_cited_lines() -> None:
    if doc() is None:
        pytest.skip("the seed document is not beside the repository")
    for name in ("ties", "programs"):
        for line, row in enumerate(table(name), start=2):
            if not row["source_ref"].startswith("seed:"):
                continue
            stated = figures_in(cited_text(row["source_ref"]))
            for col in NUMBER_COLUMNS:
                if row.get(col):
                    assert float(row[col]) in stated, (
                        f"{name}.csv line {line}: {col}={row[col]} not on {row['source_ref']}"
                    )


# --- ids, references and vocabularies --------------------------------------------------


@pytest.mark.parametrize("name", ["nodes", "clusters", "programs", "ties"])
def test_ids_are_unique_ascii(name: str) -> None:
    ids = [r["id"] for r in table(name)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in ids), name


def test_references_resolve() -> None:
    nodes = nodes_by_id()
    clusters = {c["id"] for c in table("clusters")}
    programs = {p["id"] for p in table("programs")}
    for n in table("nodes"):
        assert n["cluster"] == "" or n["cluster"] in clusters, n["id"]
    for t in table("ties"):
        assert t["source"] in nodes and t["target"] in nodes, t["id"]
        assert t["source"] != t["target"], t["id"]
        assert t["program"] == "" or t["program"] in programs, t["id"]
    for p in table("programs"):
        assert p["host"] == "" or p["host"] in nodes, p["id"]
    seen = set()
    for p in table("participation"):
        assert p["program"] in programs and p["organization"] in nodes, p
        assert (p["program"], p["organization"]) not in seen, p
        seen.add((p["program"], p["organization"]))


def test_every_cluster_has_exactly_one_body_of_its_own() -> None:
    nodes = nodes_by_id()
    for c in table("clusters"):
        body = nodes[c["body"]]
        assert body["cluster"] == c["id"], c["id"]
        assert body["kind"] in ("cluster_body", "foreign_body"), c["id"]
        bodies = [
            n for n in table("nodes") if n["cluster"] == c["id"] and n["kind"] == "cluster_body"
        ]
        assert len(bodies) <= 1, c["id"]
        assert c["region"] == body["region"], c["id"]
    with_body = {c["body"] for c in table("clusters")}
    assert {n["id"] for n in table("nodes") if n["kind"] == "cluster_body"} <= with_body


def test_vocabularies() -> None:
    for n in table("nodes"):
        assert n["kind"] in ORG_KINDS, n["id"]
        assert n["region"] == "" or n["region"] in REGIONS, n["id"]
    for c in table("clusters"):
        assert c["region"] in REGIONS, c["id"]
    for t in table("ties"):
        assert t["kind"] in TIE_KINDS, t["id"]
        assert t["directed"] in ("true", "false"), t["id"]
        if t["kind"] in DIRECTED_TIE_KINDS:
            assert t["directed"] == "true", t["id"]
    for p in table("programs"):
        assert p["kind"] in PROGRAM_KINDS, p["id"]
    for p in table("participation"):
        assert p["role"] in PARTICIPATION_ROLES, p


def test_years_and_figures_are_plain_numbers() -> None:
    for name in ("ties", "programs", "participation", "clusters"):
        for row in table(name):
            for col in ("since", "until"):
                value = row.get(col, "")
                assert value == "" or 2001 <= int(value) <= 2010, (name, row)
            if row.get("since") and row.get("until"):
                assert int(row["since"]) <= int(row["until"]), (name, row)
            for col in NUMBER_COLUMNS:
                value = row.get(col, "")
                assert value == "" or float(value) > 0, (name, col, row)


def test_coordinates_follow_the_prefecture_table() -> None:
    for n in table("nodes"):
        pref = find_prefecture(n["prefecture"]) if n["prefecture"] else None
        if pref is not None:
            assert n["prefecture"] == pref.name, n["id"]
            assert n["region"] == pref.region, n["id"]
            assert (float(n["lat"]), float(n["lon"])) == (pref.lat, pref.lon), n["id"]
        elif n["prefecture"]:
            assert n["region"] == "overseas", n["id"]
        if n["region"] == "overseas":
            assert n["kind"] in ("foreign_body",), n["id"]
        if n["lat"]:
            assert -90 <= float(n["lat"]) <= 90 and -180 <= float(n["lon"]) <= 180, n["id"]
        assert bool(n["lat"]) == bool(n["lon"]), n["id"]


# --- the document's named clusters and cross-region ties -------------------------------


def test_required_cluster_ids_and_the_18_project_regions() -> None:
    clusters = {c["id"]: c for c in table("clusters")}
    assert clusters["tama"]["name"].startswith("首都圏西部ネットワーク")
    assert clusters["kansai_green"]["name"].startswith("環境ビジネス KANSAI")
    domestic = {c["region"] for c in clusters.values()} - {"overseas"}
    assert domestic == set(REGIONS) - {"overseas"}
    assert len(clusters) >= 18


def test_tama_dispatches_coordinators_to_hokuriku_and_shikoku() -> None:
    tama = cluster_side("tama")
    for target in ("hokuriku", "shikoku"):
        dispatch = ties_between(tama, {body_of(target)}, {"coordinator_dispatch"})
        assert dispatch, target
        assert all(t["source"] in tama and t["directed"] == "true" for t in dispatch)
        pr = ties_between(tama, {body_of(target)}, {"support"})
        assert [float(t["firms"]) for t in pr] == [5.0], target


def test_pacs_alliance_reaches_tohoku_chugoku_kyushu_okinawa() -> None:
    nodes = nodes_by_id()
    pacs = ties_between({body_of("kansai_green")}, set(nodes), {"alliance"})
    partners = {
        t["target"] if t["source"] == body_of("kansai_green") else t["source"] for t in pacs
    }
    regions = {nodes[p]["region"] for p in partners}
    assert {"tohoku", "chugoku", "kyushu", "okinawa"} <= regions
    assert all(nodes[p]["kind"] == "cluster_body" for p in partners)
    cases = [p for p in table("programs") if "PACs success case" in p["note"]]
    assert len(cases) == 4


def test_hokkaido_kansai_bio_matching_since_2003() -> None:
    ties = ties_between({body_of("hokkaido_bio")}, {body_of("kansai_bio")}, {"matching"})
    assert len(ties) == 1
    (t,) = ties
    assert t["since"] == "2003"
    assert float(t["deals"]) == 60
    assert float(t["amount_yen"]) >= 2_000_000_000
    assert t["program"] and t["source_ref"].startswith("seed:L324")


def test_tohoku_joins_ksp_matching_with_large_firms() -> None:
    ksp = {n["id"] for n in table("nodes") if n["kind"] == "science_park"}
    assert ties_between(cluster_side("tohoku"), ksp, {"matching"})


def test_chuo_expressway_tama_suwa_triangle() -> None:
    chuo, tama = cluster_side("chuo_expressway"), cluster_side("tama")
    assert ties_between(chuo, tama, {"partnership"})
    assert ties_between(chuo, tama, {"coordinator_dispatch"})
    suwa = {n["id"] for n in table("nodes") if n["name"].startswith("諏訪")}
    assert suwa and ties_between(chuo, suwa, {"coordinator_dispatch"})


def test_okinawa_environment_event_is_co_hosted_across_three_regions() -> None:
    bodies = {body_of(c) for c in ("okinawa", "kansai_green", "chugoku_env")}
    co = [
        t
        for t in table("ties")
        if t["kind"] == "co_hosting" and {t["source"], t["target"]} <= bodies
    ]
    assert len(co) == 3


def test_overseas_ties_include_mous_with_foreign_bodies() -> None:
    nodes = nodes_by_id()
    foreign = {i for i, n in nodes.items() if n["region"] == "overseas"}
    mous = [t for t in table("ties") if t["kind"] == "mou" and {t["source"], t["target"]} & foreign]
    assert len(mous) >= 3
    countries = {
        nodes[i]["prefecture"] for t in mous for i in (t["source"], t["target"]) if i in foreign
    }
    assert {"韓国", "中国", "スイス"} <= countries


def test_cross_region_ties_are_a_minority_but_present() -> None:
    nodes = nodes_by_id()
    regional = [
        t for t in table("ties") if nodes[t["source"]]["region"] and nodes[t["target"]]["region"]
    ]
    cross = [t for t in regional if nodes[t["source"]]["region"] != nodes[t["target"]]["region"]]
    assert 10 <= len(cross) < len(regional)


def test_the_organization_kinds_the_issue_names_are_all_present() -> None:
    # Issue 5: companies, universities, banks, public agencies, associations, science
    # parks, overseas bodies, coordinator roles and the clusters' bodies.
    kinds = {n["kind"] for n in table("nodes")}
    wanted = {"company", "university", "bank", "agency", "association", "science_park"}
    assert wanted | {"foreign_body", "coordinator", "cluster_body"} <= kinds


def test_coordinator_roles_are_members_of_their_own_cluster() -> None:
    nodes = nodes_by_id()
    for n in table("nodes"):
        if n["kind"] != "coordinator":
            continue
        assert n["cluster"], n["id"]
        homes = [
            t["target"]
            for t in table("ties")
            if t["kind"] == "membership" and t["source"] == n["id"]
        ]
        assert homes and all(nodes[h]["cluster"] == n["cluster"] for h in homes), n["id"]


def test_tohoku_reaches_the_capital_region_through_ksp_and_its_exchange_meetings() -> None:
    nodes = nodes_by_id()
    kanto = {i for i, n in nodes.items() if n["region"] == "kanto"}
    ties = ties_between({body_of("tohoku")}, kanto, {"matching"})
    assert {nodes[t["target"]]["kind"] for t in ties} >= {"science_park", "other"}
    assert any(t["amount_yen"] for t in ties)


# --- the loaders agree -------------------------------------------------------------


def test_loaders_open_the_seed_without_any_problem() -> None:
    from kizuna import loaders
    from kizuna.loaders.readers import read_bundle
    from kizuna.loaders.validate import validate_bundle

    bundle, problems = read_bundle(SEED)
    problems = [*problems, *validate_bundle(bundle)]
    assert problems == [], "\n".join(str(p) for p in problems)
    opened = loaders.open_bundle(SEED)
    assert len(opened.nodes) == len(table("nodes"))
    assert len(opened.ties) == len(table("ties"))


def test_generator_reproduces_the_committed_csvs(tmp_path: Path) -> None:
    if doc() is None:
        pytest.skip("the seed document is not beside the repository")
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, str(SEED / "build_seed.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in FILES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (SEED / f"{name}.csv").read_bytes(), (
            f"{name}.csv differs from data/seed/build_seed.py's output: regenerate it"
        )
