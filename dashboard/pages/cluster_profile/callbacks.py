"""The cluster profile page: its Dash callbacks (thin: they call the model, figures and layout)."""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc, no_update

from kizuna.dashboard import ids
from kizuna.dashboard.pages.cluster_profile.model import report_file
from kizuna.dashboard.store_source import DataSource


def register(app: Dash, source: DataSource) -> None:
    @app.callback(
        Output(ids.PROFILE_DOWNLOAD, "data"),
        Input(ids.PROFILE_XLSX, "n_clicks"),
        Input(ids.PROFILE_PDF, "n_clicks"),
        State(ids.PROFILE_CLUSTER, "data"),
        State(ids.LANG, "value"),
        prevent_initial_call=True,
    )
    def download(n_xlsx, n_pdf, cluster, lang):  # type: ignore[no-untyped-def]
        from dash import ctx

        if not cluster:
            return no_update
        fmt = "pdf" if ctx.triggered_id == ids.PROFILE_PDF else "xlsx"
        content, name = report_file(source.peek().data, cluster, lang or "ja", fmt)
        return dcc.send_bytes(content, name)
