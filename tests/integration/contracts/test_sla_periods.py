"""A year of SLA evaluations from the lake: breach, earn-back, history, providers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from lakerows import add_engagement, contact, write_rows

from fairshore.bootstrap import Workspace
from fairshore.contracts.model import ClauseMeasurement
from fairshore.contracts.providers import ClauseEntry
from fairshore.contracts.services import evaluate_demo_contracts, sla_history


@pytest.fixture
def occupancy(db_workspace: Workspace) -> Iterator[list[tuple[date, date]]]:
    # The workspace's own registry (the real providers): one stands in for occupancy.
    calls: list[tuple[date, date]] = []

    def measure(ws: Workspace, engagement_id: str, start: date, end: date) -> ClauseMeasurement:
        calls.append((start, end))
        return ClauseMeasurement(value=0.94 if start.month == 7 else 0.7, sample_size=40)

    db_workspace.registries.clause_providers.register(ClauseEntry("max_occupancy", measure))
    yield calls


def test_breach_in_july_is_earned_back_in_october(
    db_workspace: Workspace, occupancy: list[tuple[date, date]]
) -> None:
    add_engagement(db_workspace, "telco-blr", "indigo", business_hours={
        d: {"open": "08:00", "close": "22:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat")
    }, timezone="Asia/Kolkata")  # fmt: skip
    rows = []
    for month in range(6, 11):
        base = datetime(2026, month, 1, tzinfo=UTC)
        for i in range(250):
            slow = month == 7 and i % 2
            rows.append(contact(month * 1000 + i, arrived=base + timedelta(hours=2 * i),
                                wait=45.0 if slow else 6.0))  # fmt: skip
    write_rows(db_workspace, "telco-blr", rows)
    results = evaluate_demo_contracts(
        db_workspace, engagement_ids=["telco-blr"], start="2026-06", end="2026-10"
    )["telco-blr"]
    voice = {
        e.period: next(t for t in e.terms if t.term_id == "voice-service-level") for e in results
    }
    assert [voice[p].status for p in sorted(voice)] == ["met", "breached", "met", "met", "met"]
    assert voice["2026-07"].credit == pytest.approx(0.03 * 180000)
    assert voice["2026-10"].earned_back == pytest.approx(0.03 * 180000)
    july = next(e for e in results if e.period == "2026-07")
    occ = next(t for t in july.terms if t.term_id == "max_occupancy")
    assert occ.status == "breached" and occ.credit == pytest.approx(0.01 * 180000)
    assert july.credits_owed == pytest.approx((0.03 + 0.01) * 180000)
    assert (date(2026, 7, 1), date(2026, 7, 31)) in occupancy  # first and last day inclusive
    october = next(e for e in results if e.period == "2026-10")
    assert october.net_credit == pytest.approx(-0.03 * 180000)
    assert [e.period for e in sla_history(db_workspace, engagement_id="telco-blr")] == [
        "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
    ]  # fmt: skip


def test_stored_evaluations_record_the_lake_version_they_read(workspace: Workspace) -> None:
    add_engagement(workspace, "telco-blr", "indigo", timezone="Asia/Kolkata")
    base = datetime(2026, 6, 1, tzinfo=UTC)
    write_rows(workspace, "telco-blr", [contact(i, arrived=base, wait=6.0) for i in range(50)])
    first = evaluate_demo_contracts(
        workspace, engagement_ids=["telco-blr"], start="2026-06", end="2026-06"
    )["telco-blr"]
    later = datetime(2026, 6, 2, tzinfo=UTC)
    more = [contact(100 + i, arrived=later, wait=60.0) for i in range(50)]
    write_rows(workspace, "telco-blr", more, batch="b2")  # lake version 2
    second = evaluate_demo_contracts(
        workspace, engagement_ids=["telco-blr"], start="2026-06", end="2026-06"
    )["telco-blr"]
    assert [e.lake_version for e in first + second] == [1, 2]
    latest = sla_history(workspace, engagement_id="telco-blr")
    assert [e.lake_version for e in latest] == [2]
    workspace.settings = workspace.settings.model_copy(update={"lake_as_of": "1"})
    assert sla_history(workspace, engagement_id="telco-blr") == first
