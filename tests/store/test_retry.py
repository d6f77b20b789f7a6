"""Write batches are retried on retryable errors, a bounded number of times."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j.exceptions import ConstraintError, TransientError

from kizuna.graph.errors import StoreError
from tests.store.bundles import tiny_bundle

pytestmark = pytest.mark.store


class FlakyDriver:
    """Delegates to the real driver; the first ``fails`` write transactions raise ``error``."""

    def __init__(self, real: Any, fails: int, error: type[Exception]) -> None:
        self.real, self.fails, self.error, self.attempts = real, fails, error, 0

    def session(self, **kwargs: Any) -> Any:
        outer, inner = self, self.real.session(**kwargs)

        class Session:
            def __enter__(self) -> Session:
                inner.__enter__()
                return self

            def __exit__(self, *exc: object) -> None:
                inner.__exit__(*exc)

            def execute_write(self, work: Any) -> Any:
                outer.attempts += 1
                if outer.fails:
                    outer.fails -= 1
                    raise outer.error("injected failure")
                return inner.execute_write(work)

            def __getattr__(self, name: str) -> Any:
                return getattr(inner, name)

        return Session()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.fixture
def flaky(clean_store: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    def install(fails: int, error: type[Exception]) -> FlakyDriver:
        driver = FlakyDriver(clean_store._driver, fails, error)
        monkeypatch.setattr(clean_store, "_driver", driver)
        monkeypatch.setattr("kizuna.graph.bolt.time.sleep", lambda _s: None)
        return driver

    return install


def test_batch_retried_until_it_passes(clean_store: Any, flaky: Any) -> None:
    driver = flaky(3, ConstraintError)
    report = clean_store.upsert_bundle(tiny_bundle())
    assert report.written["nodes"] == 4
    assert driver.attempts > 3 and driver.fails == 0
    assert clean_store.counts()["organizations"] == 4


def test_transient_errors_are_the_drivers_to_retry(clean_store: Any, flaky: Any) -> None:
    """A TransientError out of execute_write is one the driver retried for its whole
    retry time already: kizuna does not multiply that by its own attempts."""
    driver = flaky(1000, TransientError)
    with pytest.raises(StoreError):
        clean_store.upsert_bundle(tiny_bundle())
    assert driver.attempts == 1


def test_retries_are_bounded(clean_store: Any, flaky: Any) -> None:
    driver = flaky(1000, ConstraintError)
    with pytest.raises(StoreError, match="safe to repeat"):
        clean_store.upsert_bundle(tiny_bundle())
    assert driver.attempts == clean_store.max_retries
