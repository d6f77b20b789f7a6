"""Snapshots per store version: a cheap version check, background reads, the disk cache."""

from __future__ import annotations

import pandas as pd
import pytest

from kizuna.dashboard import data as data_module
from kizuna.dashboard import snapshot_cache
from kizuna.dashboard.snapshot_cache import cache_file, later_file
from kizuna.dashboard.store_source import DataSource
from kizuna.graph.bundle import Bundle


class VersionedSource:
    """A bundle source that tells its version, like the store behind ``kizuna serve``."""

    def __init__(self, bundle: Bundle, version: str | None = "v1", cache_dir=None):  # type: ignore[no-untyped-def]
        self.bundle = bundle
        self.current_version = version
        self.reads = 0
        self.checks = 0
        self.down = False
        if cache_dir is not None:
            self.cache_dir = cache_dir

    def __call__(self) -> Bundle:
        self.reads += 1
        return self.bundle

    def version(self) -> str | None:
        self.checks += 1
        if self.down:
            raise OSError("connection refused")
        return self.current_version


def _wait_for_build(ds: DataSource) -> None:
    thread = ds._building
    if thread is not None:
        thread.join(30)


def test_an_unchanged_version_is_never_read_again(tiny_bundle):
    source = VersionedSource(tiny_bundle())
    ds = DataSource(source, refresh_seconds=0)
    first = ds.current()
    for _ in range(5):
        assert ds.current(refresh=True).data is first.data
    assert source.reads == 1
    assert source.checks == 6


def test_a_new_version_shows_the_old_data_updating_then_the_new(tiny_bundle):
    old = tiny_bundle()
    source = VersionedSource(old)
    ds = DataSource(source, refresh_seconds=0)
    first = ds.current().data
    assert first.key == "v1"
    source.bundle = old.with_frames(ties=old.ties.iloc[:-1])
    source.current_version = "v2"
    during = ds.current()
    assert during.data is first and during.updating
    _wait_for_build(ds)
    after = ds.current()
    assert after.data.key == "v2" and not after.updating
    assert len(after.data.bundle.ties) == len(old.ties) - 1
    assert after.data.ready  # swapped in only once analysed


def test_a_running_load_is_not_read(tiny_bundle):
    source = VersionedSource(tiny_bundle())
    ds = DataSource(source, refresh_seconds=0)
    first = ds.current().data
    source.current_version = None  # the load lock is held
    snap = ds.current()
    assert snap.updating and snap.data is first
    assert source.reads == 1


def test_the_disk_cache_serves_a_restarted_app_without_reading_or_analysing(
    tiny_bundle, tmp_path, monkeypatch
):
    source = VersionedSource(tiny_bundle(), cache_dir=tmp_path)
    ds = DataSource(source)
    ds.warm()
    assert cache_file(tmp_path, "v1").is_file()

    runs = []
    monkeypatch.setattr(data_module, "run_analysis", lambda b: runs.append(1))
    again = VersionedSource(tiny_bundle(), cache_dir=tmp_path)
    data = DataSource(again).current().data
    assert again.reads == 0
    # the map's parts come with the first file; the analysis file is read on first use
    assert "analysis" not in data._memo and data.later_file == later_file(tmp_path, "v1")
    assert "clusters" in data._memo
    assert data.orgs.at["b_tama", "degree"] == 7  # the cached analysis
    assert runs == [] and data.later_file is None


def test_a_broken_analysis_file_is_recomputed_and_kept_again(tiny_bundle, tmp_path):
    DataSource(VersionedSource(tiny_bundle(), cache_dir=tmp_path)).warm()
    later_file(tmp_path, "v1").write_bytes(b"not a pickle")
    data = DataSource(VersionedSource(tiny_bundle(), cache_dir=tmp_path)).current().data
    assert data.orgs.at["b_tama", "degree"] == 7  # analysed again
    snapshot_cache.save_cache(tmp_path, data)
    again = DataSource(VersionedSource(tiny_bundle(), cache_dir=tmp_path)).current().data
    assert again.analysis is not None and "analysis" in again.saved_parts


def test_a_page_that_needs_the_analysis_does_not_wait_for_the_map(tiny_bundle, monkeypatch):
    monkeypatch.setattr(data_module, "LIGHT_FIRST_SECONDS", 600.0)
    data = DataSource(tiny_bundle).current().data
    data.warm_in_background(light_first=True)  # the server's start: waits for the map
    assert data.warm_in_background(wait=120) is True  # then a roles page is asked for


def test_a_broken_cache_file_is_recomputed(tiny_bundle, tmp_path):
    tmp_path.mkdir(exist_ok=True)
    cache_file(tmp_path, "v1").write_bytes(b"not a pickle")
    source = VersionedSource(tiny_bundle(), cache_dir=tmp_path)
    data = DataSource(source).current().data
    assert source.reads == 1 and data.orgs.at["b_tama", "degree"] == 7


def test_the_version_check_failing_keeps_the_data_with_a_banner(tiny_bundle):
    source = VersionedSource(tiny_bundle())
    ds = DataSource(source, refresh_seconds=0)
    first = ds.current().data
    source.down = True
    snap = ds.current()
    assert snap.data is first and snap.error == "connection refused"
    source.down = False
    assert ds.current().error is None


def test_the_map_draws_before_the_analysis(tiny_bundle, monkeypatch):
    from kizuna.dashboard.pages.national_map.layout import render

    def never(bundle):  # type: ignore[no-untyped-def]
        raise AssertionError("the map must not need the analysis")

    monkeypatch.setattr(data_module, "run_analysis", never)
    data = DataSource(tiny_bundle).current().data
    fig, _details = render(data, None, None, None, "field", {}, "en")
    customs = [c for trace in fig.data for c in (trace.get("customdata") or [])]
    assert ["cluster", "tama", ""] in [list(c) for c in customs]
    assert "analysis" not in data._memo


def test_a_warm_up_started_by_the_map_waits_for_the_maps_answer(tiny_bundle, monkeypatch):
    monkeypatch.setattr(data_module, "LIGHT_FIRST_SECONDS", 600.0)
    data = DataSource(tiny_bundle).current().data
    assert data.warm_in_background(light_first=True) is False
    thread = data._warming
    assert thread is not None
    thread.join(timeout=0.5)
    assert thread.is_alive() and "analysis" not in data._memo  # still waiting for the map
    data.first_view.set()
    thread.join(timeout=120)
    assert not thread.is_alive() and data.ready


@pytest.mark.store
def test_the_store_version_changes_with_each_load(clean_store, store_settings, tiny_bundle):
    from kizuna.dashboard.store_source import StoreSource

    source = StoreSource(store_settings)
    try:
        before = source.version()
        clean_store.upsert_bundle(tiny_bundle())  # type: ignore[attr-defined]
        loaded = source.version()
        assert loaded != before and loaded is not None
        assert source.version() == loaded  # no load, same version
        clean_store.upsert_bundle(tiny_bundle())  # type: ignore[attr-defined]
        assert source.version() != loaded
    finally:
        source.close()


@pytest.mark.store
def test_a_load_into_an_empty_store_leaves_the_apps_snapshot(clean_store, store_settings, tmp_path):
    from pathlib import Path

    from kizuna.cmd_load import load_bundle
    from kizuna.dashboard.store_source import StoreSource

    tiny = Path(__file__).resolve().parents[2] / "data" / "examples" / "tiny"
    result = load_bundle(clean_store, tiny, app_cache=tmp_path)  # type: ignore[arg-type]
    assert result.report is not None
    source = StoreSource(store_settings)
    try:
        version = source.version()
        assert version is not None and cache_file(tmp_path, version).is_file()
        reads = []

        class Counting(StoreSource):
            def __call__(self):  # type: ignore[no-untyped-def]
                reads.append(1)
                return super().__call__()

        counting = Counting(store_settings)
        data = DataSource(counting, cache_dir=tmp_path).current().data
        assert reads == []  # drawn from the snapshot the load left
        # with what the map needs already computed (the load did it, not the first page)
        assert {"clusters", "orgs_base", "ties", "place_coords"} <= set(data.saved_parts)
        stored = source()
        assert sorted(data.bundle.nodes["id"]) == sorted(stored.nodes["id"])
        assert len(data.bundle.ties) == len(stored.ties)
        counting.close()
        # a merge into a store that holds data leaves no snapshot (it would not be exact)
        for old in tmp_path.glob("*.pickle"):
            old.unlink()
        load_bundle(clean_store, tiny, app_cache=tmp_path)  # type: ignore[arg-type]
        assert list(tmp_path.glob("*.pickle")) == []
    finally:
        source.close()


def test_the_derived_frames_are_kept_as_their_own_columns_and_read_back_whole(
    tiny_bundle, tmp_path
):
    import pickle

    ds = DataSource(VersionedSource(tiny_bundle(), cache_dir=tmp_path))
    ds.warm()
    built = ds.current().data
    with cache_file(tmp_path, "v1").open("rb") as handle:
        saved = pickle.load(handle)
    for name, file in snapshot_cache.DERIVED_FRAMES.items():
        kept = saved["parts"][name]
        assert isinstance(kept, snapshot_cache.OwnColumns)
        assert not set(kept.own.columns) & set(getattr(built.bundle, file).columns)
    again = DataSource(VersionedSource(tiny_bundle(), cache_dir=tmp_path)).current().data
    for name in snapshot_cache.DERIVED_FRAMES:
        pd.testing.assert_frame_equal(again._memo[name], built._memo[name])


def test_a_derived_frame_that_is_not_its_bundle_frame_plus_columns_is_kept_whole(tiny_bundle):
    bundle = tiny_bundle()
    data = DataSource(lambda: bundle).current().data
    changed = data.ties.copy()
    changed.loc[changed.index[0], "kind"] = "something else"
    kept = snapshot_cache._own_columns(bundle, {"ties": changed, "orgs_base": data.orgs_base})
    assert kept["ties"] is changed  # not the bundle's column: kept whole
    assert isinstance(kept["orgs_base"], snapshot_cache.OwnColumns)
    whole = snapshot_cache._whole_frames(bundle, kept)
    pd.testing.assert_frame_equal(whole["orgs_base"], data.orgs_base)
