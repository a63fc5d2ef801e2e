"""Board-pack traffic lights: each rule discriminates green, amber and red."""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.governance.model import Finding, FindingRecord
from fairshore.reporting.board import EngagementLine
from fairshore.reporting.figures import findings_light, pay_light, sla_light
from fairshore.reporting.qbr import SlaSummary


def _sla(breached: int, term_months: int = 42, insufficient: int = 0) -> SlaSummary:
    return SlaSummary(
        months=3,
        term_months=term_months,
        breached=breached,
        insufficient=insufficient,
        net_credit=0.0,
        currency="USD",
    )


def _record(severity: str, *, overdue: bool = False, status: str = "open") -> FindingRecord:
    return FindingRecord(
        id=1,
        finding=Finding(
            key=f"k:{severity}",
            source="audit",
            engagement_id="e",
            severity=severity,  # type: ignore[arg-type]
            title="t",
        ),
        owner=None,
        due_on=date(2026, 9, 1),
        corrective_action=None,
        verification_method=None,
        status=status,  # type: ignore[arg-type]
        times_seen=1,
        overdue=overdue,
    )


@pytest.mark.parametrize(
    ("summary", "light"),
    [
        (_sla(0), "green"),
        (_sla(1), "amber"),  # Bogotá, 2026-Q3: one breached term-month of 42
        (_sla(4), "amber"),  # 9.5 %
        (_sla(5), "red"),  # 11.9 %: a pattern
        (_sla(0, insufficient=2), "amber"),
        (SlaSummary(0, 0, 0, 0, 0.0, ""), "grey"),
    ],
)
def test_sla_light(summary: SlaSummary, light: str) -> None:
    assert sla_light(summary) == light


@pytest.mark.parametrize(
    ("share", "light"),
    [(None, "grey"), (0.0, "green"), (0.05, "green"), (0.06, "amber"), (0.5, "red"), (0.91, "red")],
)
def test_pay_light(share: float | None, light: str) -> None:
    assert pay_light(share) == light


def test_findings_light_escalates_by_severity_and_overdue() -> None:
    assert findings_light([]) == "green"
    assert findings_light([_record("critical", status="closed")]) == "green"
    assert findings_light([_record("minor", overdue=True)]) == "amber"
    assert findings_light([_record("major")]) == "amber"
    assert findings_light([_record("major", overdue=True)]) == "red"
    assert findings_light([_record("critical")]) == "red"


def _line(sla: SlaSummary, below: float | None, findings: list[FindingRecord]) -> EngagementLine:
    return EngagementLine(
        engagement_id="e",
        vendor_id="v",
        contacts=1000,
        sla=sla,
        occupancy=0.8,
        below_living_wage=below,
        findings=findings,
    )


def test_the_engagement_light_is_the_worst_rule_and_says_which() -> None:
    bogota = _line(_sla(1), 0.0, [_record("major")])
    assert (bogota.light, bogota.why) == ("amber", "SLA amber, findings amber")
    northwind = _line(_sla(0), 0.91, [])
    assert (northwind.light, northwind.why) == ("red", "pay red")
    clean = _line(_sla(0), 0.0, [])
    assert (clean.light, clean.why) == ("green", "every rule green")
    quiet = EngagementLine("e", "v", 0, _sla(0), None, None, [])
    assert (quiet.light, quiet.why) == ("grey", "no contacts in the quarter")
