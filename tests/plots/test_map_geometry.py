"""The shared map geometry: prefecture outlines, the Okinawa inset, cluster placement."""

from __future__ import annotations

import json
from importlib import resources

import matplotlib
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from kizuna.graph.geo import prefectures
from kizuna.plots import geo

matplotlib.use("Agg")


def test_47_outlines_in_jis_order_named_as_the_prefecture_table() -> None:
    outlines = geo.prefecture_outlines()
    assert [o.name for o in outlines] == [p.name for p in prefectures()]
    assert all(len(o.rings[0]) >= 4 for o in outlines)


def test_each_capital_lies_inside_its_prefecture_outline() -> None:
    from matplotlib.path import Path as MplPath

    for outline, pref in zip(geo.prefecture_outlines(), prefectures(), strict=True):
        path = MplPath(outline.rings[0])
        assert path.contains_point((pref.lon, pref.lat)), pref.name


def test_outline_data_names_its_source_and_licence_and_stays_small() -> None:
    data = resources.files("kizuna.graph").joinpath("data/prefecture_outlines.json")
    text = data.read_text("utf-8")
    meta = json.loads(text)
    assert "japanmap" in meta["source"] and meta["licence"] == "Apache-2.0"
    assert len(text.encode("utf-8")) < 200_000


def test_okinawa_moves_into_its_inset_and_the_rest_stays() -> None:
    b = geo.OKINAWA_BOX
    naha = geo.to_map(127.68, 26.21)
    assert b[0] <= naha[0] <= b[1] and b[2] <= naha[1] <= b[3]
    assert geo.to_map(139.69, 35.69) == (139.69, 35.69)
    okinawa = [r for name, r in geo.map_rings() if name == "沖縄県"]
    assert okinawa and all(
        b[0] <= x <= b[1] and b[2] <= y <= b[3] for ring in okinawa for x, y in ring
    )


def test_outline_xy_closes_every_ring() -> None:
    xs, ys = geo.outline_xy()
    assert len(xs) == len(ys)
    starts = [0, *[i + 1 for i, x in enumerate(xs) if x is None][:-1]]
    ends = [i - 1 for i, x in enumerate(xs) if x is None]
    assert len(starts) == len(geo.map_rings())
    assert all(xs[s] == xs[e] and ys[s] == ys[e] for s, e in zip(starts, ends, strict=True))


def test_cluster_places_body_first_then_members_then_region() -> None:
    clusters = pd.DataFrame(
        {"id": ["a", "b", "c"], "region": ["kanto", None, "kyushu"], "body": ["a0", None, None]}
    )
    nodes = pd.DataFrame(
        {
            "id": ["a0", "a1", "b1", "b2"],
            "cluster": ["a", "a", "b", "b"],
            "region": ["kanto", "kanto", "tohoku", "tohoku"],
            "lat": [35.0, 36.0, 38.0, 40.0],
            "lon": [139.0, 140.0, 140.0, 141.0],
        }
    )
    out = geo.cluster_places(clusters, nodes)
    assert list(out["region"]) == ["kanto", "tohoku", "kyushu"]
    assert abs(out.at[0, "lat"] - 35.0) < 0.9 and abs(out.at[0, "lon"] - 139.0) < 0.9
    assert abs(out.at[1, "lat"] - 39.0) < 0.9 and abs(out.at[1, "lon"] - 140.5) < 0.9
    kyushu = geo.REGION_CENTRES["kyushu"]
    assert abs(out.at[2, "lat"] - kyushu[0]) < 0.9


@given(st.lists(st.tuples(st.floats(33.0, 40.0), st.floats(132.0, 141.0)), min_size=2, max_size=25))
def test_spread_keeps_bubbles_near_home(points: list[tuple[float, float]]) -> None:
    frame = pd.DataFrame({"lat": [p[0] for p in points], "lon": [p[1] for p in points]})
    out = geo.spread(frame, gap=0.8)
    moved = ((out["lat"] - frame["lat"]).abs().max(), (out["lon"] - frame["lon"]).abs().max())
    assert max(moved) <= 1.5 * 0.8 + 1e-9


def test_draw_japan_draws_47_prefectures() -> None:
    import matplotlib.pyplot as plt

    from kizuna.plots.japan_mpl import draw_japan

    fig, ax = plt.subplots()
    try:
        assert draw_japan(ax, okinawa_label="沖縄", highlight={"東京都"}) == 47
        assert ax.get_xlim() == geo.LON_RANGE
    finally:
        plt.close(fig)
