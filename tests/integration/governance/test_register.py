"""The findings register: dedup of automatic findings, workflow, history, alerts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import GovernanceError, NotFoundError
from fairshore.governance import services
from fairshore.governance.model import Audit, Finding, Nonconformity
from fairshore.vetting.audit_plan import plan_audits

T0 = datetime(2026, 10, 1, 9, tzinfo=UTC)


def _finding(severity: str = "major", key: str = "sla:e:voice_sl:2026-09") -> Finding:
    return Finding(
        key=key,
        source="sla",
        engagement_id="e",
        severity=severity,  # type: ignore[arg-type]
        title="Voice service level breached",
        evidence={"measured": 0.71, "target": 0.8},
    )


def _engagement(ws: Workspace) -> None:
    entities.add_vendor(ws, id="v", name="V")
    entities.add_engagement(
        ws, id="e", vendor_id="v", name="E", timezone="UTC", channels=["voice"], languages=["en"]
    )


def test_the_same_problem_seen_again_updates_the_open_finding(db_workspace: Workspace) -> None:
    ws = db_workspace
    first = services.record_findings(ws, [_finding()], now=T0)
    again = services.record_findings(ws, [_finding(severity="critical")], now=T0)
    assert len(first.opened) == 1
    assert again.opened == [] and again.updated == first.opened
    [record] = services.list_findings(ws, today=date(2026, 10, 2))
    assert record.times_seen == 2
    assert record.finding.severity == "critical"  # escalates, never silently softens
    _, history = services.get_finding(ws, record.id)
    assert [h.event for h in history] == ["opened", "seen_again"]


def _close(ws: Workspace, fid: int) -> None:
    services.update_finding(
        ws,
        fid,
        actor="ana",
        status="action_planned",
        owner="ana",
        corrective_action="hire 6 agents",
        now=T0,
    )
    services.update_finding(
        ws, fid, actor="ana", status="awaiting_verification", verification_method="desktop", now=T0
    )
    closed = services.update_finding(
        ws, fid, actor="auditor", status="closed", note="October SL 84 %", now=T0
    )
    assert closed.status == "closed"


def test_a_closed_condition_that_comes_back_reopens_its_finding(db_workspace: Workspace) -> None:
    ws = db_workspace
    september = _finding().model_copy(update={"key": "sla:e:voice_sl", "period": "2026-09"})
    [fid] = services.record_findings(ws, [september], now=T0).opened
    _close(ws, fid)
    with pytest.raises(GovernanceError, match="closed"):
        services.update_finding(ws, fid, actor="x", owner="y")
    # September evaluated again after closing: old news, the finding stays closed
    again = services.record_findings(ws, [september], now=T0)
    assert again.findings == [] and services.get_finding(ws, fid)[0].status == "closed"
    # the breach comes back in November: the same finding re-opens, with a new deadline
    later = datetime(2026, 12, 2, 9, tzinfo=UTC)
    november = september.model_copy(update={"period": "2026-11"})
    back = services.record_findings(ws, [november], now=later)
    assert back.reopened == [fid] and back.opened == []
    record, history = services.get_finding(ws, fid, today=later.date())
    assert record.status == "open" and record.closed_at is None
    assert record.due_on == date(2027, 1, 1) and record.periods == ["2026-09", "2026-11"]
    assert [h.event for h in history][-1] == "reopened"
    assert [h.actor for h in history] == ["fairshore", "ana", "ana", "auditor", "fairshore"]


def test_overdue_is_derived_from_the_due_date(db_workspace: Workspace) -> None:
    ws = db_workspace
    services.record_findings(ws, [_finding("critical")], now=T0)  # due 7 days later
    assert services.list_findings(ws, status="overdue", today=date(2026, 10, 8)) == []
    [late] = services.list_findings(ws, status="overdue", today=date(2026, 10, 9))
    assert late.display_status == "overdue"
    with pytest.raises(NotFoundError):
        services.get_finding(ws, 999)


def test_active_findings_are_counted_as_the_register_lists_them(
    db_workspace: Workspace,
) -> None:
    ws = db_workspace
    services.record_findings(
        ws,
        [
            _finding("critical", key="a"),  # due 2026-10-08
            _finding("major", key="b"),  # due 2026-10-31
            _finding("major", key="c"),
            _finding("minor", key="d"),
        ],
        now=T0,
    )
    [closed] = [r.id for r in services.list_findings(ws) if r.finding.key == "d"]
    services.update_finding(
        ws, closed, actor="a", status="action_planned", owner="a", corrective_action="x", now=T0
    )
    services.update_finding(
        ws, closed, actor="a", status="awaiting_verification", verification_method="desktop"
    )
    services.update_finding(ws, closed, actor="a", status="closed", note="verified")
    today = date(2026, 10, 20)
    counts = services.count_active_findings(ws, today=today)
    listed = services.list_findings(ws, status="active", today=today)
    assert {(c.engagement_id, c.severity): (c.active, c.overdue) for c in counts} == {
        ("e", "critical"): (1, 1),
        ("e", "major"): (2, 0),
    }
    assert sum(c.active for c in counts) == len(listed)
    assert sum(c.overdue for c in counts) == sum(r.overdue for r in listed)


def test_findings_are_paged_filtered_and_counted_in_the_database(
    db_workspace: Workspace,
) -> None:
    ws = db_workspace
    detected = [_finding("minor", key=f"k{i}") for i in range(5)]
    detected.append(_finding("critical", key="crit"))  # due 2026-10-08: first, and overdue
    detected.append(
        Finding(key="vet", source="vetting", engagement_id=None, severity="major", title="No DPA")
    )
    services.record_findings(ws, detected, now=T0)
    today = date(2026, 10, 20)
    everything = services.list_findings(ws, today=today)
    assert len(everything) == 7 and everything[0].finding.key == "crit"
    pages = [services.page_findings(ws, limit=3, offset=o, today=today) for o in (0, 3, 6, 9)]
    assert [len(p.records) for p in pages] == [3, 3, 1, 0]
    assert {p.total for p in pages} == {7}
    assert [r.id for p in pages for r in p.records] == [r.id for r in everything]
    # a vendor's view: only its engagements' findings, not the unassigned vetting one
    own = services.page_findings(ws, engagement_ids={"e"}, include_unassigned=False)
    assert own.total == 6 and all(r.finding.engagement_id == "e" for r in own.records)
    assert services.page_findings(ws, engagement_ids=set(), include_unassigned=True).total == 1
    late = services.page_findings(ws, status="overdue", today=today, limit=10)
    assert [r.finding.key for r in late.records] == ["crit"] and late.total == 1


def test_audit_nonconformities_become_findings_and_alerts(db_workspace: Workspace) -> None:
    ws = db_workspace
    _engagement(ws)
    audit = Audit(
        engagement_id="e",
        auditor="SGS",
        audited_on=date(2026, 11, 20),
        scope="labour",
        nonconformities=[
            Nonconformity(grade="priority", title="Passports retained"),
            Nonconformity(grade="minor", title="Fire drill log missing", closed=True),
        ],
    )
    opened = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)  # the day after the audit
    stored, score, outcome = services.add_audit(ws, audit, now=opened)
    assert score.score == 179 and score.band == "yellow"
    assert len(outcome.opened) == 1
    [record] = services.list_findings(ws, source="audit")
    assert record.finding.severity == "critical"
    assert record.finding.evidence["audit_id"] == stored.id
    alerts = services.alerts(ws, within_days=14, today=date(2026, 11, 23))
    assert [a.kind for a in alerts] == ["finding"]
    assert plan_audits(ws, today=date(2026, 11, 23))[0].due_on == date(2027, 11, 20)


def test_an_audit_of_an_unknown_engagement_is_refused(db_workspace: Workspace) -> None:
    with pytest.raises(NotFoundError):
        services.add_audit(
            db_workspace,
            Audit(engagement_id="ghost", auditor="A", audited_on=date(2026, 1, 1), scope="s"),
        )
    assert services.list_audits(db_workspace) == []
