"""A small hand-made national network for the dashboard tests (stable, independent of data/)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kizuna.graph.bundle import Bundle, empty_frame

ROOT = Path(__file__).resolve().parents[2]


def frame(file: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    """A canonical frame of ``file`` holding ``rows`` (missing columns empty)."""
    empty = empty_frame(file)
    data = pd.DataFrame(rows, columns=list(empty.columns))
    for col in empty.columns:
        dtype = empty[col].dtype
        if str(dtype) == "object":
            data[col] = data[col].astype(object).where(data[col].notna(), None)
        elif str(dtype) == "bool":
            data[col] = data[col].fillna(False).astype(bool)
        else:
            data[col] = data[col].astype(dtype)
    return data


CLUSTERS = [
    ("tama", "TAMA", "TAMA", "kanto", "manufacturing", 2001, "b_tama", 35.66, 139.34, "東京都"),
    (
        "kansai_green",
        "環境ビジネスKANSAI",
        "Green KANSAI",
        "kinki",
        "environment",
        2001,
        "b_kansai",
        34.69,
        135.5,
        "大阪府",
    ),
    (
        "hokkaido_bio",
        "北海道バイオ",
        "Hokkaido Bio",
        "hokkaido",
        "bio",
        2002,
        "b_hbio",
        43.06,
        141.35,
        "北海道",
    ),
    (
        "kyushu_si",
        "九州シリコン・クラスター",
        "Kyushu Silicon",
        "kyushu",
        "semiconductor",
        2006,
        "b_ksi",
        33.59,
        130.4,
        "福岡県",
    ),
]


def tiny_bundle() -> Bundle:
    nodes: list[dict[str, object]] = []
    clusters: list[dict[str, object]] = []
    for cid, name, name_en, region, field, since, body, lat, lon, pref in CLUSTERS:
        clusters.append(
            dict(
                id=cid,
                name=name,
                name_en=name_en,
                region=region,
                field=field,
                since=since,
                body=body,
                source_ref="seed:L1",
                confidence="confirmed",
            )
        )
        nodes.append(
            dict(
                id=body,
                name=f"{name}協会",
                name_en=f"{name_en} Association",
                kind="cluster_body",
                cluster=cid,
                region=region,
                prefecture=pref,
                lat=lat,
                lon=lon,
                source_ref="seed:L1",
                confidence="confirmed",
            )
        )
        for k in range(1, 5):
            nodes.append(
                dict(
                    id=f"{cid}_c{k}",
                    name=f"{name}企業{k}",
                    name_en=None,
                    kind="company",
                    cluster=cid,
                    region=region,
                    prefecture=pref,
                    lat=lat + 0.01 * k,
                    lon=lon,
                    source_ref="seed:L2",
                )
            )
    nodes.append(
        dict(
            id="u_tokyo",
            name="東京大学",
            name_en="University of Tokyo",
            kind="university",
            cluster="tama",
            region="kanto",
            prefecture="東京都",
            lat=35.71,
            lon=139.76,
        )
    )
    nodes.append(
        dict(
            id="meti_kanto",
            name="関東経済産業局",
            name_en="METI Kanto",
            kind="agency",
            cluster=None,
            region="kanto",
            prefecture="埼玉県",
            lat=35.86,
            lon=139.65,
        )
    )
    nodes.append(
        dict(
            id="tama_coord",
            name="ＴＡＭＡコーディネータ",
            name_en="TAMA coordinators",
            kind="coordinator",
            cluster="tama",
            region="kanto",
            prefecture="東京都",
            lat=35.66,
            lon=139.34,
        )
    )
    nodes.append(
        dict(
            id="fr_body",
            name="Pôle Lyon",
            name_en="Lyon cluster",
            kind="foreign_body",
            cluster=None,
            region="overseas",
            prefecture="France",
            lat=45.76,
            lon=4.84,
        )
    )
    nodes.append(
        dict(
            id="lonely",
            name="孤立株式会社",
            name_en=None,
            kind="company",
            cluster="kyushu_si",
            region="kyushu",
            prefecture="福岡県",
            lat=33.6,
            lon=130.4,
        )
    )
    ties: list[dict[str, object]] = []

    def tie(
        s: str,
        t: str,
        kind: str,
        since: int | None = 2003,
        conf: str = "confirmed",
        directed: bool = False,
        ref: str = "seed:L10",
    ) -> None:
        ties.append(
            dict(
                source=s,
                target=t,
                kind=kind,
                since=since,
                confidence=conf,
                directed=directed,
                source_ref=ref,
                evidence=f"{s}と{t}が連携",
            )
        )

    for cid, *_rest in CLUSTERS:
        body = next(c for c in CLUSTERS if c[0] == cid)[6]
        for k in range(1, 5):
            tie(body, f"{cid}_c{k}", "membership", 2002)
        tie(f"{cid}_c1", f"{cid}_c2", "joint_rd", 2004)
        tie(f"{cid}_c3", f"{cid}_c4", "supply", 2005, directed=True)
    tie("b_tama", "b_kansai", "exchange", 2007, ref="seed:L100")
    tie("b_hbio", "b_kansai", "matching", 2003, ref="seed:L200-201")
    tie("b_kansai", "b_ksi", "alliance", 2010, conf="reported", ref="seed:L300")
    tie("tama_coord", "b_ksi", "coordinator_dispatch", 2008, directed=True)
    tie("b_tama", "tama_coord", "membership", 2001)
    tie("u_tokyo", "tama_c1", "joint_rd", 2006)
    tie("meti_kanto", "b_tama", "support", 2001, directed=True)
    tie("fr_body", "b_kansai", "mou", 2011, conf="uncertain")
    return Bundle(
        nodes=frame("nodes", nodes),
        ties=frame("ties", ties),
        clusters=frame("clusters", clusters),
        present=frozenset({"nodes", "ties", "clusters"}),
    )


@pytest.fixture(name="tiny_bundle", scope="session")
def tiny_bundle_factory():  # type: ignore[no-untyped-def]
    """The function building the tiny network (a fresh Bundle per call)."""
    return tiny_bundle


@pytest.fixture
def bundle() -> Bundle:
    return tiny_bundle()


@pytest.fixture(scope="session")
def data():  # type: ignore[no-untyped-def]
    """The tiny network's snapshot data, shared by the tests (read-only)."""
    from kizuna.dashboard.store_source import DataSource

    shared = tiny_bundle()
    return DataSource(lambda: shared).current().data
