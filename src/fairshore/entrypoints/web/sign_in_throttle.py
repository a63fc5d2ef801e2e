"""Sign-in throttling, per client address and for the whole worker process.

Argon2id is slow and memory-hard on purpose (pwdlib's parameters: about 64 MB a check),
so unthrottled sign-ins are a cheap way to load the server: 20 parallel ones took
p95 5.3 s. Three limits answer 429 with ``Retry-After`` instead of queueing:

- one client address has at most ``PER_CLIENT_AT_ONCE`` password checks in flight;
- it may fail ``failures_per_client`` times in ``WINDOW_S`` (the lockout protects each
  account; this protects against one address trying many accounts);
- the process runs at most ``at_once`` checks together (one per core), and a sign-in
  that cannot get a turn within ``WAIT_S`` is refused rather than left waiting.

The limits are per worker process, in memory (several workers each keep their own).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

WINDOW_S = 15 * 60.0
PER_CLIENT_AT_ONCE = 2
WAIT_S = 2.0
TRACKED_CLIENTS = 10_000  # the oldest address is forgotten beyond this many


class ThrottledError(Exception):
    """A sign-in refused for now; ``retry_after`` is in whole seconds."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(f"too many sign-in attempts; try again in {self.retry_after} s")


class Attempt:
    """One admitted sign-in; call ``failed()`` when the password was wrong."""

    def __init__(self, throttle: SignInThrottle, client: str) -> None:
        self._throttle = throttle
        self._client = client

    def failed(self) -> None:
        self._throttle.record_failure(self._client)


class SignInThrottle:
    """Admits sign-ins by client address and bounds concurrent password checks."""

    def __init__(
        self,
        *,
        failures_per_client: int,
        at_once: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failures_per_client = failures_per_client
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._in_flight: dict[str, int] = {}
        self._turns = threading.BoundedSemaphore(at_once)

    @contextmanager
    def attempt(self, client: str) -> Iterator[Attempt]:
        """Admit one sign-in from ``client`` or raise :class:`ThrottledError`."""
        self._enter(client)
        try:
            if not self._turns.acquire(timeout=WAIT_S):
                raise ThrottledError(WAIT_S)
            try:
                yield Attempt(self, client)
            finally:
                self._turns.release()
        finally:
            with self._lock:
                self._in_flight[client] -= 1
                if not self._in_flight[client]:
                    del self._in_flight[client]

    def record_failure(self, client: str) -> None:
        with self._lock:
            self._failures.setdefault(client, deque()).append(self._clock())
            self._failures.move_to_end(client)
            while len(self._failures) > TRACKED_CLIENTS:
                self._failures.popitem(last=False)

    def _enter(self, client: str) -> None:
        now = self._clock()
        with self._lock:
            failures = self._failures.get(client)
            while failures and failures[0] <= now - WINDOW_S:
                failures.popleft()
            if failures is not None and len(failures) >= self.failures_per_client:
                raise ThrottledError(failures[0] + WINDOW_S - now)
            if self._in_flight.get(client, 0) >= PER_CLIENT_AT_ONCE:
                raise ThrottledError(1)
            self._in_flight[client] = self._in_flight.get(client, 0) + 1
