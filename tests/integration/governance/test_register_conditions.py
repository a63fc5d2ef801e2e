"""One condition, one finding: a term breached month after month is one finding with its
months as occurrences; evidence from several capabilities lands on the same finding."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fairshore.bootstrap import Workspace
from fairshore.contracts.findings import evaluation_findings
from fairshore.contracts.model import Evaluation, TermResult
from fairshore.governance import services
from fairshore.governance.model import Finding, occupancy_key

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
MONTHS = [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 11)]


def _evaluation(month: str, value: float, credit: float) -> Evaluation:
    """A month of telco-blr's contract with its voice service level breached."""
    term = TermResult(
        term_id="voice_sl",
        kind="service",
        metric="service_level",
        comparator=">=",
        target=0.8,
        value=value,
        status="breached",
        margin=value - 0.8,
        sample_size=4000,
        min_sample=100,
        credit_share=0.03,
        credit=credit,
    )
    year, mon = (int(p) for p in month.split("-"))
    return Evaluation(
        contract_id="telco-blr",
        contract_version=1,
        engagement_id="telco-blr",
        period=month,
        start=date(year, mon, 1),
        end=date(year + mon // 12, mon % 12 + 1, 1),
        fee=50000.0,
        currency="USD",
        terms=[term],
        credits_before_cap=credit,
        cap=6000.0,
        credits_owed=credit,
        earned_back=0.0,
        net_credit=credit,
    )


def test_a_term_breached_in_twelve_months_is_one_finding_with_twelve_occurrences(
    db_workspace: Workspace,
) -> None:
    ws = db_workspace
    values = [0.70 + 0.005 * i for i in range(12)]  # improving, still under 80 %
    findings = [
        f
        for month, value in zip(MONTHS, values, strict=True)
        for f in evaluation_findings(_evaluation(month, value, credit=1500.0))
    ]
    first = services.record_findings(ws, findings, now=T0)
    assert len(first.opened) == 1 and first.updated == []
    again = services.record_findings(ws, findings[:1] + findings, now=T0)  # evaluated twice
    assert again.updated == first.opened and again.opened == []
    [record] = services.list_findings(ws, today=T0.date())
    assert record.finding.key == "sla:telco-blr:voice_sl"
    assert record.periods == MONTHS
    assert [o.value for o in record.occurrences] == values
    assert record.credit == 12 * 1500.0 and record.trend == "rising"
    # the finding describes its newest month
    assert record.finding.period == "2026-10" and "2026-10" in record.finding.title
    _, history = services.get_finding(ws, record.id)
    assert [h.event for h in history] == ["opened"] + ["seen_again"] * 11  # not 12 more
    counts = services.count_active_findings(ws, today=T0.date())
    assert [(c.engagement_id, c.active) for c in counts] == [("telco-blr", 1)]


def test_an_old_month_recorded_late_keeps_the_newest_description(
    db_workspace: Workspace,
) -> None:
    ws = db_workspace
    [october] = evaluation_findings(_evaluation("2026-10", 0.71, credit=1500.0))
    [july] = evaluation_findings(_evaluation("2026-07", 0.60, credit=3000.0))
    services.record_findings(ws, [october, july], now=T0)
    [record] = services.list_findings(ws, today=T0.date())
    assert record.finding.period == "2026-10" and record.periods == ["2026-07", "2026-10"]
    assert record.credit == 4500.0


def test_evidence_from_several_capabilities_attaches_to_one_finding(
    db_workspace: Workspace,
) -> None:
    ws = db_workspace
    key = occupancy_key("telco-blr")
    seen = [
        Finding(
            key=key,
            source=source,  # type: ignore[arg-type]
            engagement_id="telco-blr",
            severity=severity,  # type: ignore[arg-type]
            title=f"Occupancy high in 2026-07 ({source})",
            period="2026-07",
            value=value,
        )
        for source, severity, value in (
            ("people", "major", 0.93),
            ("staffing", "major", 0.92),
            ("contract", "critical", 0.93),
        )
    ]
    services.record_findings(ws, seen, now=T0)
    [record] = services.list_findings(ws, today=T0.date())
    assert record.finding.source == "people"  # who saw it first names it
    assert record.finding.severity == "critical"  # the most severe view wins
    assert sorted(o.source for o in record.occurrences) == ["contract", "people", "staffing"]
    assert record.periods == ["2026-07"]
