"""Shared pytest fixtures: one graph store for the whole test run.

Fixtures (use them from any test; mark such tests ``@pytest.mark.store``):

``store_settings`` (session)
    :class:`kizuna.config.Settings` of the test store.  By default ONE embedded ArcadeDB
    Bolt server is started for the whole run, attached to the pytest process (it stops
    when pytest exits, even on a crash), in a temporary data directory.  When
    ``KIZUNA_STORE_URI`` is set (e.g. ``bolt://localhost:7687`` with
    ``KIZUNA_STORE_USER``/``KIZUNA_STORE_PASSWORD`` for the Neo4j 5 of
    docker-compose.yml), that server is used instead and nothing is started.
    CLI tests can pass it on: embedded → ``--data-dir`` / ``KIZUNA_DATA_DIR``
    = ``store_settings.data_dir``; external → the same ``KIZUNA_STORE_*`` variables.

``store`` (session)
    A :class:`graph.bolt.BoltStore` connected to that server, schema ensured.  Shared by
    all tests: do not close it.

``clean_store`` (function)
    The same store, emptied (``store.clear()``) before the test.  Use this one in tests
    that write or count.

``store_env`` (function)
    Environment variables (a dict) that make a ``kizuna`` subprocess use the test store.

Store tests do not run in parallel with each other (one server, cleared per test).
WARNING: with ``KIZUNA_STORE_URI`` set, the tests delete everything kizuna stored in
that database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kizuna.config import Settings


@pytest.fixture(scope="session")
def store_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    if os.environ.get("KIZUNA_STORE_URI"):
        settings = Settings.from_env()
        if settings.store_uri is not None:
            yield settings
            return
    from kizuna.graph.embedded import start_server, stop_server

    data_dir: Path = tmp_path_factory.mktemp("kizuna-store")
    start_server(data_dir, attached=True)
    try:
        yield Settings(data_dir=data_dir)
    finally:
        stop_server(data_dir)


@pytest.fixture(scope="session")
def store(store_settings: Settings) -> Iterator[object]:
    from kizuna.store_access import connect

    graph_store = connect(store_settings)
    graph_store.ensure_schema()
    try:
        yield graph_store
    finally:
        graph_store.close()


@pytest.fixture
def clean_store(store: object) -> object:
    store.clear()  # type: ignore[attr-defined]
    return store


@pytest.fixture
def store_env(store_settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    if store_settings.store_uri is None:
        env.pop("KIZUNA_STORE_URI", None)
        env["KIZUNA_DATA_DIR"] = str(store_settings.data_dir)
    return env


#: The top-level folders of the repository: installed, they exist only as kizuna.<name>.
REPOSITORY_FOLDERS = ("graph", "cypher", "loaders", "analytics", "dashboard", "reports")


@pytest.fixture(scope="session", autouse=True)
def _only_the_kizuna_name() -> Iterator[None]:
    """Fail the run when any code imported a repository folder by its bare name.

    From a checkout, ``import reports`` works by accident (the folder is on sys.path); in an
    installed wheel it does not exist. Checked after the whole run, so lazy imports count.
    """
    yield
    import sys

    bare = sorted(name for name in REPOSITORY_FOLDERS if name in sys.modules)
    assert not bare, f"imported by a bare name (use kizuna.<name>): {bare}"
