"""The app's tables of one snapshot, as plain functions of its bundle.

:class:`dashboard.data.SnapshotData` computes each once and keeps it: the clusters with
their map places (:func:`cluster_table`), the organizations with labels, groups and places
(:func:`org_table`), the ties with both ends' groups, regions and places
(:func:`placed_ends`), the map places (:func:`place_table`) and the search keys
(:func:`search_keys`).  The tie table a selection shows (:func:`tie_table`,
:func:`ties_of_selection`) is shared by the map, gaps, profile and network pages.
"""

from __future__ import annotations

from typing import Any, Protocol

import pandas as pd

from kizuna.analytics.layout import NO_CLUSTER
from kizuna.dashboard.i18n import label, label_column
from kizuna.dashboard.text import normalize_text
from kizuna.graph.bundle import Bundle
from kizuna.graph.model import phase_of
from kizuna.plots import geo as geo_layout


class WithOrgs(Protocol):
    """What the tie table needs of a snapshot (:class:`dashboard.data.SnapshotData`)."""

    @property
    def orgs_base(self) -> pd.DataFrame:
        """:func:`org_table` of the snapshot."""
        ...


#: The columns of :func:`tie_table` a page shows.
TIE_COLUMNS = (
    "source_name",
    "target_name",
    "kind",
    "since",
    "confidence",
    "evidence",
    "source_ref",
)


def cluster_table(bundle: Bundle) -> pd.DataFrame:
    """One row per cluster: id, name, label, region, field, phase, orgs, lat, lon."""
    nodes = bundle.nodes
    declared = bundle.clusters
    member_ids = nodes["cluster"].dropna()
    ids = list(dict.fromkeys([*declared["id"].dropna().tolist(), *member_ids.tolist()]))
    rows = []
    counts = member_ids.value_counts()
    info = declared.drop_duplicates("id").set_index("id") if len(declared) else None
    for cid in ids:
        row: dict[str, Any] = {"id": cid, "orgs": int(counts.get(cid, 0))}
        if info is not None and cid in info.index:
            rec = info.loc[cid]
            for col in ("name", "name_en", "region", "field", "body"):
                value = rec.get(col)
                row[col] = value if isinstance(value, str) and value else None
            since = rec.get("since")
            row["since"] = None if pd.isna(since) else int(since)
        else:
            row.update(name=cid, name_en=None, region=None, field=None, body=None, since=None)
        row["label"] = label(row["name"], row["name_en"])
        row["label_en"] = label(row["name"], row["name_en"], "en")
        row["phase"] = phase_of(row["since"]) or "unknown"
        rows.append(row)
    frame = pd.DataFrame(
        rows,
        columns=[
            "id",
            "name",
            "name_en",
            "label",
            "label_en",
            "region",
            "field",
            "body",
            "since",
            "phase",
            "orgs",
        ],
    )
    frame = frame.astype({"orgs": "int64"})
    places = geo_layout.cluster_places(frame, nodes)
    frame["lat"] = places["lat"].to_numpy()
    frame["lon"] = places["lon"].to_numpy()
    frame["region"] = places["region"].to_numpy()
    return frame.set_index("id", drop=False)


def org_table(bundle: Bundle, clusters: pd.DataFrame) -> pd.DataFrame:
    """Organizations with labels, groups and map places (no metrics), indexed by id."""
    orgs = bundle.nodes.copy()
    orgs["label"] = [label(n, e) for n, e in zip(orgs["name"], orgs["name_en"], strict=True)]
    orgs["label_en"] = [
        label(n, e, "en") for n, e in zip(orgs["name"], orgs["name_en"], strict=True)
    ]
    # organizations without a cluster are grouped by kind (NO_CLUSTER + ":university" …), so
    # the network overview shows a few labelled groups instead of one grey ball
    kinds = orgs["kind"].fillna("other").astype(str)
    orgs["group"] = orgs["cluster"].where(orgs["cluster"].notna(), NO_CLUSTER + ":" + kinds)
    labels = {str(k): str(v) for k, v in clusters["label"].items()}
    orgs["cluster_label"] = [labels.get(c, NO_CLUSTER) for c in orgs["group"]]
    place = geo_layout.org_places(orgs, clusters)
    for col in ("place", "place_lat", "place_lon", "place_region"):
        orgs[col] = place[col].to_numpy()
    return orgs.set_index("id", drop=False)


def placed_ends(ties: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    """``ties`` with the group, region and map place of both ends (from :func:`org_table`)."""
    ties = ties.copy()
    for end in ("source", "target"):
        looked = orgs.reindex(ties[end])
        ties[f"{end}_group"] = looked["group"].to_numpy()
        ties[f"{end}_region"] = looked["place_region"].to_numpy()
        ties[f"{end}_place"] = looked["place"].to_numpy()
    ties["year"] = ties["since"]
    return ties


def place_table(orgs: pd.DataFrame) -> pd.DataFrame:
    """Mean position, region and a label for every map place (from :func:`org_table`)."""
    placed = orgs.dropna(subset=["place"])
    return placed.groupby("place").agg(
        lat=("place_lat", "mean"),
        lon=("place_lon", "mean"),
        region=("place_region", "first"),
        prefecture=("prefecture", "first"),
        orgs=("id", "size"),
    )


def search_keys(nodes: pd.DataFrame) -> pd.Series:
    """NFKC + casefolded text of id, name, name_en and aliases, for partial search."""
    parts = [nodes[c].fillna("") for c in ("id", "name", "name_en", "aliases") if c in nodes]
    joined = parts[0].astype(str)
    for part in parts[1:]:
        joined = joined + "\n" + part.astype(str)
    keys = joined.map(normalize_text)
    keys.index = nodes["id"].to_numpy()
    return keys


def ties_of_selection(
    data: WithOrgs, ties: pd.DataFrame, selection: dict[str, Any]
) -> pd.DataFrame:
    """The ties behind a selected arc or cluster pair, or the cross-cluster ties of a cluster."""
    kind = selection.get("kind")
    if kind == "pair":
        a, b = selection.get("a"), selection.get("b")
        mask = ((ties["source_group"] == a) & (ties["target_group"] == b)) | (
            (ties["source_group"] == b) & (ties["target_group"] == a)
        )
    elif kind == "arc":
        a, b = selection.get("a"), selection.get("b")
        mask = ((ties["source_place"] == a) & (ties["target_place"] == b)) | (
            (ties["source_place"] == b) & (ties["target_place"] == a)
        )
    elif kind == "cluster":
        c = selection.get("id")
        mask = (ties["source_group"] == c) ^ (ties["target_group"] == c)
    else:
        return ties.iloc[0:0]
    return tie_table(data, ties[mask])


def tie_table(data: WithOrgs, ties: pd.DataFrame) -> pd.DataFrame:
    """Ties with readable end names and their provenance."""
    orgs = data.orgs_base
    names = orgs[label_column()]
    out = pd.DataFrame(
        {
            "source": ties["source"].to_numpy(),
            "source_name": names.reindex(ties["source"]).to_numpy(),
            "target": ties["target"].to_numpy(),
            "target_name": names.reindex(ties["target"]).to_numpy(),
            "kind": ties["kind"].to_numpy(),
            "since": ties["since"].to_numpy(),
            "confidence": ties["confidence"].to_numpy(),
            "evidence": ties["evidence"].to_numpy(),
            "source_ref": ties["source_ref"].to_numpy(),
        }
    )
    return out
