"""The organization dropdown of the partner and what-if pages: options found as the user types."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update

from kizuna.dashboard.data import SnapshotData
from kizuna.dashboard.store_source import DataSource
from kizuna.dashboard.text import search


def org_options(data: SnapshotData, query: str | None, keep: str | None) -> list[dict[str, str]]:
    found = search(data.search_keys, query, rank=data.orgs["degree"], limit=30) if query else []
    if keep and keep in data.orgs.index and keep not in found:
        found = [keep, *found]
    if not found:
        found = list(data.orgs["degree"].sort_values(ascending=False).index[:30])
    return [{"label": data.org_label(i), "value": i} for i in found]


def register_org_search(app: Dash, source: DataSource, dropdown: str) -> None:
    """Refill the options of the organization dropdown ``dropdown`` as the user types."""

    @app.callback(
        Output(dropdown, "options"),
        Input(dropdown, "search_value"),
        State(dropdown, "value"),
        prevent_initial_call=True,
    )
    def org_search(query, value):  # type: ignore[no-untyped-def]
        if not query:
            return no_update
        return org_options(source.peek().data, query, value)
