"""The workspaces the browser tests serve, each built once per run (``conftest.py``)."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.accounts import services as accounts
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.adapters.lake import empty_schema
from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from fairshore.vetting.demo_assessments import load_demo_assessments

PASSWORD = "correct horse battery staple"


def build_telecom(folder: Path) -> None:
    """Northwind (Telco MNL) and Indigo (Telco BLR), each engagement with a breached voice
    service level; an analyst and a Northwind user; organisation ``other``."""
    ws = init_workspace(load_settings(home=folder / "ws"))
    entities.add_vendor(ws, id="northwind", name="Northwind BPO")
    entities.add_vendor(ws, id="indigo", name="Indigo Services")
    for eid, vid in (("telco-mnl", "northwind"), ("telco-blr", "indigo")):
        entities.add_engagement(
            ws,
            id=eid,
            vendor_id=vid,
            name=f"Telco {eid[-3:].upper()}",
            timezone="UTC",
            channels=["voice", "chat"],
            languages=["en"],
        )
        governance.record_findings(
            ws,
            [
                Finding(
                    key=f"sla:{eid}",
                    source="sla",
                    engagement_id=eid,
                    severity="major",
                    title=f"Voice service level breached ({eid})",
                )
            ],
        )
    accounts.add_user(ws, email="analyst@telco.example", password=PASSWORD, role="analyst")
    accounts.add_user(
        ws,
        email="vendor@northwind.example",
        password=PASSWORD,
        role="vendor",
        vendor_id="northwind",
    )
    _second_tenant(ws)
    ws.close()


def _second_tenant(ws: Workspace) -> None:
    """Organisation ``other``: vendor Acme, engagement Other E, an analyst and a vendor user."""
    with ws.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    other = dataclasses.replace(ws, organisation_id="other")
    entities.add_vendor(other, id="acme", name="Acme Contact")
    entities.add_engagement(other, id="other-e", vendor_id="acme", name="Other E",
                            timezone="UTC", channels=["voice"], languages=["en"])  # fmt: skip
    governance.record_findings(other, [
        Finding(key="sla:other-e", source="sla", engagement_id="other-e", severity="major",
                title="Voice service level breached (other-e)")
    ])  # fmt: skip
    accounts.add_user(other, email="analyst@other.example", password=PASSWORD, role="analyst")
    accounts.add_user(other, email="vendor@acme.example", password=PASSWORD, role="vendor",
                      vendor_id="acme")  # fmt: skip


def build_analytics(folder: Path) -> None:
    """The demo vendors with their questionnaires; Telco MNL (Northwind) with three months
    of voice, chat and e-mail contacts written straight into the lake as canonical
    Parquet; an analyst."""
    ws = init_workspace(load_settings(home=folder / "ws"))
    load_demo_assessments(ws)  # creates the demo vendors with their questionnaires
    entities.add_engagement(
        ws,
        id="telco-mnl",
        vendor_id="northwind",
        name="Telco MNL",
        timezone="UTC",
        channels=["voice", "chat"],
        languages=["en"],
    )
    _write_contacts(ws, "telco-mnl")
    accounts.add_user(ws, email="analyst@telco.example", password=PASSWORD, role="analyst")
    ws.close()


def _write_contacts(ws: Workspace, engagement_id: str) -> None:
    """Voice, chat and e-mail contacts for 2026-05..2026-07, a third of July's calls
    waiting long, e-mails answered hours later."""
    schema = empty_schema("interactions").to_pyarrow()
    rng = random.Random(7)
    for month in (5, 6, 7):
        rows: list[dict[str, Any]] = []
        for n in range(120):
            arrived = datetime(2026, month, 1 + n % 28, 8 + n % 9, n % 60, tzinfo=UTC)
            slow = month == 7 and n % 3 == 0
            wait = rng.uniform(40, 200) if slow else rng.uniform(1, 15)
            channel = "voice" if n % 2 else "chat"
            if n % 10 == 0:  # e-mails, answered hours later (a deferred channel)
                channel, wait = "email", rng.uniform(3600, 50000)
            rows.append(
                {
                    "interaction_id": f"{engagement_id}-{month}-{n}",
                    "engagement_id": engagement_id,
                    "channel": channel,
                    "language": "en",
                    "arrived_at": arrived,
                    "answered_at": arrived + timedelta(seconds=wait),
                    "handle_seconds": 300.0 + n,
                    "csat": float(1 + n % 5),
                    "batch_id": "browser-test",
                }
            )
        table = pa.Table.from_pylist(rows, schema=schema)
        folder = (
            ws.lake / "interactions" / f"engagement={engagement_id}" / f"month=2026-{month:02d}"
        )
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, folder / "browser-test.parquet")
    upgrade_lake(ws.lake)
