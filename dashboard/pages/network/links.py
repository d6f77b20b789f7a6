"""The network page's lines: ties between organizations, links between groups.

The overview (:mod:`.figures`) and the ego networks (:mod:`.ego`) draw them: one lines
trace per width, NaN-separated segments, and a hover marker at each line's middle while
there are few.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kizuna.dashboard import components as ui
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import label_column, t, term
from kizuna.dashboard.pages.network import model, state, views

#: Ties (or links) up to this many get a hover marker at their middle.
MAX_EDGE_HOVER = 800
#: Up to this many organizations drawn, each has its own line to the closed groups it has
#: ties with; above, those ties are one line per (expanded group, closed group).
MAX_ORG_LINKS = 300

EDGE_COLOUR = "rgba(120,120,120,0.35)"
LINK_COLOUR = "rgba(90,90,160,0.35)"


def segments(x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[Any, Any]:
    """x and y of line segments from point ``a[i]`` to ``b[i]``, NaN-separated
    (``a0, b0, nan, a1, b1, nan, …``), for a single lines trace."""
    gap = np.full(len(a), np.nan)
    xs = np.column_stack([x[a], x[b], gap]).ravel()
    ys = np.column_stack([y[a], y[b], gap]).ravel()
    return xs, ys


def tie_hover(data: SnapshotData, lang: str) -> np.ndarray:
    """Hover text of every tie (both names, kind, year, confidence, evidence, source), cached."""

    def build() -> np.ndarray:
        column = label_column(lang)
        labels = data.orgs[column].to_dict()
        ties = data.ties
        return np.asarray(
            [
                f"{labels.get(s, s)} — {labels.get(tg, tg)}<br>{term('tie_kind', k, lang)}"
                f"{' ' + str(int(y)) if pd.notna(y) else ''} · {term('confidence', c, lang)}<br>"
                f"{(e or '')[:80]}<br><i>{r or ''}</i>"
                for s, tg, k, y, c, e, r in zip(
                    ties["source"].tolist(),
                    ties["target"].tolist(),
                    ties["kind"].tolist(),
                    ties["since"].astype(object).tolist(),
                    ties["confidence"].tolist(),
                    ties["evidence"].tolist(),
                    ties["source_ref"].tolist(),
                    strict=True,
                )
            ],
            dtype=object,
        )

    result: np.ndarray = model.per_snapshot(data, f"tie_hover|{lang}", build)
    return result


def open_links(ov: model.Overview, v: views.View) -> pd.DataFrame:
    """The organization–super-node links summed per (expanded group, closed group)."""
    links = v.org_links
    if links.empty:
        return pd.DataFrame({"a": [], "b": [], "ties": []}, dtype=np.int64)
    frame = pd.DataFrame(
        {
            "a": ov.org_group[links["org"].to_numpy()],
            "b": links["group"].to_numpy(),
            "ties": links["ties"].to_numpy(),
        }
    )
    summed: pd.DataFrame = frame.groupby(["a", "b"], as_index=False).agg(ties=("ties", "sum"))
    return summed


def group_links(
    fig: Any,
    data: SnapshotData,
    ov: model.Overview,
    links: pd.DataFrame,
    cx: np.ndarray,
    cy: np.ndarray,
    lang: str,
) -> None:
    """Super-node to super-node lines, width by the number of ties (one trace per width)."""
    if links.empty:
        return
    a, b, n = links["a"].to_numpy(), links["b"].to_numpy(), links["ties"].to_numpy()
    width = np.round(1 + 7 * np.sqrt(n / n.max()))
    for w in np.unique(width):
        part = width == w
        xs, ys = segments(cx, cy, a[part], b[part])
        fig.add_trace(
            ui.trace(
                "scatter",
                x=xs,
                y=ys,
                mode="lines",
                hoverinfo="skip",
                showlegend=False,
                line={"width": float(w), "color": LINK_COLOUR},
            )
        )
    if len(links) <= MAX_EDGE_HOVER:
        names = state.names(data, ov, lang)[0]
        fig.add_trace(
            ui.trace(
                "scatter",
                x=(cx[a] + cx[b]) / 2,
                y=(cy[a] + cy[b]) / 2,
                mode="markers",
                marker={"size": 8, "color": "rgba(90,90,160,0.15)"},
                hovertext=[
                    t("net.link_hover", lang, a=names[i], b=names[j], n=int(k))
                    for i, j, k in zip(a, b, n, strict=True)
                ],
                hoverinfo="text",
                showlegend=False,
            )
        )


def org_links(fig: Any, v: views.View, xy: np.ndarray, cx: np.ndarray, cy: np.ndarray) -> None:
    """Lines from drawn organizations to the closed super-nodes they have ties with."""
    if v.org_links.empty:
        return
    row = np.full(int(v.orgs.max()) + 1, -1, dtype=np.int64)
    row[v.orgs] = np.arange(len(v.orgs))
    at = row[v.org_links["org"].to_numpy()]
    group = v.org_links["group"].to_numpy()
    gap = np.full(len(at), np.nan)
    fig.add_trace(
        ui.trace(
            "scattergl",
            x=np.column_stack([xy[at, 0], cx[group], gap]).ravel(),
            y=np.column_stack([xy[at, 1], cy[group], gap]).ravel(),
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"color": "rgba(90,90,160,0.22)", "width": 1},
        )
    )


def org_ties(
    fig: Any, data: SnapshotData, ov: model.Overview, v: views.View, xy: np.ndarray, lang: str
) -> None:
    """Ties between drawn organizations (hover with the evidence when there are few)."""
    if not len(v.org_ties):
        return
    row = np.full(len(ov.org_ids), -1, dtype=np.int64)
    row[v.orgs] = np.arange(len(v.orgs))
    a = row[ov.tie_a[v.org_ties]]
    b = row[ov.tie_b[v.org_ties]]
    xs, ys = segments(xy[:, 0], xy[:, 1], a, b)
    fig.add_trace(
        ui.trace(
            "scattergl",
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"color": EDGE_COLOUR, "width": 1},
        )
    )
    if len(a) <= MAX_EDGE_HOVER:
        fig.add_trace(tie_midpoints(xs, ys, tie_hover(data, lang)[ov.tie_rows[v.org_ties]], lang))


def tie_midpoints(xs: np.ndarray, ys: np.ndarray, hover: Any, lang: str) -> Any:
    return ui.trace(
        "scattergl",
        x=(xs[0::3] + xs[1::3]) / 2,
        y=(ys[0::3] + ys[1::3]) / 2,
        mode="markers",
        marker={"size": 6, "color": "rgba(120,120,120,0.25)"},
        showlegend=False,
        hovertext=hover,
        hoverinfo="text",
        name=t("net.ties", lang),
    )
