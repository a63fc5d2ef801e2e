"""Claims vs evidence: declared figures against measured ones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fairshore.vetting.answers import is_na, parse_value
from fairshore.vetting.claims import compare, integrity_findings
from fairshore.vetting.demo_assessments import demo_data
from fairshore.vetting.model import Answer, Assessment, MeasuredFigure, MeasuredFigures
from tests.unit.vetting.vetting_builders import RUBRIC, assessment


def _demo(vendor_id: str) -> Assessment:
    data = demo_data(vendor_id)
    answers = {
        qid: Answer(qid, None, na=True)
        if is_na(raw)
        else Answer(qid, parse_value(RUBRIC.question(qid), raw))
        for qid, raw in data["answers"].items()
    }
    return Assessment(
        vendor_id, RUBRIC.id, RUBRIC.version, tuple(data["scope"]), data["context"], answers
    )


def test_northwind_living_wage_claim_is_flagged_with_both_numbers() -> None:
    # The demo generator pays most Manila agents below the living wage; the people
    # capability measures it. 0.62 stands in for that measured ratio.
    measured = MeasuredFigures(
        {
            "min_pay_to_living_wage": MeasuredFigure(0.62, "people: agent_months telco-mnl", 240),
            "living_wage_share": MeasuredFigure(0.3, "people: agent_months telco-mnl", 240),
        },
        engagement_id="telco-mnl",
        period="2025-11..2026-10",
    )
    findings = integrity_findings(
        RUBRIC, _demo("northwind"), measured, observed_on=date(2026, 10, 31)
    )
    by_key = {f.key: f for f in findings}
    wage = by_key["vetting:claim:northwind:min_pay_to_living_wage"]
    assert wage.source == "vetting" and wage.severity == "critical"
    assert wage.engagement_id == "telco-mnl"
    assert wage.evidence["declared"] == 1.0 and wage.evidence["measured"] == 0.62
    assert "1.00" in wage.title and "0.62" in wage.title
    share = by_key["vetting:claim:northwind:living_wage_share"]
    assert "100 %" in share.title and "30 %" in share.title


def test_claims_within_tolerance_or_better_than_declared_are_not_flagged() -> None:
    a = assessment({"lab.attrition": "30", "wel.training-hours": "8", "sec.breaches-24m": "0"})
    measured = MeasuredFigures(
        {
            "attrition_rate": MeasuredFigure(0.34, "people"),  # within the 5-point tolerance
            "training_hours_per_agent_month": MeasuredFigure(9.5, "people"),  # better than declared
            "breach_count": MeasuredFigure(1, "privacy"),  # worse: one undeclared breach
        }
    )
    checks = {c.key: c for c in compare(RUBRIC, a, measured)}
    assert not checks["attrition_rate"].contradicted
    assert not checks["training_hours_per_agent_month"].contradicted
    assert checks["breach_count"].contradicted
    assert checks["attrition_rate"].declared == Decimal("0.30")
    findings = integrity_findings(RUBRIC, a, measured, observed_on=date(2026, 10, 31))
    assert [f.key for f in findings] == ["vetting:claim:acme:breach_count"]


def test_a_vendor_that_said_no_declares_no_figure() -> None:
    a = assessment({"lab.living-wage-all": "no"})
    measured = MeasuredFigures({"min_pay_to_living_wage": MeasuredFigure(0.6, "people")})
    assert compare(RUBRIC, a, measured) == []


def test_clause_measurements_feed_the_claims_check() -> None:
    from fairshore.contracts.model import ClauseMeasurement
    from fairshore.vetting.claims import measured_from_clauses

    measured = measured_from_clauses(
        {
            "living_wage_floor": ClauseMeasurement(value=0.8, sample_size=120, detail="lowest"),
            "max_attrition": None,  # not measurable yet
            "service_level": ClauseMeasurement(value=0.9, sample_size=1),  # not a claim
        },
        engagement_id="telco-mnl",
    )
    assert set(measured.figures) == {"min_pay_to_living_wage"}
    findings = integrity_findings(
        RUBRIC, _demo("northwind"), measured, observed_on=date(2026, 10, 31)
    )
    assert [f.key for f in findings] == ["vetting:claim:northwind:min_pay_to_living_wage"]
