"""The prefecture table and its lookup API (graph/geo.py)."""

import csv
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kizuna.graph.geo import (
    find_prefecture,
    prefecture_coordinates,
    prefectures,
    region_coordinates,
    region_of_prefecture,
)
from kizuna.graph.model import REGIONS


def _raw_rows() -> list[dict[str, str]]:
    text = resources.files("kizuna.graph").joinpath("data/prefectures.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_table_has_47_unique_prefectures_with_valid_regions() -> None:
    rows = _raw_rows()
    assert len(rows) == 47
    assert len({r["prefecture"] for r in rows}) == 47
    assert len({r["prefecture_en"] for r in rows}) == 47
    assert {r["region"] for r in rows} <= set(REGIONS) - {"overseas"}
    assert set(rows[0]) == {"prefecture", "prefecture_en", "region", "capital", "lat", "lon"}


def test_every_region_except_overseas_has_a_prefecture() -> None:
    assert {p.region for p in prefectures()} == set(REGIONS) - {"overseas"}


def test_coordinates_lie_in_japan_with_three_decimals() -> None:
    for row in _raw_rows():
        lat, lon = float(row["lat"]), float(row["lon"])
        assert 24.0 < lat < 46.0, row
        assert 122.0 < lon < 146.0, row
        assert len(row["lat"].split(".")[1]) == 3, row
        assert len(row["lon"].split(".")[1]) == 3, row


def test_capitals_are_ordered_north_to_south_roughly() -> None:
    # Hokkaido is the northernmost capital, Okinawa the southernmost: a sign the
    # coordinates were not swapped or shuffled.
    by_lat = sorted(prefectures(), key=lambda p: p.lat)
    assert by_lat[0].name == "沖縄県"
    assert by_lat[-1].name == "北海道"
    by_lon = sorted(prefectures(), key=lambda p: p.lon)
    assert by_lon[0].name == "沖縄県"
    assert by_lon[-1].name == "北海道"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("東京都", "東京都"),
        ("東京", "東京都"),
        ("Tokyo", "東京都"),
        ("tokyo-to", "東京都"),
        ("Tokyo Prefecture", "東京都"),
        ("  大阪府 ", "大阪府"),
        ("Osaka-fu", "大阪府"),
        ("京都", "京都府"),
        ("北海道", "北海道"),
        ("HOKKAIDO", "北海道"),
        ("Kōchi", "高知県"),
        ("Ｎａｇａｎｏ", "長野県"),
        ("山梨県", "山梨県"),
    ],
)
def test_find_prefecture_accepts_japanese_and_english(name: str, expected: str) -> None:
    pref = find_prefecture(name)
    assert pref is not None
    assert pref.name == expected


@pytest.mark.parametrize("name", [None, "", "   ", "フランス", "Paris", "関東", "北海"])
def test_unknown_names_give_none(name: str | None) -> None:
    assert find_prefecture(name) is None
    assert prefecture_coordinates(name) is None
    assert region_of_prefecture(name) is None


def test_coordinates_and_region_agree_with_the_table() -> None:
    for row in _raw_rows():
        expected = (float(row["lat"]), float(row["lon"]))
        assert prefecture_coordinates(row["prefecture"]) == expected
        assert prefecture_coordinates(row["prefecture_en"]) == expected
        assert region_of_prefecture(row["prefecture"]) == row["region"]


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("長野県", "chubu"),
        ("山梨県", "chubu"),
        ("神奈川県", "kanto"),
        ("沖縄県", "okinawa"),
        ("香川県", "shikoku"),
        ("広島県", "chugoku"),
        ("福島県", "tohoku"),
        ("兵庫県", "kinki"),
    ],
)
def test_region_of_known_prefectures(name: str, region: str) -> None:
    assert region_of_prefecture(name) == region


def test_region_coordinates_is_the_mean_of_the_capitals() -> None:
    assert region_coordinates("okinawa") == prefecture_coordinates("沖縄県")
    assert region_coordinates("hokkaido") == prefecture_coordinates("北海道")
    shikoku = [p for p in prefectures() if p.region == "shikoku"]
    lat, lon = region_coordinates("shikoku") or (0.0, 0.0)
    assert lat == pytest.approx(sum(p.lat for p in shikoku) / 4, abs=1e-3)
    assert lon == pytest.approx(sum(p.lon for p in shikoku) / 4, abs=1e-3)
    assert region_coordinates("overseas") is None
    assert region_coordinates("atlantis") is None
    assert region_coordinates(None) is None


@settings(deadline=None)
@given(st.sampled_from([p.name for p in prefectures()]), st.sampled_from(["", " ", "　"]))
def test_lookup_ignores_surrounding_spaces(name: str, pad: str) -> None:
    assert find_prefecture(pad + name + pad) == find_prefecture(name)
