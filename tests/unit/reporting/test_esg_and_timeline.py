"""ESG summary builders, and when a finding belongs to a quarter (no I/O).

Evidence rules follow ethics-standards.md ("an expired or out-of-scope certificate is
no evidence"; EcoVadis: "a declaration is credited only when evidence is provided");
the k-anonymity rule is docs/people.md's (k = 5, pools under 5 show no count).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fairshore.governance.model import Finding, FindingRecord
from fairshore.metrics.periods import parse_period
from fairshore.people.voice import SUPPRESSED, Grievance
from fairshore.privacy.incidents import incident_clocks
from fairshore.privacy.model import Incident
from fairshore.reporting import esg
from fairshore.reporting.qbr import INCIDENT_COLUMNS, incident_rows, quarter_findings
from fairshore.vetting.model import Answer, Assessment, Evidence
from fairshore.vetting.rubric import get_rubric

AS_OF = date(2026, 10, 31)


def _doc(kind: str, status: str, until: date) -> Evidence:
    return Evidence(
        sha256=f"{kind}{status}".ljust(64, "0")[:64],
        vendor_id="v",
        type=kind,
        issuer="DNV",
        scope=("site-a",),
        valid_from=date(2024, 1, 1),
        valid_until=until,
        status=status,  # type: ignore[arg-type]
        filename=f"{kind}.pdf",
    )


def _declared(answers: dict[str, object], docs: list[Evidence]) -> dict[str, esg.Declaration]:
    assessment = Assessment(
        vendor_id="v",
        rubric_id="ethical-bpo",
        rubric_version=1,
        scope=("site-a",),
        answers={q: Answer(question_id=q, value=v) for q, v in answers.items()},  # type: ignore[arg-type]
    )
    found = esg.declarations(get_rubric(), assessment, docs, as_of=AS_OF)
    return {d.question_id: d for d in found}


def test_environment_statuses_never_call_a_declaration_measured() -> None:
    found = _declared(
        {"env.emissions-report": True, "lab.living-wage-all": True},
        [
            _doc("iso14001", "verified_by_auditor", date(2028, 5, 31)),
            _doc("esg_report", "self_declared", date(2027, 1, 1)),
        ],
    )
    assert found["env.iso14001"].status == "declared_with_evidence"  # answered by the document
    assert found["env.emissions-report"].status == "declared_without_evidence"  # self-declared
    assert found["env.renewable-share"].status == "not_available"
    assert all(d.status != "measured" for d in found.values())
    claim = found["lab.living-wage-all"]
    assert (claim.claim_key, claim.declared) == ("min_pay_to_living_wage", 1.0)


def test_an_expired_certificate_is_no_evidence() -> None:
    found = _declared(
        {"env.iso14001": "certificate"},
        [_doc("iso14001", "verified_by_auditor", date(2026, 3, 31))],
    )
    assert found["env.iso14001"].status == "declared_without_evidence"
    assert "not counted" in found["env.iso14001"].evidence


def _case(n: int, category: str) -> Grievance:
    day = date(2026, 3, 1) + timedelta(days=n)
    return Grievance(
        id=f"{n:016x}",
        engagement_id="e",
        site_id=None,
        category=category,  # type: ignore[arg-type]
        body="text",
        submitted_on=day,
        ack_due_on=day + timedelta(days=7),
        resolve_due_on=day + timedelta(days=30),
        acknowledged_on=day,
        resolved_on=day + timedelta(days=3),
        status="resolved",
    )


def _inputs(**kw: object) -> esg.EsgInputs:
    base: dict[str, object] = {
        "vendor_id": "v",
        "vendor_name": "V",
        "period_label": "2026",
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "engagements": [esg.EngagementData("e", 0, None)],
        "grievances": [],
        "parity_findings": [],
        "declarations": [],
        "assessed": False,
    }
    return esg.EsgInputs(**(base | kw))  # type: ignore[arg-type]


def test_worker_voice_counts_are_k_anonymous() -> None:
    cases = [_case(i, "pay") for i in range(6)] + [_case(10 + i, "harassment") for i in range(2)]
    section = esg.voice_section(_inputs(grievances=cases))
    by_category = section.blocks[1]
    rows = by_category.rows  # type: ignore[union-attr]
    assert ["pay", 6] in rows
    assert not any(r[0] == "harassment" for r in rows)
    assert [SUPPRESSED, "—"] in rows  # a pool of 2 shows no count
    total = section.figures[0]
    assert total.value is None and "8" not in total.text  # 8 - 6 would reveal the pool


def test_a_vendor_without_data_says_so_plainly() -> None:
    sections = esg.build_esg_sections(_inputs())
    by_id = {s.id: s for s in sections}
    for sid in ("labour", "wellbeing", "claims", "environment", "parity"):
        assert not by_id[sid].has_data, sid
        assert by_id[sid].light == "grey"
    assert any("No data for 2026" in getattr(b, "text", "") for b in by_id["summary"].blocks)


def test_declared_claims_against_measured_flag_the_contradiction() -> None:
    declared = esg.Declaration(
        question_id="lab.living-wage-all",
        pillar="labour",
        question="All agents earn at least the living wage",
        answer="yes",
        status="declared_without_evidence",
        claim_key="min_pay_to_living_wage",
        declared=1.0,
        unit="ratio",
    )
    inputs = _inputs(declarations=[declared], assessed=True)
    section = esg.claims_section(inputs)
    assert section.light == "green"  # nothing measured: no verdict against the vendor
    assert section.blocks[1].rows[0][-1] == "not measured"  # type: ignore[union-attr]


def _record(
    i: int, period: str | None, status: str = "open", closed: datetime | None = None
) -> FindingRecord:
    return FindingRecord(
        id=i,
        finding=Finding(
            engagement_id="e",
            key=f"k{i}",
            source="audit",
            severity="minor",
            title=f"t{i}",
            period=period,
        ),
        owner=None,
        due_on=date(2026, 12, 31),
        corrective_action=None,
        verification_method=None,
        status=status,  # type: ignore[arg-type]
        times_seen=1,
        overdue=False,
        opened_at=datetime(2026, 11, 23, tzinfo=UTC),
        closed_at=closed,
    )


def test_findings_of_a_quarter_are_raised_open_at_end_or_closed_in_it() -> None:
    q = parse_period("2026-Q3")
    records = [
        _record(1, "2026-08"),  # raised in Q3, open
        _record(2, "2026-05"),  # raised before, still open at the end of Q3
        _record(3, "2026-05", "closed", datetime(2026, 8, 2, tzinfo=UTC)),  # closed in Q3
        _record(4, "2026-05", "closed", datetime(2026, 6, 2, tzinfo=UTC)),  # closed before
        _record(5, "2026-10"),  # after the quarter
        _record(6, "2025-11..2026-10"),  # a year-long finding: open through Q3
        _record(7, None),  # undated (an audit over all data), opened 2026-11-23
    ]
    qf = quarter_findings(records, q)
    assert [r.id for r in qf.raised] == [1]
    assert [r.id for r in qf.open_at_end] == [1, 2, 6, 7]
    assert [r.id for r in qf.closed] == [3]
    assert sorted(r.id for r in qf.shown) == [1, 2, 3, 6, 7]
    assert [r.id for r in quarter_findings(records, parse_period("2026-Q4")).raised] == [5, 7]


def test_period_ranges_read_whole_months() -> None:
    span = parse_period("2025-11..2026-10")
    assert (span.start, span.last_day) == (date(2025, 11, 1), date(2026, 10, 31))
    assert parse_period("2026").last_day == date(2026, 12, 31)


def test_incident_clock_row_shows_hours_taken_against_the_window() -> None:
    # docs/privacy.md: vendor aware 2026-05-12, client told 96 h later, contract window 24 h;
    # GDPR Art. 33 gives the controller 72 h from its own awareness.
    aware = datetime(2026, 5, 12, 14, 30, tzinfo=UTC)
    incident = Incident(
        id="inc-1",
        engagement_id="telco-bog",
        detected_at=aware - timedelta(minutes=45),
        vendor_aware_at=aware,
        client_notified_at=aware + timedelta(hours=96),
        authority_notified_at=aware + timedelta(hours=96 + 48),
        records_affected=1840,
    )
    view = incident_clocks(incident, as_of=datetime(2026, 7, 1, tzinfo=UTC), vendor_window_hours=24)
    (row,) = incident_rows([view])
    assert dict(zip(INCIDENT_COLUMNS, row, strict=True)) == {
        "incident": "inc-1",
        "impact": "medium, 1,840 records",
        "detected": "2026-05-12 13:45",
        "vendor aware": "2026-05-12 14:30",
        "client notified": "2026-05-16 14:30",
        "hours taken": "96 h",
        "window": "24 h",
        "vendor clock": "late",
        "authority notified": "2026-05-18 14:30",
        "Art. 33 clock": "met",
        "other notices": "—",
        "status": "open",
    }
