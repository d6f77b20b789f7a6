"""GEXF and GraphML export: bundle → file → networkx / igraph equals the bundle."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kizuna.analytics import layout
from kizuna.graph.bolt_read import canonical_frame
from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import KizunaError
from kizuna.interop.gexf import PALETTE, POSITION_SCALE, node_size
from kizuna.interop.graphfiles import write_graph_file
from kizuna.loaders.readers import read_bundle
from tests.interop.readback import (
    as_igraph_values,
    expected_edges,
    expected_nodes,
    igraph_edges,
    igraph_nodes,
    nx_edges,
    nx_nodes,
)

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"
#: GEXF 1.3's normative RELAX NG grammar (tests/data/gexf-1.3/README.md).
GEXF_GRAMMAR = Path(__file__).resolve().parents[1] / "data" / "gexf-1.3" / "gexf.rng"


@functools.cache
def gexf_grammar() -> Any:
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(GEXF_GRAMMAR)))


def assert_valid_gexf(path: Path) -> None:
    from lxml import etree

    grammar = gexf_grammar()
    assert grammar.validate(etree.parse(str(path))), str(grammar.error_log)


@pytest.fixture(scope="module")
def seed() -> Bundle:
    return read_bundle(SEED)[0]


def read_igraph(path: Path) -> ig.Graph:
    with warnings.catch_warnings():  # igraph: "there is already an 'id' edge attribute"
        warnings.simplefilter("ignore", RuntimeWarning)
        return ig.Graph.Read_GraphML(str(path))


def ends(edges: dict, directed: bool) -> dict:
    """Edges with the ends of undirected edges as a sorted pair (readers may swap them)."""
    if directed:
        return edges
    return {k: (*sorted((s, t)), d) for k, (s, t, d) in edges.items()}


def check_gexf(bundle: Bundle, path: Path, drop: tuple[str, ...] = ()) -> nx.Graph:
    assert_valid_gexf(path)
    graph = nx.read_gexf(path)
    assert graph.is_directed() == bool(bundle.ties["directed"].any())
    nodes = expected_nodes(bundle)
    got = nx_nodes(graph, drop=("label", "viz", *drop))
    assert got == nodes
    for node, data in graph.nodes(data=True):
        assert data["label"] == nodes[node].get("name", node)
    edges = expected_edges(bundle)
    got_edges = nx_edges(graph, drop=("id", "start", "end"))
    assert ends(got_edges, graph.is_directed()) == ends(edges, graph.is_directed())
    for key, (_, _, data) in nx_edges(graph).items():
        assert data["id"] == key
        attrs = edges[key][2]
        assert (data.get("start"), data.get("end")) == (attrs.get("since"), attrs.get("until"))
    return graph


def check_graphml(bundle: Bundle, path: Path, drop: tuple[str, ...] = ()) -> None:
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.is_directed() == bool(bundle.ties["directed"].any())
    assert nx_nodes(graph, drop=drop) == expected_nodes(bundle)
    edges = expected_edges(bundle)
    got = nx_edges(graph)
    without_id = {
        k: (s, t, {a: v for a, v in d.items() if a != "id"}) for k, (s, t, d) in got.items()
    }
    assert ends(without_id, graph.is_directed()) == ends(edges, graph.is_directed())
    assert all(d["id"] == k for k, (_, _, d) in got.items())
    # igraph: the same counts and values (its missing values are "" / NaN)
    ig_graph = read_igraph(path)
    assert ig_graph.is_directed() == graph.is_directed()
    assert (ig_graph.vcount(), ig_graph.ecount()) == (len(expected_nodes(bundle)), len(edges))
    want_nodes = {n: as_igraph_values(a) for n, a in expected_nodes(bundle).items()}
    got_nodes = {
        n: {k: v for k, v in a.items() if k not in drop} for n, a in igraph_nodes(ig_graph).items()
    }
    assert got_nodes == want_nodes
    want_edges = {}
    for k, (s, t, attrs) in edges.items():
        kept = {a: v for a, v in as_igraph_values(attrs).items() if v is not False}
        want_edges[k] = (s, t, kept)
    got_edges = {
        k: (s, t, {a: v for a, v in d.items() if v is not False})
        for k, (s, t, d) in igraph_edges(ig_graph).items()
    }
    assert ends(got_edges, graph.is_directed()) == ends(want_edges, graph.is_directed())


# -- the seed network ----------------------------------------------------------------------


def test_seed_gexf_round_trip(seed: Bundle, tmp_path: Path) -> None:
    path = write_graph_file(seed, tmp_path / "seed.gexf", "gexf")
    graph = check_gexf(seed, path)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (137, 133)
    # one tie known by hand (ties.csv): an undirected plan in a directed file
    s, t, data = next((s, t, d) for s, t, k, d in graph.edges(keys=True, data=True) if k == "t101")
    assert (s, t) == ("body_hokkaido_it", "org_it_suishin_kyokai")
    assert data["directed"] is False and data["kind"] == "partnership"
    assert data["confidence"] == "reported" and data["source_ref"] == "seed:L612"


def test_seed_graphml_round_trip(seed: Bundle, tmp_path: Path) -> None:
    check_graphml(seed, write_graph_file(seed, tmp_path / "seed.graphml", "graphml"))


def test_undirected_network_is_an_undirected_file(seed: Bundle, tmp_path: Path) -> None:
    ties = seed.ties.assign(directed=False)
    bundle = seed.with_frames(ties=ties)
    gexf = check_gexf(bundle, write_graph_file(bundle, tmp_path / "u.gexf", "gexf"))
    assert not gexf.is_directed()
    assert all(d["directed"] is False for *_, d in gexf.edges(data=True))
    path = write_graph_file(bundle, tmp_path / "u.graphml", "graphml")
    check_graphml(bundle, path)
    assert 'edgedefault="undirected"' in path.read_text(encoding="utf-8")


def test_gexf_viz_colour_size_and_position(seed: Bundle, tmp_path: Path) -> None:
    graph = nx.read_gexf(write_graph_file(seed, tmp_path / "s.gexf", "gexf"))
    viz = {n: d["viz"] for n, d in graph.nodes(data=True)}
    # one colour per cluster, the app's palette (declared clusters first)
    first = seed.clusters["id"].iat[0]
    member = seed.nodes.loc[seed.nodes["cluster"] == first, "id"].iat[0]
    rgb = tuple(int(PALETTE[0][i : i + 2], 16) for i in (1, 3, 5))
    assert tuple(viz[member]["color"][c] for c in "rgb") == rgb
    by_cluster = seed.nodes.groupby("cluster")["id"].apply(list)
    for ids in by_cluster:
        assert len({tuple(viz[i]["color"].values()) for i in ids}) == 1
    # a different colour for every cluster (26 in the seed: more than the app's palette),
    # and grey for the organizations without one
    per_cluster = {tuple(viz[ids[0]]["color"].values()) for ids in by_cluster}
    assert len(per_cluster) == len(by_cluster) == 26
    loose = seed.nodes.loc[seed.nodes["cluster"].isna(), "id"]
    assert {tuple(viz[i]["color"][c] for c in "rgb") for i in loose} == {(154, 154, 154)}
    # size grows with degree (ties at either end)
    degree = pd.concat([seed.ties["source"], seed.ties["target"]]).value_counts()
    for node, v in viz.items():
        assert v["size"] == node_size(int(degree.get(node, 0)))
    hub = degree.index[0]
    assert viz[hub]["size"] > min(v["size"] for v in viz.values())
    # positions: the explorer's layout, scaled
    pos = layout.node_positions(layout.groups_of(seed.nodes), seed.ties) * POSITION_SCALE
    for node, v in viz.items():
        assert (v["position"]["x"], v["position"]["y"]) == (pos.at[node, "x"], pos.at[node, "y"])


def test_gexf_is_dynamic_in_integer_years(seed: Bundle, tmp_path: Path) -> None:
    text = write_graph_file(seed, tmp_path / "s.gexf", "gexf").read_text(encoding="utf-8")
    assert '<gexf xmlns="http://gexf.net/1.3"' in text and 'version="1.3"' in text
    assert 'xmlns:viz="http://gexf.net/1.3/viz"' in text
    assert 'mode="dynamic" timeformat="integer"' in text
    graph = nx.read_gexf(tmp_path / "s.gexf")
    starts = [d["start"] for *_, d in graph.edges(data=True) if "start" in d]
    assert starts and all(isinstance(s, int) and 2001 <= s <= 2030 for s in starts)


def test_with_metrics_adds_the_analysis_columns(seed: Bundle, tmp_path: Path) -> None:
    from kizuna.analytics.api import analyze

    metrics = analyze(seed).nodes
    for fmt in ("gexf", "graphml"):
        path = write_graph_file(seed, tmp_path / f"m.{fmt}", fmt, metrics=metrics)
        if fmt == "gexf":
            assert_valid_gexf(path)
        graph = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
        for row in metrics.to_dict("records"):
            data = graph.nodes[row["id"]]
            assert data["betweenness"] == pytest.approx(row["betweenness"], abs=0, rel=0)
            assert data["degree"] == row["degree"] and isinstance(data["degree"], int)
            assert data["role"] == row["role"]
            assert data["articulation_point"] is bool(row["articulation_point"])
    ig_graph = read_igraph(tmp_path / "m.graphml")
    got = dict(zip(ig_graph.vs["id"], ig_graph.vs["pagerank"], strict=True))
    assert got == dict(zip(metrics["id"], metrics["pagerank"], strict=True))


def test_palette_is_the_apps(seed: Bundle) -> None:
    from kizuna.dashboard.components import PALETTE as APP_PALETTE

    assert PALETTE == APP_PALETTE


def test_two_ties_with_one_id_is_a_plain_error(seed: Bundle, tmp_path: Path) -> None:
    ties = seed.ties.copy()
    ties.loc[1, "id"] = ties.loc[0, "id"]
    with pytest.raises(KizunaError, match="used twice"):
        write_graph_file(seed.with_frames(ties=ties), tmp_path / "x.gexf", "gexf")


# -- random small bundles with XML-hostile text ---------------------------------------------

HOSTILE = st.sampled_from(
    [
        "&",
        "<",
        ">",
        '"',
        "'",
        "\x00",
        "\x07",
        "\x1f",
        "\r",
        "\n",
        "\t",
        "\ufffe",
        "]]>",
        "&amp;",
        "絆",
        " ",
    ]
)
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=3)), max_size=4).map("".join)
IDS = st.lists(
    st.one_of(
        st.sampled_from(["&", "<", '"', "'", "絆", "a", "b"]),
        st.characters(min_codepoint=0x20, max_codepoint=0x2FF),
    ),
    min_size=1,
    max_size=3,
).map("".join)
# no subnormal numbers: igraph's GraphML reader refuses them (strtod's ERANGE: "Integer or
# double overflow"); no figure or coordinate is that small
FLOAT = st.one_of(
    st.none(), st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=False)
)
YEAR = st.one_of(st.none(), st.integers(1990, 2030))


@st.composite
def bundles(draw: st.DrawFn) -> Bundle:
    ids = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    nodes = [
        {
            "id": i,
            "name": draw(TEXT) or "n",
            "kind": draw(st.sampled_from(["company", "university", "R&D <lab>"])),
            "cluster": draw(st.one_of(st.none(), st.sampled_from(["c1", "c&2"]))),
            "region": draw(st.one_of(st.none(), TEXT)),
            "lat": draw(FLOAT),
            "lon": draw(FLOAT),
            "evidence": draw(st.one_of(st.none(), TEXT)),
            "confidence": draw(st.sampled_from([None, "confirmed", "uncertain"])),
        }
        for i in ids
    ]
    n_ties = draw(st.integers(0, 8))
    with_ids = draw(st.booleans())
    ties = [
        {
            "id": f"t{k}&<" if with_ids else None,
            "source": draw(st.sampled_from(ids)),
            "target": draw(st.sampled_from(ids)),
            "kind": draw(st.sampled_from(["joint_research", "support"])),
            "directed": draw(st.booleans()),
            "since": draw(YEAR),
            "until": draw(YEAR),
            "weight": draw(FLOAT),
            "evidence": draw(st.one_of(st.none(), TEXT)),
            "source_ref": draw(st.one_of(st.none(), TEXT)),
            "amount_yen": draw(FLOAT),
        }
        for k in range(n_ties)
    ]
    return Bundle(nodes=canonical_frame("nodes", nodes), ties=canonical_frame("ties", ties))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(bundle=bundles())
def test_random_bundles_round_trip(bundle: Bundle, tmp_path: Path) -> None:
    check_gexf(bundle, write_graph_file(bundle, tmp_path / "r.gexf", "gexf"))
    check_graphml(bundle, write_graph_file(bundle, tmp_path / "r.graphml", "graphml"))


def test_forbidden_characters_become_replacement_characters(tmp_path: Path) -> None:
    nodes = canonical_frame(
        "nodes", [{"id": "a", "name": "A\x07社 & <R&D>", "kind": "company", "note": "x\r\ny"}]
    )
    bundle = Bundle(nodes=nodes, ties=canonical_frame("ties", []))
    for fmt in ("gexf", "graphml"):
        path = write_graph_file(bundle, tmp_path / f"c.{fmt}", fmt)
        assert "\x07" not in path.read_text(encoding="utf-8")
        graph = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
        assert graph.nodes["a"]["name"] == "A\ufffd社 & <R&D>"
        assert graph.nodes["a"]["note"] == "x\r\ny"


# -- the command ----------------------------------------------------------------------------


def kizuna(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from kizuna.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_export_input_to_gexf_and_graphml(seed: Bundle, tmp_path: Path) -> None:
    out = kizuna("export", "--input", str(SEED), "--out", str(tmp_path / "seed.gexf"))
    assert out.returncode == 0, out.stderr
    assert "nodes 137, ties 133" in out.stdout
    check_gexf(seed, tmp_path / "seed.gexf")
    out = kizuna(
        "export",
        "--input",
        str(SEED),
        "--out",
        str(tmp_path / "g.xml"),
        "--format",
        "graphml",
        "--with-metrics",
    )
    assert out.returncode == 0, out.stderr
    graph = nx.read_graphml(tmp_path / "g.xml")
    assert np.isfinite(graph.nodes["body_tama"]["betweenness"])


def test_cli_with_metrics_needs_a_graph_format(tmp_path: Path) -> None:
    out = kizuna("export", "--input", str(SEED), "--out", str(tmp_path / "b.zip"), "--with-metrics")
    assert out.returncode == 2
    assert "--with-metrics needs --format gexf or graphml" in out.stderr
    assert "Traceback" not in out.stderr


def test_integers_beyond_32_bits_are_long(seed: Bundle, tmp_path: Path) -> None:
    metrics = pd.DataFrame({"id": seed.nodes["id"], "pairs": 0, "count": 1})
    metrics.loc[0, "pairs"] = 2**40
    declared = {
        "gexf": ('title="pairs" type="long"', 'title="count" type="integer"'),
        "graphml": ('attr.name="pairs" attr.type="long"', 'attr.name="count" attr.type="int"'),
    }
    for fmt, (big, small) in declared.items():
        path = write_graph_file(seed, tmp_path / f"l.{fmt}", fmt, metrics=metrics)
        text = path.read_text(encoding="utf-8")
        assert big in text and small in text
        graph = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
        assert graph.nodes[seed.nodes["id"].iat[0]]["pairs"] == 2**40
        assert graph.nodes[seed.nodes["id"].iat[1]]["count"] == 1


@pytest.mark.store
def test_cli_export_from_the_store(
    clean_store: Any, seed: Bundle, store_env: dict[str, str], tmp_path: Path
) -> None:
    clean_store.upsert_bundle(seed)
    stored = clean_store.read_bundle()
    for name in ("net.gexf", "net.graphml"):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "from kizuna.cli import main; main()",
                "export",
                "--out",
                str(tmp_path / name),
                "--with-metrics",
                "--json",
            ],
            capture_output=True,
            text=True,
            env=store_env,
            check=False,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["rows"] == {"nodes": 137, "ties": 133}
    from kizuna.analytics.api import analyze
    from kizuna.graph.metrics_write import metric_columns

    metrics = analyze(stored).nodes.set_index("id")
    added = tuple(metric_columns(metrics.reset_index()))
    graph = check_gexf(stored, tmp_path / "net.gexf", drop=added)
    assert {c: graph.nodes["body_tama"][c] for c in ("role", "degree")} == {
        "role": metrics.at["body_tama", "role"],
        "degree": metrics.at["body_tama", "degree"],
    }
    check_graphml(stored, tmp_path / "net.graphml", drop=added)


def test_the_grammar_catches_an_invalid_gexf(seed: Bundle, tmp_path: Path) -> None:
    path = write_graph_file(seed, tmp_path / "s.gexf", "gexf")
    broken = tmp_path / "broken.gexf"
    broken.write_text(
        path.read_text(encoding="utf-8").replace('type="boolean"', 'type="truthy"'),
        encoding="utf-8",
    )
    with pytest.raises(AssertionError):
        assert_valid_gexf(broken)


def test_metrics_missing_for_some_organizations_keep_their_types(
    seed: Bundle, tmp_path: Path
) -> None:
    metrics = pd.DataFrame({"id": seed.nodes["id"].iloc[:2], "flag": [True, False], "n": [3, 4]})
    path = write_graph_file(seed, tmp_path / "p.graphml", "graphml", metrics=metrics)
    text = path.read_text(encoding="utf-8")
    assert 'attr.name="flag" attr.type="boolean"' in text
    assert 'attr.name="n" attr.type="int"' in text
    graph = nx.read_graphml(path)
    first, second, third = seed.nodes["id"].iloc[:3]
    assert (graph.nodes[first]["flag"], graph.nodes[second]["flag"]) == (True, False)
    assert graph.nodes[second]["n"] == 4
    assert "flag" not in graph.nodes[third] and "n" not in graph.nodes[third]
