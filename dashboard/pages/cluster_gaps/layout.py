"""The cluster-gaps page: its components for one snapshot."""

from __future__ import annotations

from typing import Any

from dash import html

from kizuna.dashboard import components as ui
from kizuna.dashboard import grids, ids
from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.frames import TIE_COLUMNS, ties_of_selection
from kizuna.dashboard.i18n import t
from kizuna.dashboard.pages.cluster_gaps.figures import heatmap
from kizuna.dashboard.pages.cluster_gaps.model import gap_table
from kizuna.dashboard.store_source import Snapshot

GRID_COLUMNS = ("a_name", "b_name", "observed", "expected", "ratio")


def drill_down(data: SnapshotData, selection: dict[str, Any], lang: str) -> Any:
    """The ties behind the selected pair (or a hint)."""
    if selection.get("kind") != "pair":
        return ui.notice(t("gaps.hint", lang))
    title = html.H4(
        f"{data.cluster_label(selection.get('a'), lang)} ↔ "
        f"{data.cluster_label(selection.get('b'), lang)}"
    )
    table = ties_of_selection(data, data.ties, selection)
    if table.empty:
        return html.Div([title, ui.notice(t("gaps.no_ties_pair", lang), kind="warning")])
    return html.Div(
        [
            title,
            grids.grid(
                ids.GAPS_TIES_GRID,
                table,
                [(c, t(f"col.{c}", lang)) for c in TIE_COLUMNS],
                height="300px",
            ),
        ]
    )


def layout(snapshot: Snapshot, lang: str, selection: dict[str, Any]) -> html.Div:
    data = snapshot.data
    table = gap_table(data)
    return html.Div(
        [
            html.H2(t("gaps.title", lang)),
            html.P(t("gaps.explain", lang), className="explain"),
            html.Div(
                [ui.csv_button(ids.GAPS_CSV, ids.GAPS_CSV_DOWNLOAD, lang)], className="toolbar"
            ),
            html.Div(
                [
                    html.Div(
                        ui.graph(
                            ids.GAPS_FIGURE,
                            heatmap(data, table, selection=selection, lang=lang),
                            height="620px",
                        ),
                        className="main-col",
                    ),
                    html.Div(
                        [
                            html.H4(t("gaps.weakest", lang)),
                            grids.grid(
                                ids.GAPS_GRID,
                                table,
                                [(c, t(f"gaps.col_{c}", lang)) for c in GRID_COLUMNS],
                                height="560px",
                                row_id="pair",
                                selectable=True,
                            ),
                        ],
                        className="side-col",
                    ),
                ],
                className="two-col",
            ),
            html.Div(drill_down(data, selection, lang), id=ids.GAPS_TIES),
        ]
    )
