"""Read ahead in a thread: the next batches are parsed while the current one is written."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any


def prefetched(batches: Iterator[list[tuple]], depth: int = 2) -> Iterator[list[tuple]]:
    """The batches, read ahead in a thread while the caller writes the previous ones.

    pyarrow's parser and SQLite both release the GIL, so reading and writing overlap on
    two cores.  An exception of the reader comes out here, at the batch it stopped.
    """
    box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        box.put(("batch", batch), timeout=0.2)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            box.put(("done", None))
        except BaseException as exc:  # handed to the consumer
            box.put(("error", exc))

    thread = threading.Thread(target=produce, name="registry-reader", daemon=True)
    thread.start()
    try:
        while True:
            what, item = box.get()
            if what == "done":
                return
            if what == "error":
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
