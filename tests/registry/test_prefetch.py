"""The read-ahead thread gives the batches in order and passes the reader's error on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kizuna.registry.prefetch import prefetched


def test_batches_come_in_order() -> None:
    batches = [[(i,)] for i in range(50)]
    assert list(prefetched(iter(batches))) == batches


def test_the_readers_error_comes_out_after_the_good_batches() -> None:
    def reader() -> Iterator[list[tuple]]:
        yield [(1,)]
        yield [(2,)]
        raise ValueError("row 3 is bad")

    got: list[list[tuple]] = []
    with pytest.raises(ValueError, match="row 3"):
        for batch in prefetched(reader()):
            got.append(batch)
    assert got == [[(1,)], [(2,)]]


def test_stopping_early_ends_the_thread() -> None:
    def endless() -> Iterator[list[tuple]]:
        i = 0
        while True:
            i += 1
            yield [(i,)]

    stream = prefetched(endless())
    assert next(stream) == [(1,)]
    stream.close()  # joins the reader thread: returns, never hangs
