"""Criticality measured from the lake and the stored sharing policy; the audit plan reads it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.adapters.db import privacy_repository as privacy_repo
from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.governance import services as governance
from fairshore.governance.model import Audit
from fairshore.interactions.schema import INTERACTIONS
from fairshore.vetting import services
from fairshore.vetting.audit_plan import plan_audits
from tests.integration.metrics.lakerows import _ARROW

AS_OF = date(2026, 12, 31)


def _engagement(ws: Workspace, engagement_id: str) -> None:
    if not entities.list_vendors(ws):
        entities.add_vendor(ws, id="acme", name="Acme")
    entities.add_engagement(
        ws,
        id=engagement_id,
        vendor_id="acme",
        name=engagement_id,
        timezone="UTC",
        channels=["voice"],
        languages=["en"],
        segment_columns=["seg_accessibility"],
    )


def _write(ws: Workspace, engagement_id: str, months: dict[str, list[str | None]]) -> None:
    """Contacts per month, one per accessibility value given."""
    for month, values in months.items():
        start = datetime.fromisoformat(f"{month}-02T09:00:00+00:00")
        rows = [
            {"interaction_id": f"{month}-{i}", "channel": "voice", "arrived_at": start}
            | {"arrived_at": start + timedelta(minutes=i)}
            for i in range(len(values))
        ]
        arrays = {
            c.name: pa.array(
                [r.get(c.name, engagement_id if c.name == "engagement_id" else None) for r in rows],
                _ARROW[c.type],
            )
            for c in INTERACTIONS.columns
        }
        arrays["seg_accessibility"] = pa.array(values, pa.string())
        folder = ws.lake / "interactions" / f"engagement={engagement_id}" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(arrays), folder / "b1.parquet")
    upgrade_lake(ws.lake)


def test_volume_and_vulnerability_are_measured_from_the_lake(workspace: Workspace) -> None:
    _engagement(workspace, "eng-a")
    # 2025-12 is outside the twelve months ending 2026-12-31 and must not count
    values = ["none"] * 8 + ["hearing", None]  # 1 vulnerable of 9 known, 10 contacts
    _write(workspace, "eng-a", {"2025-12": ["visual"] * 50, "2026-03": values, "2026-04": values})
    c = services.assess_criticality(workspace, "eng-a", as_of=AS_OF)
    assert c.monthly_volume == 10  # 20 contacts in the 2 months that had contacts
    assert str(c.vulnerable_share) == "0.1111"  # 2 of 18 known
    assert "20 contacts in 2 month(s)" in c.sources["monthly_volume"]
    assert "2 of 18 contacts with seg_accessibility known" in c.sources["vulnerable_share"]
    # volume grade 1, vulnerability grade 3 (>= 5 %), data sensitivity unmeasured (2)
    assert (c.level, c.tier) == (3, "high")


def test_data_sensitivity_comes_from_the_stored_sharing_policy(workspace: Workspace) -> None:
    _engagement(workspace, "eng-b")
    body = {
        "engagement_id": "eng-b",
        "version": 2,
        "tables": {
            "interactions": {
                "default": "withhold",
                "fields": {"customer_ref": "pseudonymise", "seg_accessibility": "share"},
            }
        },
    }
    with workspace.db.begin() as conn:
        privacy_repo.save_policy(
            conn, workspace.organisation_id, engagement_id="eng-b", version=2, sha256="x", body=body
        )
    c = services.assess_criticality(workspace, "eng-b", as_of=AS_OF)
    assert c.data_sensitivity == "special_category" and c.tier == "critical"
    assert "policy version 2" in c.sources["data_sensitivity"]


def test_the_audit_plan_reads_measured_criticality(workspace: Workspace) -> None:
    _engagement(workspace, "eng-a")
    _engagement(workspace, "eng-c")
    _engagement(workspace, "eng-d")
    _write(workspace, "eng-a", {"2026-11": ["cognitive"] * 3 + ["none"] * 7})
    for dimension, value in (
        ("data_sensitivity", "none"),
        ("monthly_volume", "500"),
        ("vulnerable_share", "0"),
    ):
        services.override_criticality(
            workspace,
            "eng-c",
            dimension=dimension,
            value=value,
            set_by="ana",
            reason="a marketing survey line: no customer data",
            now=datetime(2026, 12, 1, tzinfo=UTC),
        )
    governance.add_audit(
        workspace,
        Audit(engagement_id="eng-c", auditor="A", audited_on=date(2026, 6, 1), scope="s"),
        now=datetime(2026, 6, 2, tzinfo=UTC),
    )
    plans = {p.engagement_id: p for p in plan_audits(workspace, today=AS_OF)}
    # 30 % of contacts vulnerable (>= 15 %: grade 4): critical, never audited, due now
    a = plans["eng-a"]
    assert (a.criticality, a.due_on, len(a.pillars)) == ("critical", AS_OF, 5)
    assert "customer vulnerability: grade 4 (measured" in a.criticality_source
    c = plans["eng-c"]  # every input overridden low: audited every 24 months
    assert (c.criticality, c.due_on) == ("low", date(2028, 6, 1))
    assert "override by ana on 2026-12-01" in c.criticality_source
    d = plans["eng-d"]  # nothing measured, nothing typed in: medium, and it says so
    assert d.criticality == "medium" and "not measured" in d.criticality_source
