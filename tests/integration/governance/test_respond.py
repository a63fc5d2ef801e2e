"""A vendor's response to a finding: explanation, plan, its proposed date (which never
moves the client's due date), attachments, and the client accepting the date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import GovernanceError
from fairshore.governance import responses
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
    record = responses.respond_to_finding(
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
    # The vendor's "done by" date is a proposal beside the due date, never over it
    # (issue 24: it used to overwrite the client's due date).
    assert record.due_on == due
    assert record.proposed_due == due - timedelta(days=10)
    _, history = governance.get_finding(workspace, finding_id)
    assert history[-1].actor == "vendor@northwind.example"
    assert history[-1].note == "response: Pay review agreed."


def test_a_response_alone_changes_no_status(workspace: Workspace, finding_id: int) -> None:
    record = responses.respond_to_finding(
        workspace, finding_id, actor="v", response="We dispute the benchmark.", now=NOW
    )
    assert record.status == "open"
    assert len(governance.get_finding(workspace, finding_id)[1]) == 2


def test_a_later_date_is_only_a_proposal_until_the_client_accepts_it(
    workspace: Workspace, finding_id: int
) -> None:
    due = NOW.date() + timedelta(days=30)
    record = responses.respond_to_finding(
        workspace,
        finding_id,
        actor="v",
        response="We need until June.",
        plan_due_on=date(2027, 6, 1),
        now=NOW,
    )
    assert (record.due_on, record.proposed_due) == (due, date(2027, 6, 1))
    accepted = responses.accept_proposed_due(workspace, finding_id, actor="analyst", now=NOW)
    assert accepted.due_on == date(2027, 6, 1)
    _, history = governance.get_finding(workspace, finding_id)
    assert history[-1].actor == "analyst"
    assert history[-1].changes == {"due_on": "2027-06-01"}
    with pytest.raises(GovernanceError, match="already"):
        responses.accept_proposed_due(workspace, finding_id, actor="analyst", now=NOW)


def test_nothing_to_accept_and_bad_responses_are_refused(
    workspace: Workspace, finding_id: int
) -> None:
    with pytest.raises(GovernanceError, match="no proposed date"):
        responses.accept_proposed_due(workspace, finding_id, actor="analyst", now=NOW)
    with pytest.raises(GovernanceError, match="in the past"):
        responses.respond_to_finding(
            workspace, finding_id, actor="v", response="Done.", plan_due_on=date(2026, 1, 1),
            now=NOW,
        )  # fmt: skip
    with pytest.raises(GovernanceError, match="write a response"):
        responses.respond_to_finding(workspace, finding_id, actor="v", response=" ", now=NOW)
    assert governance.get_finding(workspace, finding_id)[0].proposed_due is None


def test_an_attachment_is_stored_by_its_digest_and_recorded(
    workspace: Workspace, finding_id: int, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.4 plan")
    stored = responses.attach_to_finding(workspace, finding_id, plan, actor="v", now=NOW)
    assert [a.filename for a in responses.list_attachments(workspace, finding_id)] == ["plan.pdf"]
    assert responses.attachment_content(workspace, stored) == b"%PDF-1.4 plan"
    assert governance.get_finding(workspace, finding_id)[1][-1].event == "attached"
