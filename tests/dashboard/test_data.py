"""The cached snapshot: fingerprints, refresh, one analysis per snapshot, store failures."""

from __future__ import annotations

import pandas as pd
import pytest

from kizuna.analytics.layout import NO_CLUSTER
from kizuna.dashboard import data as data_module
from kizuna.dashboard import store_source
from kizuna.dashboard.store_source import DataSource, fingerprint
from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import StoreError


def test_fingerprint_depends_on_content_only(tiny_bundle):
    a, b = tiny_bundle(), tiny_bundle()
    assert fingerprint(a) == fingerprint(b)
    changed = b.with_frames(ties=b.ties.iloc[:-1])
    assert fingerprint(changed) != fingerprint(a)


def test_source_is_read_once_per_refresh_window(tiny_bundle):
    calls = []

    def source() -> Bundle:
        calls.append(1)
        return tiny_bundle()

    ds = DataSource(source, refresh_seconds=3600)
    first = ds.current()
    ds.current()
    ds.peek()
    assert len(calls) == 1
    again = ds.current(refresh=True)
    assert len(calls) == 2
    assert again.data is first.data  # same content → same cached snapshot data


def test_analysis_is_computed_once_per_snapshot(monkeypatch, tiny_bundle):
    runs = []
    real = data_module.run_analysis

    def counting(bundle):  # type: ignore[no-untyped-def]
        runs.append(1)
        return real(bundle)

    monkeypatch.setattr(data_module, "run_analysis", counting)
    snapshot = DataSource(tiny_bundle).current().data
    for _ in range(3):
        _ = snapshot.analysis
        _ = snapshot.orgs
    assert len(runs) == 1


def test_store_failure_keeps_last_data_and_says_why(tiny_bundle, monkeypatch):
    state = {"fail": False}

    def source() -> Bundle:
        if state["fail"]:
            raise StoreError("connection refused by bolt://127.0.0.1:7687")
        return tiny_bundle()

    ds = DataSource(source, refresh_seconds=3600)
    good = ds.current(refresh=True)
    assert good.error is None
    state["fail"] = True
    bad = ds.current(refresh=True)
    assert "connection refused" in (bad.error or "")
    assert bad.data is good.data
    state["fail"] = False
    assert ds.current().error is not None  # within the refresh window: no new read
    monkeypatch.setattr(store_source, "RETRY_SECONDS", 0.0)
    assert ds.current().error is None  # a failed read is retried soon


def test_store_down_from_the_start_gives_an_empty_snapshot():
    def source() -> Bundle:
        raise OSError("no route")

    snap = DataSource(source).current()
    assert snap.error == "no route"
    assert snap.data.is_empty


def test_orgs_carry_metrics_labels_and_places(data):
    orgs = data.orgs
    assert len(orgs) == len(data.bundle.nodes)
    assert orgs.at["b_tama", "label"] == "TAMA協会 (TAMA Association)"
    assert orgs.at["b_tama", "degree"] == 7
    assert orgs.at["lonely", "degree"] == 0
    # without a cluster: grouped by kind, with a readable name
    assert orgs.at["meti_kanto", "group"] == NO_CLUSTER + ":agency"
    assert data.cluster_label("(none):agency", "en") == "no cluster · public agency"
    assert data.cluster_label("(none):agency", "ja") == "クラスター外 · 行政機関"
    assert orgs.at["tama_c1", "place"] == "cluster:tama"
    assert orgs.at["fr_body", "place"] == "overseas"
    assert orgs.at["meti_kanto", "place"] == "pref:埼玉県"


def test_clusters_table(data):
    clusters = data.clusters
    assert list(clusters.index) == ["tama", "kansai_green", "hokkaido_bio", "kyushu_si"]
    assert clusters.at["tama", "orgs"] == 7  # body, 4 companies, university, coordinators
    assert clusters.at["kyushu_si", "phase"] == "growth"
    assert clusters.at["tama", "lat"] == pytest.approx(35.66)  # the body's position


def test_positions_cover_every_org_and_are_deterministic(bundle):
    one = DataSource(lambda: bundle).current().data.positions
    two = DataSource(lambda: bundle.with_frames()).current().data.positions
    assert set(one.index) == set(bundle.nodes["id"])
    assert one.notna().all().all()
    pd.testing.assert_frame_equal(one, two)


def test_a_view_is_computed_once_per_inputs_and_language(tiny_bundle, monkeypatch):
    from kizuna.dashboard.i18n import CURRENT_LANG

    data = DataSource(lambda: tiny_bundle()).current().data
    calls: list[tuple[object, ...]] = []

    def compute(*args: object) -> list[object]:
        calls.append(args)
        return [*args, len(calls)]

    first = data.view("v", compute, "tama", {"kind": "cluster", "id": "tama"})
    assert data.view("v", compute, "tama", {"id": "tama", "kind": "cluster"}) is first
    assert len(calls) == 1  # same inputs (dict order aside): kept
    data.view("v", compute, "kansai", None)
    data.view("w", compute, "tama", {"kind": "cluster", "id": "tama"})
    token = CURRENT_LANG.set("en")
    try:
        data.view("v", compute, "tama", {"kind": "cluster", "id": "tama"})
    finally:
        CURRENT_LANG.reset(token)
    assert len(calls) == 4  # other inputs, another view, another language: computed
    monkeypatch.setattr(data_module, "VIEW_LIMIT", 3)
    for k in range(10):
        data.view("v", compute, k)
    assert len(data._memo["_views"]) == 3  # bounded: the oldest answers go first
    assert data.view("v", compute, 9) == [9, len(calls)]
    before = len(calls)
    data.view("v", compute, 0)
    assert len(calls) == before + 1


def test_a_new_snapshot_starts_with_no_views(tiny_bundle):
    first = DataSource(lambda: tiny_bundle()).current().data
    first.view("v", lambda: "old")
    changed = tiny_bundle()
    second = DataSource(lambda: changed.with_frames(ties=changed.ties.iloc[:-1])).current().data
    assert second.view("v", lambda: "new") == "new"
