"""Fixtures for the report tests: a small hand-made bundle and the seed, each analysed once.

``tests/reports/data/mini`` has four clusters: TAMA and 環境ビジネスKANSAI tied to each
other and to 北海道バイオ, and 孤島クラスター (``island``) with no tie to any other cluster.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kizuna.analytics.api import analyze
from kizuna.graph.bundle import Bundle
from kizuna.loaders import open_bundle

MINI = Path(__file__).parent / "data" / "mini"
SEED = Path(__file__).resolve().parents[2] / "data" / "seed"


@pytest.fixture(scope="session")
def mini() -> Bundle:
    return open_bundle(MINI)


@pytest.fixture(scope="session")
def mini_analysis(mini: Bundle) -> Any:
    return analyze(mini)


@pytest.fixture(scope="session")
def seed() -> Bundle:
    bundle = open_bundle(SEED, strict=False)
    ids = set(bundle.clusters["id"])
    assert {"tama", "kansai_green"} <= ids, "the seed must have clusters tama and kansai_green"
    return bundle


@pytest.fixture(scope="session")
def seed_analysis(seed: Bundle) -> Any:
    return analyze(seed)
