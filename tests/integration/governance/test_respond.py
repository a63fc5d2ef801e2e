"""A vendor's response to a finding: explanation, plan, and the limits of what it may move."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import GovernanceError
from fairshore.governance import services as governance
from fairshore.governance.model import Finding

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


@pytest.fixture
def finding_id(workspace: Workspace) -> int:
    entities.add_vendor(workspace, id="northwind", name="Northwind")
    entities.add_engagement(
        workspace,
        id="telco-mnl",
        vendor_id="northwind",
        name="MNL",
        timezone="UTC",
        channels=["voice"],
        languages=["en"],
    )
    found = Finding(
        key="pay:telco-mnl",
        source="pay",
        engagement_id="telco-mnl",
        severity="major",
        title="Agents paid below the living wage",
    )
    return governance.record_findings(workspace, [found], now=NOW).opened[0]


def test_a_plan_moves_an_open_finding_to_action_planned(
    workspace: Workspace, finding_id: int
) -> None:
    due = NOW.date() + timedelta(days=30)  # major: 30 days (governance.md)
    record = governance.respond_to_finding(
        workspace,
        finding_id,
        actor="vendor@northwind.example",
        response="Pay review agreed.",
        corrective_action="Raise base pay to the Manila living wage",
        owner="HR lead",
        plan_due_on=due - timedelta(days=10),
        now=NOW,
    )
    assert record.status == "action_planned"
    assert record.due_on == due - timedelta(days=10)
    _, history = governance.get_finding(workspace, finding_id)
    assert history[-1].actor == "vendor@northwind.example"
    assert history[-1].note == "response: Pay review agreed."


def test_a_response_alone_changes_no_status(workspace: Workspace, finding_id: int) -> None:
    record = governance.respond_to_finding(
        workspace, finding_id, actor="v", response="We dispute the benchmark.", now=NOW
    )
    assert record.status == "open"
    assert len(governance.get_finding(workspace, finding_id)[1]) == 2


def test_a_vendor_cannot_push_the_deadline_back(workspace: Workspace, finding_id: int) -> None:
    with pytest.raises(GovernanceError, match="extension"):
        governance.respond_to_finding(
            workspace,
            finding_id,
            actor="v",
            response="Later.",
            plan_due_on=date(2027, 6, 1),
            now=NOW,
        )
    with pytest.raises(GovernanceError, match="write a response"):
        governance.respond_to_finding(workspace, finding_id, actor="v", response=" ", now=NOW)
