"""Two months of voice and chat contacts, ingested from a CSV file like a vendor's.

July's voice calls wait long: a third of them 40-200 s, so the demo contract's voice
service level (80 % within 20 s, ICMI variant 5, at least 200 calls) is breached in
July and met in June. Seeded, so every run writes the same file.
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fairshore.bootstrap import Workspace
from fairshore.contracts import services as contracts
from fairshore.contracts.findings import evaluation_findings
from fairshore.governance import services as governance
from fairshore.interactions import services as ingest

FILE_NAME = "northwind-2026-06-07.csv"
PER_MONTH = 480  # 240 voice, 240 chat


def ingest_contacts(ws: Workspace, engagement_id: str, folder: Path) -> str:
    """Write and ingest the file; the batch id."""
    rng = random.Random(24)
    path = folder / FILE_NAME
    with path.open("w", newline="") as sink:
        out = csv.writer(sink)
        out.writerow(
            [
                "interaction_id",
                "engagement_id",
                "channel",
                "arrived_at",
                "answered_at",
                "abandoned_at",
                "handle_seconds",
                "csat",
            ]
        )
        for month in (6, 7):
            for n in range(PER_MONTH):
                arrived = datetime(2026, month, 1 + n % 28, 8 + n % 9, n % 60, n % 7, tzinfo=UTC)
                slow = month == 7 and n % 3 == 0
                wait = rng.uniform(40, 200) if slow else rng.uniform(1, 15)
                gone = n % 25 == 0  # a few abandon, after the wait
                end = (arrived + timedelta(seconds=wait)).isoformat()
                out.writerow(
                    [
                        f"{engagement_id}-{month}-{n}",
                        engagement_id,
                        "voice" if n % 2 else "chat",
                        arrived.isoformat(),
                        "" if gone else end,
                        end if gone else "",
                        300 + n,
                        1 + n % 5,
                    ]
                )
    report = ingest.ingest_files(
        ws, table="interactions", paths=[path], engagement_id=engagement_id
    )
    assert report.rows_accepted == 2 * PER_MONTH, report
    return report.batch_id


def judge_the_contract(ws: Workspace, engagement_id: str) -> None:
    """Add the demo contract, judge June and July, and record the breaches as findings."""
    contracts.add_contract(ws, contracts.demo_contract_path(engagement_id))
    for month in ("2026-06", "2026-07"):
        result = contracts.evaluate_sla(ws, engagement_id=engagement_id, period=month)
        found = [f for ev in result.evaluations for f in evaluation_findings(ev)]
        governance.record_findings(ws, found, now=datetime(2026, 8, 3, tzinfo=UTC))
