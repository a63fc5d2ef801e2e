"""Run an ingest and kill the process mid-batch (used by ``test_crash.py``).

Usage: python crash_ingest.py HOME FILE staging|publishing
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from fairshore.adapters.lake import writer
from fairshore.bootstrap import open_workspace
from fairshore.config import load_settings
from fairshore.interactions import services


def main() -> None:
    home, path, mode = sys.argv[1:4]
    ws = open_workspace(load_settings(home=Path(home), ingest_chunk_rows=500))

    def progress(rows: int, _total: int) -> None:
        if mode == "staging" and rows >= 1500:
            os.kill(os.getpid(), signal.SIGKILL)

    def partial_publish(lake: Path, _quarantine: Path, batch_id: str) -> None:
        files = json.loads((lake / writer.PENDING / batch_id).read_text())["files"]
        target = lake / files[0]
        target.parent.mkdir(parents=True, exist_ok=True)
        (writer.staging_dir(lake, batch_id) / files[0]).replace(target)
        os.kill(os.getpid(), signal.SIGKILL)

    if mode == "publishing":
        writer.finish_publish = partial_publish  # type: ignore[assignment]
    services.ingest_files(
        ws,
        table="interactions",
        paths=[Path(path)],
        engagement_id="telco-krk",
        progress=progress,
    )


if __name__ == "__main__":
    main()
