"""Hand-made bundles for the store tests (no loaders needed)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from kizuna.graph.bolt_read import canonical_frame
from kizuna.graph.bundle import Bundle


def frame(file: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A canonical frame of ``file`` from row dicts (missing keys → empty cells)."""
    return canonical_frame(file, rows)


def tiny_bundle() -> Bundle:
    """Four organizations in two clusters, a program with three participants, ties of
    every shape: directed, undirected, (a, b) and (b, a), with and without years,
    Japanese text, figures."""
    nodes = frame(
        "nodes",
        [
            {
                "id": "tama",
                "name": "TAMA協会",
                "kind": "cluster_body",
                "cluster": "c_tama",
                "region": "kanto",
                "prefecture": "東京都",
                "lat": 35.66,
                "lon": 139.33,
                "name_en": "TAMA Association",
                "aliases": "TAMA|タマ協会",
                "source_ref": "seed:L10",
                "confidence": "confirmed",
            },
            {
                "id": "kobe_u",
                "name": "国立大学法人神戸大学",
                "kind": "university",
                "cluster": "c_kansai",
                "region": "kinki",
                "prefecture": "兵庫県",
            },
            {
                "id": "bank1",
                "name": "多摩信用金庫",
                "kind": "bank",
                "region": "kanto",
                "corporate_number": "1012805000000",
                "note": "メモ, with comma",
            },
            {
                "id": "acme",
                "name": "株式会社アクメ",
                "kind": "company",
                "cluster": "c_tama",
                "region": "kanto",
                "lat": 35.0,
            },
        ],
    )
    ties = frame(
        "ties",
        [
            {
                "source": "tama",
                "target": "kobe_u",
                "kind": "mou",
                "since": 2003,
                "evidence": "「連携協定」",
                "source_ref": "seed:L393-395",
                "confidence": "reported",
            },
            {"source": "kobe_u", "target": "tama", "kind": "mou", "since": 2003},
            {
                "source": "bank1",
                "target": "acme",
                "kind": "finance",
                "directed": True,
                "weight": 2.5,
                "amount_yen": 1.5e8,
                "since": 2005,
                "until": 2008,
            },
            {"source": "tama", "target": "acme", "kind": "matching", "deals": 3.0, "program": "p1"},
        ],
    )
    clusters = frame(
        "clusters",
        [
            {"id": "c_tama", "name": "TAMA", "region": "kanto", "body": "tama", "since": 2001},
            {"id": "c_kansai", "name": "環境ビジネスKANSAI", "region": "kinki"},
        ],
    )
    programs = frame(
        "programs",
        [
            {
                "id": "p1",
                "name": "BIOビジネスマッチング",
                "kind": "matching",
                "host": "tama",
                "since": 2004,
                "participants": 120.0,
            }
        ],
    )
    participation = frame(
        "participation",
        [
            {"program": "p1", "organization": "tama", "role": "host"},
            {"program": "p1", "organization": "acme", "role": "participant", "since": 2004},
            {"program": "p1", "organization": "kobe_u", "role": "participant"},
        ],
    )
    return Bundle(
        nodes=nodes,
        ties=ties,
        clusters=clusters,
        programs=programs,
        participation=participation,
        present=frozenset({"nodes", "ties", "clusters", "programs", "participation"}),
        source_columns={
            "nodes": ("id", "name", "kind", "cluster"),
            "ties": ("source", "target", "kind"),
        },
    )


def same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same columns and the same multiset of rows (order-insensitive, NaN == NaN)."""
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False

    def norm(df: pd.DataFrame) -> list[tuple[str, ...]]:
        return sorted(
            tuple(repr(None if pd.isna(v) else v) for v in row)
            for row in df.itertuples(index=False)
        )

    return norm(a) == norm(b) and all(a[c].dtype == b[c].dtype for c in a.columns)
