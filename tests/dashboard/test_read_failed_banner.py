"""A read the store refused is not reported as the store being down (issue 12, item 2)."""

from __future__ import annotations

import pytest

from kizuna.dashboard import shell
from kizuna.dashboard.app import create_app
from kizuna.graph.bundle import Bundle
from kizuna.graph.errors import StoreBusy, StoreNotRunning, StoreRefused, StoreUnavailable


@pytest.mark.parametrize(
    "error",
    [
        StoreRefused("The store refused the statement read_ties: heap budget exceeded", "x"),
        StoreBusy("A load is writing to this store (process 1 on h, since 12:00)."),
    ],
)
def test_a_refused_read_is_not_called_a_store_down(error: Exception) -> None:
    def failing() -> Bundle:
        raise error

    source = create_app(failing).server.config["KIZUNA_DATA"]
    content, banner = shell.render_page(source, "/", "en", None)
    assert "Reading the graph store failed" in str(banner) and str(error) in str(banner)
    assert "cannot be reached" not in str(banner) + str(content)
    assert "could not be read" in str(content)


@pytest.mark.parametrize(
    "error",
    [StoreNotRunning("No kizuna store is running"), StoreUnavailable("stopped answering")],
)
def test_a_store_that_is_gone_is_called_down(error: Exception) -> None:
    def failing() -> Bundle:
        raise error

    source = create_app(failing).server.config["KIZUNA_DATA"]
    content, banner = shell.render_page(source, "/", "ja", None)
    assert "グラフストアに接続できません" in str(banner) + str(content)
    assert "読み込みに失敗" not in str(banner) + str(content)
