"""The what-if page: its plotly figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from kizuna.dashboard import components as ui
from kizuna.dashboard.i18n import t


def pair_figure(changes: pd.DataFrame, lang: str) -> go.Figure:
    if changes.empty:
        return ui.empty_figure(t("whatif.no_pair_change", lang))
    top = changes.head(15)
    labels = [f"{a[:12]} × {b[:12]}" for a, b in zip(top["a_name"], top["b_name"], strict=True)]
    fig = go.Figure(
        [
            go.Bar(
                y=labels,
                x=top["ratio_before"],
                orientation="h",
                name=t("whatif.before", lang),
                marker_color="#9aa5b1",
            ),
            go.Bar(
                y=labels,
                x=top["ratio_after"],
                orientation="h",
                name=t("whatif.after", lang),
                marker_color="#0072B2",
            ),
        ]
    )
    fig.update_yaxes(autorange="reversed")
    return ui.base_layout(
        fig,
        barmode="group",
        title={"text": t("whatif.pairs_title", lang), "x": 0.01},
        margin={"l": 220, "r": 10, "t": 40, "b": 30},
        xaxis_title=t("gaps.ratio", lang),
    )
