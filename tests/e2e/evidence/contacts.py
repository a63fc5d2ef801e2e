"""Two months of voice and chat contacts, ingested from a CSV file like a vendor's.

July's voice calls wait long: a third of them 40-200 s, so the demo contract's voice
service level (80 % within 20 s, ICMI variant 5, at least 200 calls) is breached in
July and met in June. Seeded, so every run writes the same file.

``evidence_built`` is the workspace the evidence tests share (the drill-down functions,
their pages through the web client, the journeys in Chromium), built once per run:
Telco MNL (Northwind) with these contacts and the demo contract judged on June and July,
Telco BLR (Indigo) without data, an analyst and a user of each vendor, and organisation
``other`` with an analyst. Each module works on its own ``copy_of`` it.
"""

from __future__ import annotations

import csv
import dataclasses
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fairshore.accounts import services as accounts
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.contracts import services as contracts
from fairshore.contracts.findings import evaluation_findings
from fairshore.engagements import services as entities
from fairshore.governance import services as governance
from fairshore.interactions import services as ingest
from tests.shared_build import built_once

FILE_NAME = "northwind-2026-06-07.csv"
PER_MONTH = 480  # 240 voice, 240 chat
PASSWORD = "correct horse battery staple"  # the web and browser tests' sign_in use it


def evidence_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared evidence workspace's folder (``tests.shared_build.copy_of`` it)."""
    return built_once(tmp_path_factory, "evidence", _build)


def _build(folder: Path) -> None:
    ws = init_workspace(load_settings(home=folder / "ws"))
    entities.add_vendor(ws, id="northwind", name="Northwind BPO")
    entities.add_vendor(ws, id="indigo", name="Indigo Services")
    for eid, vid in (("telco-mnl", "northwind"), ("telco-blr", "indigo")):
        name = f"Telco {eid[-3:].upper()}"
        entities.add_engagement(ws, id=eid, vendor_id=vid, name=name, timezone="UTC",
                                channels=["voice", "chat"], languages=["en"])  # fmt: skip
    ingest_contacts(ws, "telco-mnl", folder)
    judge_the_contract(ws, "telco-mnl")
    accounts.add_user(ws, email="analyst@telco.example", password=PASSWORD, role="analyst")
    for vendor in ("northwind", "indigo"):
        accounts.add_user(ws, email=f"vendor@{vendor}.example", password=PASSWORD,
                          role="vendor", vendor_id=vendor)  # fmt: skip
    with ws.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    other = dataclasses.replace(ws, organisation_id="other")
    accounts.add_user(other, email="analyst@other.example", password=PASSWORD, role="analyst")
    ws.close()


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
