"""The cluster profile page /cluster/<id> and its report download."""

from __future__ import annotations

import io

from kizuna.dashboard import shell, urlstate
from kizuna.dashboard.app import create_app
from kizuna.dashboard.pages.cluster_profile.model import members_by_kind, report_file


def test_the_profile_page_shows_every_part(tiny_bundle):
    app = create_app(tiny_bundle)
    source = app.server.config["KIZUNA_DATA"]
    source.warm()
    urlstate.CURRENT_PATH.set("/cluster/tama")
    content, _ = shell.render_page(source, "/cluster/tama", "en", None)
    text = str(content)
    for part in (
        "Cluster profile",
        "Members by kind",
        "Hub roles",
        "Gaps with the other",
        "Partner suggestions",
        "Evidence",
        "profile-map",
    ):
        assert part in text, part
    assert "TAMA" in text and "notice-error" not in text
    urlstate.CURRENT_PATH.set("/cluster/nowhere")
    content, _ = shell.render_page(source, "/cluster/nowhere", "en", None)
    assert "is not in the current data" in str(content) or "nowhere" in str(content)


def test_members_by_kind_count_every_member(data):
    table = members_by_kind(data, "tama", "ja")
    assert table["count"].sum() == (data.orgs["group"] == "tama").sum() == 7
    assert "company" not in set(table["kind"])  # names, not codes


def test_the_report_downloads_as_excel(data):
    import openpyxl

    content, name = report_file(data, "tama", "en", "xlsx")
    assert name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert len(book.sheetnames) >= 2
