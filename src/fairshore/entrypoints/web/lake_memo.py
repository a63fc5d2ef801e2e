"""Results of heavy analytics kept while the lake files they read are unchanged.

A key names the computation (workspace, organisation, engagement, arguments); the
stamp is the list of the engagement's data files in the tables' snapshots (Delta
writes every file under a new name, so a new batch, retraction or erasure changes
it, on a folder or an object store alike), and the next request recomputes.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from fairshore.adapters.lake import delta
from fairshore.bootstrap import Workspace

T = TypeVar("T")
LAKE_TABLES = ("interactions", "agents", "agent_months", "access_events")


class LakeMemo:
    """Results kept while the lake files they were computed from are unchanged.

    A key names the computation (workspace, organisation, engagement, arguments); the
    stamp is the count and newest modification time of the files read. A new batch
    changes the stamp and the next request recomputes. Least recently used results
    go first once ``size`` are kept.
    """

    def __init__(self, *, size: int = 128) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, stamp: Hashable, compute: Callable[[], T]) -> T:
        """The kept result of ``key`` at ``stamp``, else ``compute()`` (once: concurrent
        requests for the same key wait for the first one instead of computing again)."""
        with self._lock:
            found = self._cached(key, stamp)
            if found is not None:
                return found[0]  # type: ignore[no-any-return]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                found = self._cached(key, stamp)
                if found is not None:
                    return found[0]  # type: ignore[no-any-return]
            value = compute()
            with self._lock:
                self._items[key] = (stamp, value)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._computing.pop(key, None)
        return value

    def _cached(self, key: Hashable, stamp: Hashable) -> tuple[Any] | None:
        found = self._items.get(key)
        if found is None or found[0] != stamp:
            return None
        self._items.move_to_end(key)
        return (found[1],)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


MEMO = LakeMemo()


def lake_files(ws: Workspace, table: str, engagement_id: str | None) -> list[str]:
    """The published data files of a table, paths or object URIs (no query is run)."""
    dt = delta.open_table(ws.lake, table)
    return [] if dt is None else delta.files(dt, engagement_id)


def lake_stamp(ws: Workspace, engagement_ids: Iterable[str | None]) -> tuple[Any, ...]:
    """Count and digest of the names of the data files of these engagements."""
    stamp = []
    for engagement_id in engagement_ids:
        for table in LAKE_TABLES:
            files = lake_files(ws, table, engagement_id)
            digest = hashlib.sha256("\n".join(files).encode()).hexdigest()
            stamp.append((engagement_id, table, len(files), digest))
    return tuple(stamp)


def memo_key(ws: Workspace, name: str, engagement_id: str | None, *args: Hashable) -> Hashable:
    return (str(ws.home), ws.organisation_id, name, engagement_id, *args)


def lake_months(ws: Workspace, table: str, engagement_id: str) -> list[str]:
    """The month partitions (``YYYY-MM``) of a table, oldest first."""
    return ws.lake_reader.months(table, engagement_id)


def num(value: object) -> float | None:
    """A plain float for the API: None for missing, NaN or infinite values."""
    if value is None:
        return None
    if isinstance(value, (Fraction, Decimal)):
        value = float(value)
    if not isinstance(value, (int, float)):
        return None
    out = float(value)
    return None if math.isnan(out) or math.isinf(out) else out
