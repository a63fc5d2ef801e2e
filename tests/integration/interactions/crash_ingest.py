"""Run an ingest and kill the process mid-batch (used by ``test_crash.py``).

Usage: python crash_ingest.py HOME FILE staging|merge

``staging``: killed while rows are checked and written. ``merge``: killed during the
copy-on-write of a merge, once its first new data file is on disk and before its log entry.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

from fairshore.adapters.lake import rewrite
from fairshore.bootstrap import open_workspace
from fairshore.config import load_settings
from fairshore.interactions import services


def _kill_on_new_file(folder: Path) -> None:
    before = set(folder.rglob("*.parquet"))

    def watch() -> None:
        while True:
            if set(folder.rglob("*.parquet")) - before:
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(0.001)

    threading.Thread(target=watch, daemon=True).start()


def main() -> None:
    home, path, mode = sys.argv[1:4]
    ws = open_workspace(load_settings(home=Path(home), ingest_chunk_rows=500))

    def progress(rows: int, _total: int) -> None:
        if mode == "staging" and rows >= 1500:
            os.kill(os.getpid(), signal.SIGKILL)

    if mode == "merge":
        real = rewrite.publish_changes

        def merge_then_die(*args: object, **kwargs: object) -> int:
            _kill_on_new_file(ws.lake / "interactions")
            version = real(*args, **kwargs)  # type: ignore[arg-type]
            time.sleep(5)  # the watcher kills before this returns
            return version

        rewrite.publish_changes = merge_then_die  # type: ignore[assignment]
    services.ingest_files(
        ws,
        table="interactions",
        paths=[Path(path)],
        engagement_id="telco-krk",
        progress=progress,
    )


if __name__ == "__main__":
    main()
