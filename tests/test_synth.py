"""Tests of the synthetic network generator (kizuna.synth) and `kizuna synth`."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kizuna.graph.bundle import Bundle, empty_frame
from kizuna.graph.errors import KizunaError
from kizuna.graph.geo import prefecture_coordinates
from kizuna.graph.model import (
    CONFIDENCE_LEVELS,
    DIRECTED_TIE_KINDS,
    ORG_KINDS,
    PARTICIPATION_ROLES,
    PROGRAM_KINDS,
    REGIONS,
    TIE_KINDS,
    phase_of,
)
from kizuna.synth.model import layout
from kizuna.synth.network import FILES, synthesize, write_synth


@pytest.fixture(scope="module")
def net() -> Bundle:
    return synthesize(10_000, seed=7)


def degrees(b: Bundle) -> pd.Series:
    ends = pd.concat([b.ties["source"], b.ties["target"]])
    return ends.value_counts().reindex(b.nodes["id"], fill_value=0)


def within_share(b: Bundle) -> float:
    cl = b.nodes.set_index("id")["cluster"]
    s, t = b.ties["source"].map(cl), b.ties["target"].map(cl)
    return float((s.notna() & (s == t)).mean())


def check_invariants(b: Bundle, n: int, seed: int) -> None:
    """Rules every synthetic bundle keeps, whatever its size (docs/bundle-format.md)."""
    nodes, ties = b.nodes, b.ties
    ids = set(nodes["id"])
    assert len(nodes) == n and nodes["id"].is_unique
    assert ties["source"].isin(ids).all() and ties["target"].isin(ids).all()
    assert (ties["source"] != ties["target"]).all()
    assert ties["id"].is_unique
    pair = pd.DataFrame(
        {"a": ties[["source", "target"]].min(axis=1), "b": ties[["source", "target"]].max(axis=1)}
    )
    assert not pair.duplicated().any()  # not even (a, b) and (b, a) twice
    assert set(nodes["kind"]) <= set(ORG_KINDS)
    assert set(ties["kind"]) <= set(TIE_KINDS)
    assert set(nodes["region"]) <= set(REGIONS)
    for frame in (nodes, ties, b.clusters, b.programs, b.participation):
        assert set(frame["confidence"]) <= set(CONFIDENCE_LEVELS)
        assert (frame["source_ref"] == f"synth:{seed}").all()
    assert (ties["directed"] == ties["kind"].isin(DIRECTED_TIE_KINDS)).all()
    assert set(b.clusters["body"]) <= ids and set(b.programs["host"]) <= ids
    assert set(nodes["cluster"].dropna()) == set(b.clusters["id"])
    assert set(b.participation["organization"]) <= ids
    assert set(b.participation["program"]) <= set(b.programs["id"])
    assert not b.participation[["program", "organization"]].duplicated().any()
    assert set(b.programs["kind"]) <= set(PROGRAM_KINDS)
    assert set(b.participation["role"]) <= set(PARTICIPATION_ROLES)
    assert ties["since"].between(2001, 2012).all()
    until = ties["until"].dropna()
    assert (until >= ties["since"][until.index]).all() and (until <= 2012).all()
    assert nodes["lat"].between(-90, 90).all() and nodes["lon"].between(-180, 180).all()


def test_invariants_10k(net: Bundle) -> None:
    check_invariants(net, 10_000, 7)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(50, 1500),
    seed=st.integers(0, 2**31),
    ties_per_org=st.sampled_from([0.5, 1.0, 2.5, 5.0, 8.0]),
)
def test_invariants_any_size(n: int, seed: int, ties_per_org: float) -> None:
    b = synthesize(n, seed=seed, ties_per_org=ties_per_org)
    check_invariants(b, n, seed)
    target = round(n * ties_per_org)
    # small dense networks run out of free pairs in their few clusters (≥ 0.94 seen at n=50)
    assert 0.9 * target <= len(b.ties) <= target
    assert within_share(b) == pytest.approx(0.87, abs=0.1)


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    one = write_synth(tmp_path / "a", 3000, seed=11)
    write_synth(tmp_path / "b", 3000, seed=11)
    write_synth(tmp_path / "c", 3000, seed=12)
    assert one.rows["nodes"] == 3000
    for file in FILES:
        a = (tmp_path / "a" / f"{file}.csv").read_bytes()
        assert a == (tmp_path / "b" / f"{file}.csv").read_bytes(), file
    assert (tmp_path / "a" / "ties.csv").read_bytes() != (tmp_path / "c" / "ties.csv").read_bytes()


def test_file_and_bundle_agree(tmp_path: Path) -> None:
    """write_synth's files hold the rows synthesize returns (read back by the loaders)."""
    from kizuna.loaders import check_bundle, open_bundle

    write_synth(tmp_path / "s", 2000, seed=5)
    assert check_bundle(tmp_path / "s")[1] == []  # not even a warning
    read = open_bundle(tmp_path / "s")  # strict: any error in the bundle raises
    made = synthesize(2000, seed=5)
    for file in FILES:
        assert len(read.frame(file)) == len(made.frame(file)), file
    pd.testing.assert_series_equal(read.nodes["id"], made.nodes["id"])
    pd.testing.assert_series_equal(read.ties["target"], made.ties["target"])
    assert read.nodes["lat"].to_numpy() == pytest.approx(made.nodes["lat"].to_numpy())
    assert (read.ties["directed"] == made.ties["directed"]).all()


def test_zip_bundle_opens(tmp_path: Path) -> None:
    from kizuna.loaders import open_bundle

    s = write_synth(tmp_path / "net.zip", 500, seed=1, fmt="zip")
    b = open_bundle(tmp_path / "net.zip")
    assert len(b.ties) == s.rows["ties"] and len(b.nodes) == 500


def test_xlsx_bundle_opens(tmp_path: Path) -> None:
    from kizuna.loaders import open_bundle

    write_synth(tmp_path / "net.xlsx", 300, seed=2, fmt="xlsx")
    b = open_bundle(tmp_path / "net.xlsx")
    made = synthesize(300, seed=2)
    assert list(b.ties["id"]) == list(made.ties["id"])
    assert list(b.nodes["name"]) == list(made.nodes["name"])
    with pytest.raises(KizunaError, match="Excel"):
        write_synth(tmp_path / "big.xlsx", 300_000, fmt="xlsx")
    assert not (tmp_path / "big.xlsx").exists()


def test_size_and_within_cluster_share(net: Bundle) -> None:
    assert abs(len(net.ties) - 50_000) <= 500
    assert within_share(net) == pytest.approx(0.87, abs=0.05)


@pytest.mark.parametrize("share", [0.5, 0.95])
def test_within_share_follows_the_option(share: float) -> None:
    b = synthesize(3000, seed=1, within_share=share)
    assert within_share(b) == pytest.approx(share, abs=0.02)


def test_degree_tail_heavier_than_poisson(net: Bundle) -> None:
    deg = degrees(net).to_numpy()
    mean = deg.mean()
    assert deg.max() >= 10 * mean
    # a Poisson graph of this mean has practically no node above mean + 6 sd
    assert (deg > mean + 6 * math.sqrt(mean)).sum() >= 20
    # Hill estimate of the exponent γ of P(k) ∝ k^−γ on the top 5 % (generated with 2.8)
    top = np.sort(deg.astype(float))[::-1][: len(deg) // 20 + 1]
    gamma = 1 + (len(top) - 1) / np.log(top[:-1] / top[-1]).sum()
    assert 2.3 < gamma < 3.3
    # few isolates; the giant component holds nearly everyone
    assert (deg == 0).mean() < 0.01


def test_cluster_count_scales() -> None:
    assert layout(10_000)[0] == 20 and layout(5_000)[0] == 18
    assert layout(1_000_000)[0] == 2000
    assert layout(200, ties_per_org=5)[0] < 18  # small networks: fewer, bigger clusters


def test_clusters_have_one_body_and_regions(net: Bundle) -> None:
    nodes = net.nodes
    bodies = nodes[nodes["kind"] == "cluster_body"]
    assert bodies["cluster"].is_unique and set(bodies["cluster"]) == set(net.clusters["id"])
    body_of = dict(zip(net.clusters["id"], net.clusters["body"], strict=True))
    assert all(body_of[c] == i for i, c in zip(bodies["id"], bodies["cluster"], strict=True))
    assert len(net.clusters) == 20
    # the 18 regional templates cover Hokkaido to Okinawa; members share their cluster's region
    assert set(net.clusters["region"]) == set(REGIONS) - {"overseas"}
    region_of = net.clusters.set_index("id")["region"]
    members = nodes[nodes["cluster"].notna()]
    assert (members["cluster"].map(region_of) == members["region"]).all()
    overseas = nodes[nodes["region"] == "overseas"]
    assert 1 <= len(overseas) <= 20 and (overseas["kind"] == "foreign_body").all()


def test_kind_mix(net: Bundle) -> None:
    share = net.nodes["kind"].value_counts(normalize=True)
    assert 0.7 < share["company"] < 0.85
    for kind in ("university", "bank", "agency", "association", "research_institute"):
        assert 0.01 < share[kind] < 0.1, kind
    assert (net.nodes["kind"] == "coordinator").sum() == len(net.clusters)


def test_cross_region_ties_mostly_bodies_hubs_coordinators(net: Bundle) -> None:
    nodes = net.nodes.set_index("id")
    deg = degrees(net)
    hub = deg >= deg.quantile(0.99)
    special = nodes["kind"].isin(["cluster_body", "coordinator", "foreign_body"]) | hub
    s, t = net.ties["source"], net.ties["target"]
    cross = (s.map(nodes["region"]) != t.map(nodes["region"])).to_numpy()
    assert 0.02 < cross.mean() < 0.13  # sparse
    either = (s.map(special) | t.map(special)).to_numpy()
    assert either[cross].mean() > 0.6
    assert either[cross].mean() > 2 * either[~cross].mean()
    dispatch = net.ties[net.ties["kind"] == "coordinator_dispatch"]
    assert len(dispatch) > 0 and dispatch["directed"].all()
    assert (dispatch["source"].map(nodes["kind"]) == "coordinator").all()
    finance = net.ties[net.ties["kind"] == "finance"]
    assert (finance["source"].map(nodes["kind"]) == "bank").all()


def test_programs_span_clusters(net: Bundle) -> None:
    cl = net.nodes.set_index("id")["cluster"]
    part = net.participation.assign(cluster=net.participation["organization"].map(cl))
    spread = part.dropna(subset=["cluster"]).groupby("program")["cluster"].nunique()
    assert len(net.programs) >= 10
    assert (spread >= 2).mean() > 0.5
    counts = net.participation.groupby("program").size()
    assert (net.programs.set_index("id")["participants"] == counts).all()
    hosts = net.participation[net.participation["role"] == "host"]
    assert dict(zip(hosts["program"], hosts["organization"], strict=True)) == dict(
        zip(net.programs["id"], net.programs["host"], strict=True)
    )


def test_years_span_the_policy_phases(net: Bundle) -> None:
    phases = net.ties["since"].map(lambda y: phase_of(int(y))).value_counts(normalize=True)
    assert set(phases.index) == {"launch", "growth", "self_reliance"}
    assert phases.min() > 0.1
    cl_since = net.clusters.set_index("id")["since"]
    assert cl_since.between(2001, 2009).all()


def test_coordinates_near_prefectural_capital(net: Bundle) -> None:
    domestic = net.nodes[net.nodes["region"] != "overseas"].head(3000)
    for _, row in domestic.iterrows():
        where = prefecture_coordinates(row["prefecture"])
        assert where is not None
        assert abs(row["lat"] - where[0]) < 0.6 and abs(row["lon"] - where[1]) < 0.6


def test_canonical_dtypes(net: Bundle) -> None:
    for file in FILES:
        frame, empty = net.frame(file), empty_frame(file)
        assert list(frame.columns) == list(empty.columns), file
        assert frame.dtypes.to_dict() == empty.dtypes.to_dict(), file
    text = net.nodes["aliases"]
    assert text.map(lambda v: v is None).all()  # empty text is None, not NaN
    assert all(isinstance(v, str) for v in net.nodes["name"])


def test_japanese_names_and_english(net: Bundle) -> None:
    assert net.nodes["name"].str.contains("合成|コーディネータ|推進機関|海外").all()
    assert net.nodes["name_en"].notna().all() and net.clusters["name_en"].notna().all()


def test_bad_options_are_plain_errors(tmp_path: Path) -> None:
    with pytest.raises(KizunaError, match="--orgs"):
        synthesize(10)
    with pytest.raises(KizunaError, match="--ties-per-org"):
        synthesize(100, ties_per_org=0)
    with pytest.raises(KizunaError, match="--seed"):
        synthesize(100, seed=-1)
    with pytest.raises(KizunaError, match="within_share"):
        synthesize(100, within_share=1.5)
    write_synth(tmp_path, 100)
    with pytest.raises(KizunaError, match="--overwrite"):
        write_synth(tmp_path, 100)
    write_synth(tmp_path, 120, overwrite=True)
    assert len(pd.read_csv(tmp_path / "nodes.csv")) == 120
    with pytest.raises(KizunaError, match=r"\.zip"):
        write_synth(tmp_path / "x.csv", 100, fmt="zip")


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kizuna.cli import main

    out = tmp_path / "net"
    main(["synth", "--orgs", "300", "--seed", "4", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "ties.csv" in printed and "kizuna load" in printed
    assert (out / "participation.csv").is_file()
    nodes = pd.read_csv(out / "nodes.csv", encoding="utf-8-sig")
    assert len(nodes) == 300 and (nodes["source_ref"] == "synth:4").all()
    with pytest.raises(SystemExit) as exc:
        main(["synth", "--orgs", "300", "--out", str(out)])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "--overwrite" in err and "Traceback" not in err
    main(["synth", "--orgs", "300", "--out", str(tmp_path / "n.zip")])
    assert (tmp_path / "n.zip").is_file()
    main(["synth", "--orgs", "300", "--out", str(tmp_path / "n.xlsx")])
    assert (tmp_path / "n.xlsx").is_file() and not (tmp_path / "n.xlsx.partial").exists()


def test_synthesize_arrays_bounded() -> None:
    """The generator keeps ids compact: a node id's width is the digits of n."""
    b = synthesize(999, seed=0)
    assert b.nodes["id"].str.len().eq(4).all()
    assert np.all(b.ties["id"].str.startswith("t"))
