"""`kizuna analyze --input` end to end on small bundles written to a tmp folder."""

from __future__ import annotations

import csv
import json
import math

import pytest
from analytics_reference import contract_nodes

from kizuna.cli import main

NODES = """id,name,kind,cluster
a,A社,company, X
b,B大学,university,X
c,C銀行,bank,Y
d,D,company,
e,E,alien_kind,Z
iso,Isolated,company,Z
"""
TIES = """source,target,kind,directed
a,b,mou,TRUE
b,c,joint_rd,1
c,d,supply,true
d,a,finance,yes
a,a,mou,
b,a,mou,false
"""

NODE_COLUMNS = [
    "id",
    "degree",
    "betweenness",
    "participation",
    "within_module_z",
    "role",
    "constraint",
    "effective_size",
    "articulation_point",
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
]


def write_bundle(folder, nodes=NODES, ties=TIES):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nodes.csv").write_text(nodes, encoding="utf-8")
    if ties is not None:
        (folder / "ties.csv").write_text(ties, encoding="utf-8")
    return folder


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_analyze_input_writes_the_contract(tmp_path):
    bundle = write_bundle(tmp_path / "b")
    out = tmp_path / "deep" / "out"
    main(["analyze", "--input", str(bundle), "--out", str(out)])
    raw = (out / "nodes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads Japanese right
    header = raw[3:].decode("utf-8").split("\n", 1)[0].split(",")
    assert header[: len(NODE_COLUMNS)] == NODE_COLUMNS
    rows = {r["id"]: r for r in read_csv(out / "nodes.csv")}
    assert list(rows) == ["a", "b", "c", "d", "e", "iso"]
    ids = list(rows)
    clusters = [" X", "X", "Y", "", "Z", "Z"]
    ties = [
        ("a", "b", "TRUE"),
        ("b", "c", "1"),
        ("c", "d", "true"),
        ("d", "a", "yes"),
        ("a", "a", ""),
        ("b", "a", "false"),
    ]
    ref = contract_nodes(ids, clusters, ties)
    for v in ids:
        for col, want in ref[v].items():
            cell = rows[v][col]
            if isinstance(want, bool):
                assert cell == ("true" if want else "false")
            elif isinstance(want, str):
                assert cell == want
            elif isinstance(want, float) and math.isnan(want):
                assert cell in ("", "nan")
            else:
                assert float(cell) == pytest.approx(want, rel=1e-12, abs=1e-15), (v, col)
    assert rows["iso"]["constraint"] == "" and rows["iso"]["effective_size"] == ""
    pairs = read_csv(out / "cluster_pairs.csv")
    assert [(p["cluster_a"], p["cluster_b"]) for p in pairs] == [("X", "Y"), ("X", "Z"), ("Y", "Z")]
    assert [int(p["observed"]) for p in pairs] == [1, 0, 0]
    assert float(pairs[0]["expected"]) == pytest.approx(
        4 * 2 / (2 * 4)
    )  # d_X = 2 + 2, d_Y = 2, m = 4
    bridges = read_csv(out / "bridges.csv")
    assert bridges == []
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["n"] == 6 and meta["m"] == 4
    assert meta["betweenness"]["method"] == "exact"


def test_floats_keep_full_precision(tmp_path):
    nodes = "id,name,kind,cluster\n" + "".join(f"n{i},N{i},company,K{i % 3}\n" for i in range(7))
    ties = "source,target,kind\n" + "".join(
        f"n{i},n{j},mou\n" for i in range(7) for j in range(i + 1, 7) if (i * j) % 3 != 1
    )
    out = tmp_path / "out"
    main(["analyze", "--input", str(write_bundle(tmp_path / "b", nodes, ties)), "--out", str(out)])
    for row in read_csv(out / "nodes.csv"):
        for col in ("betweenness", "constraint", "participation"):
            value = float(row[col])
            assert row[col] == repr(value)


def test_missing_ties_file_is_a_clean_error(tmp_path, capsys):
    bundle = write_bundle(tmp_path / "b", ties=None)
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--input", str(bundle), "--out", str(tmp_path / "out")])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "ties" in err and "Traceback" not in err


def test_unknown_endpoint_is_a_clean_error(tmp_path, capsys):
    bundle = write_bundle(tmp_path / "b", ties="source,target,kind\na,ghost,mou\n")
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--input", str(bundle), "--out", str(tmp_path / "out")])
    assert exc.value.code == 1
    assert "ghost" in capsys.readouterr().err


def test_duplicate_node_id_is_a_clean_error(tmp_path, capsys):
    nodes = "id,name,kind\na,A,company\na,A2,company\n"
    bundle = write_bundle(tmp_path / "b", nodes=nodes, ties="source,target,kind\n")
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--input", str(bundle), "--out", str(tmp_path / "out")])
    assert exc.value.code == 1
    assert "Traceback" not in capsys.readouterr().err


class FakeStore:
    def __init__(self, bundle):
        self.bundle = bundle
        self.filters = []
        self.closed = False

    def read_bundle(self, graph_filter=None):
        self.filters.append(graph_filter)
        return graph_filter.apply(self.bundle) if graph_filter else self.bundle

    def close(self):
        self.closed = True


def test_analyze_reads_the_configured_store(tmp_path, monkeypatch):
    from helpers_analytics import make_bundle, und

    import kizuna.store_access

    bundle = make_bundle(["a", "b", "c"], ["X", "Y", "Y"], und("a-b", "b-c"))
    bundle.nodes["region"] = ["kanto", "kanto", "kinki"]
    bundle.ties["since"] = [2001, 2010]
    bundle.ties["until"] = [None, None]
    store = FakeStore(bundle)
    monkeypatch.setattr(kizuna.store_access, "connect", lambda settings, **kw: store)
    out = tmp_path / "out"
    main(["analyze", "--out", str(out), "--region", "kanto", "--until", "2005"])
    f = store.filters[0]
    assert f.regions == ("kanto",) and f.until == 2005 and f.since is None
    assert store.closed
    rows = read_csv(out / "nodes.csv")
    assert [r["id"] for r in rows] == ["a", "b"]
    assert [r["degree"] for r in rows] == ["1", "1"]


def test_partners_command_json(tmp_path, capsys):
    nodes = "id,name,kind,cluster\na,A,company,X\nb,B,company,X\nc,C,company,Y\nd,D,company,Z\n"
    ties = "source,target,kind\na,b,mou\nb,c,mou\nc,d,mou\n"
    bundle = write_bundle(tmp_path / "b", nodes, ties)
    main(["partners", "--org", "a", "--input", str(bundle), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert [r["candidate"] for r in data] == sorted(
        [r["candidate"] for r in data],
        key=lambda c: -next(x["score"] for x in data if x["candidate"] == c),
    )
    assert {r["candidate"] for r in data} == {"c", "d"}
    main(["partners", "--org", "a", "--input", str(bundle), "--lang", "en"])
    assert "steps" in capsys.readouterr().out


def test_partners_unknown_org_is_a_clean_error(tmp_path, capsys):
    bundle = write_bundle(tmp_path / "b", "id,name,kind\na,A,company\n", "source,target,kind\n")
    with pytest.raises(SystemExit) as exc:
        main(["partners", "--org", "zzz", "--input", str(bundle)])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "zzz" in err and "Traceback" not in err


def test_big_outputs_written_by_arrow_parse_the_same(tmp_path, monkeypatch):
    import kizuna.analytics.output as output

    bundle = write_bundle(tmp_path / "b")
    main(["analyze", "--input", str(bundle), "--out", str(tmp_path / "pandas")])
    monkeypatch.setattr(output, "ARROW_MIN_CELLS", 0)
    main(["analyze", "--input", str(bundle), "--out", str(tmp_path / "arrow")])
    for name in ("nodes.csv", "cluster_pairs.csv", "bridges.csv"):
        a = read_csv(tmp_path / "pandas" / name)
        b = read_csv(tmp_path / "arrow" / name)
        assert len(a) == len(b)
        for ra, rb in zip(a, b, strict=True):
            assert list(ra) == list(rb)
            for col in ra:
                if col == "computed_at":
                    continue
                try:
                    assert float(ra[col]) == float(rb[col]) or (ra[col] == rb[col] == "")
                except ValueError:
                    assert ra[col] == rb[col], (name, col)


def test_repeated_tie_rows_all_count_for_direction(tmp_path):
    # rows 2 and 3 have one identity (a, b, mou) but only row 3 is undirected: b→a exists
    nodes = "id,name,kind,cluster\na,A,company,X\nb,B,company,Y\nc,C,company,Z\n"
    ties = "source,target,kind,directed\na,b,mou,true\na,b,mou,\na,c,mou,true\n"
    out = tmp_path / "out"
    main(["analyze", "--input", str(write_bundle(tmp_path / "b", nodes, ties)), "--out", str(out)])
    rows = {r["id"]: r for r in read_csv(out / "nodes.csv")}
    assert rows["a"]["liaison"] == "1"  # b→a→c
    ref = contract_nodes(
        ["a", "b", "c"], ["X", "Y", "Z"], [("a", "b", "true"), ("a", "b", ""), ("a", "c", "true")]
    )
    assert ref["a"]["liaison"] == 1
