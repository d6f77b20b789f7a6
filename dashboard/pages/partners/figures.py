"""The partner-finder page: its plotly figures."""

from __future__ import annotations

import pandas as pd

from kizuna.dashboard import components as ui
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.i18n import t
from kizuna.dashboard.names import short_name


def path_figure(
    data: SnapshotData, found: pd.DataFrame, candidate: str | None, lang: str
) -> ui.AnyFigure:
    """The existing path from the focus to one candidate, the broker in red, the proposed
    tie dashed."""
    if found.empty:
        return ui.empty_figure(t("partners.none", lang))
    row = found[found["candidate"] == candidate] if candidate else found.head(1)
    if row.empty:
        row = found.head(1)
    rec = row.iloc[0]
    path = [str(p) for p in (rec["path"] if isinstance(rec["path"], list | tuple) else [])]
    cand = str(rec["candidate"])
    if not path:
        path = [cand]
    xs = list(range(len(path)))
    ys = [0.0] * len(path)
    fig = ui.Figure()
    if len(path) > 1:
        fig.add_trace(
            ui.trace(
                "scatter",
                x=xs,
                y=ys,
                mode="lines",
                line={"color": "#555", "width": 3},
                hoverinfo="skip",
                name=t("partners.existing_path", lang),
            )
        )
        fig.add_trace(
            ui.trace(
                "scatter",
                x=[0, len(path) / 2 - 0.5, len(path) - 1],
                y=[0, 0.9, 0],
                mode="lines",
                line={"color": "#2ca02c", "width": 3, "dash": "dash", "shape": "spline"},
                hoverinfo="skip",
                name=t("partners.proposed_tie", lang),
            )
        )
    broker = rec["broker"] if isinstance(rec["broker"], str) else None
    colours = [
        "#d62728" if p == broker else "#0072B2" if i == 0 else "#2ca02c" if p == cand else "#999"
        for i, p in enumerate(path)
    ]
    fig.add_trace(
        ui.trace(
            "scatter",
            x=xs,
            y=ys,
            mode="markers+text",
            marker={"size": 26, "color": colours},
            text=[short_name(data, p, lang) for p in path],
            textposition="bottom center",
            customdata=[["org", p] for p in path],
            hovertext=[
                f"{data.org_label(p, lang)}<br>"
                f"{data.cluster_label(str(data.orgs.at[p, 'group']), lang)}"
                if p in data.orgs.index
                else p
                for p in path
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    if broker:
        fig.add_annotation(
            x=path.index(broker) if broker in path else 0,
            y=0.25,
            text=t("partners.broker", lang),
            showarrow=False,
            font={"color": "#d62728"},
        )
    fig.update_xaxes(visible=False, range=[-0.7, max(len(path) - 0.3, 1)])
    fig.update_yaxes(visible=False, range=[-0.8, 1.3])
    title = f"{short_name(data, path[0], lang, 60)} → {short_name(data, cand, lang, 60)}"
    title = title.replace("<br>", " ")
    if len(path) <= 1:
        title += " — " + t("partners.no_path", lang)
    return ui.base_layout(
        fig, title={"text": title, "x": 0.01}, legend={"orientation": "h", "y": -0.05}
    )
