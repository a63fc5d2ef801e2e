"""``fairshore serve`` syncs the sources whose cadence has come round.

One background thread per server, every ``FAIRSHORE_SYNC_INTERVAL_MINUTES`` (0: off,
for deployments that run ``fairshore sync --all`` from cron instead). Several worker
processes share one workspace: an advisory lock on ``<workspace>/sources/.scheduler``
lets exactly one of them run the syncs. A failing sync is recorded on its source (and
becomes a silent-feed finding in time); it never stops the server.

With an SMTP server set (``FAIRSHORE_SMTP_HOST``) the same thread sends the due
reminders and the weekly digest (``fairshore notify due|digest``): each goes once per
person and due date or ISO week, so the first run of a week sends the digest.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import IO

from fairshore.attention import services as attention
from fairshore.bootstrap import Workspace
from fairshore.sources import services as sources

LOG = logging.getLogger("fairshore.sources")
Clock = Callable[[], datetime]


class SyncScheduler:
    """The thread that runs due syncs, holding the workspace's scheduler lock."""

    def __init__(self, ws: Workspace, interval_s: float, lock: IO[bytes], clock: Clock) -> None:
        self._ws, self._interval, self._lock, self._clock = ws, interval_s, lock, clock
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fairshore-sync", daemon=True)

    @classmethod
    def start(
        cls, ws: Workspace, *, interval_s: float | None = None, clock: Clock = sources.utc_now
    ) -> SyncScheduler | None:
        """Start the scheduler, unless it is off or another process runs it; ``clock``
        says when due syncs are judged due (the wall clock; tests fix it)."""
        if interval_s is None:
            interval_s = ws.settings.sync_interval_minutes * 60.0
        if interval_s <= 0:
            return None
        folder = ws.home / "sources"
        folder.mkdir(parents=True, exist_ok=True)
        lock = (folder / ".scheduler").open("ab")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            return None  # another worker process runs the syncs
        scheduler = cls(ws, interval_s, lock, clock)
        scheduler._thread.start()
        return scheduler

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                for report in sources.sync_due(self._ws, now=self._clock()):
                    LOG.info("sync %s: %s, %d pages", report.source_id, report.status,
                             report.pages)  # fmt: skip
            except Exception:  # a sync problem must never stop the server
                LOG.exception("scheduled syncs failed")
            self._notify()

    def _notify(self) -> None:
        if self._ws.settings.smtp_host is None:
            return
        try:
            today = self._ws.today()
            attention.due_reminders(self._ws, today=today)
            attention.weekly_digest(self._ws, today=today)
        except Exception:  # nor a mail problem
            LOG.exception("scheduled notices failed")

    def stop(self) -> None:
        """Stop after the current sync, and release the lock."""
        self._stop.set()
        self._thread.join(timeout=60)
        fcntl.flock(self._lock, fcntl.LOCK_UN)
        self._lock.close()
