"""Helpers for loader tests: write tiny bundles from dicts of CSV text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

NODES = (
    "id,name,kind,cluster,region,prefecture,lat,lon,corporate_number\n"
    "a,TAMA協会,cluster_body,tama,kanto,東京都,35.66,139.34,\n"
    "b,株式会社ビー,company,tama,kanto,東京都,,,7000012050002\n"
    "c,東北大学,university,,tohoku,宮城県,38.25,140.87,\n"
)
TIES = (
    "source,target,kind,directed,since,until,weight,confidence\n"
    "a,b,coordinator_dispatch,true,2003,2005,2,confirmed\n"
    "b,c,joint_rd,false,2004,,,reported\n"
)


@pytest.fixture
def make_bundle(tmp_path: Path) -> Callable[..., Path]:
    """``make_bundle(nodes=..., ties=..., **files)`` → a folder; None omits a file."""

    def make(name: str = "b", *, encoding: str = "utf-8", **files: str | bytes | None) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        files.setdefault("nodes", NODES)
        files.setdefault("ties", TIES)
        for table, text in files.items():
            if text is None:
                continue
            fname = table if "." in table else f"{table}.csv"
            data = text if isinstance(text, bytes) else text.encode(encoding)
            (folder / fname).write_bytes(data)
        return folder

    return make


@pytest.fixture
def nodes_csv() -> str:
    return NODES


@pytest.fixture
def ties_csv() -> str:
    return TIES
