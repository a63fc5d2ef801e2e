"""Fetch the next page while the last one is ingested.

An API sync alternates waiting for a page (the API builds it, the network carries it)
and ingesting it (parsing, checks, the lake commit); fetching in a thread of its own
overlaps the two: the wait for the network releases the GIL. At most ``ahead`` pages
wait fetched and unread (a sync asks for no more than its page budget ahead: pages
it does not ingest have no cursor saved, and the next sync asks for them again).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()


def prefetched(items: Iterator[T], *, ahead: int = 1) -> Iterator[T]:
    """``items`` as they come, pulled by a thread up to ``ahead`` items early; an error
    of ``items`` is raised here, in its turn."""
    waiting: queue.Queue[object] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def pull() -> None:
        try:
            for item in items:
                if not _put(waiting, item, stop):
                    return
            _put(waiting, _END, stop)
        except BaseException as exc:  # handed to the consumer, raised there
            _put(waiting, exc, stop)

    worker = threading.Thread(target=pull, name="source-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            item = waiting.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        worker.join(timeout=60)


def _put(waiting: queue.Queue[object], item: object, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            waiting.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False
