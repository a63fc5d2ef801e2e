"""Produce the next items in a thread while the caller works on this one.

Two loops alternate waiting and working: the CSV reader cuts and parses the next block
(pyarrow releases the GIL) while ingest validates and writes this one; an API sync
waits for the next page (the network releases the GIL) while this one is ingested.
At most ``ahead`` items wait produced and unread, which bounds memory (and, for a
sync, asks an API for no more pages than its budget). A module of its own, below every
feature (like ``numbers`` and ``cells``): ingest and sources share it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()


def read_ahead(
    produce: Callable[[], Iterator[T]], *, ahead: int = 1, name: str = "read-ahead"
) -> Iterator[T]:
    """The items of ``produce()`` in order, made by a thread up to ``ahead`` items early.

    An error raised while producing is raised here, in its turn; when the caller stops
    early (an error of its own, or it has read enough), the thread stops at its next item.
    """
    slots: queue.Queue[object] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                slots.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in produce():
                if not put(item):
                    return
            put(_END)
        except BaseException as exc:  # handed to the consumer, raised there
            put(exc)

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    try:
        while True:
            item = slots.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        worker.join(timeout=60)  # a page being fetched ends within its request timeout
