"""The honesty check: which planted problem of truth.json explains a finding."""

from __future__ import annotations

from typing import Any

from fairshore.demo.explain import explain
from fairshore.governance.model import Finding, FindingSource

TRUTH: dict[str, Any] = {
    "problems": [
        {
            "kind": "understaffed_month",
            "engagement_id": "telco-blr",
            "vendor_id": "indigo",
            "period": {"start": "2026-07-01", "end": "2026-07-31"},
        },
        {
            "kind": "language_wait_gap",
            "engagement_id": "telco-krk",
            "vendor_id": "vistula",
            "period": {"start": "2025-11-01", "end": "2026-10-31"},
        },
    ],
    "claims": [
        {"engagement_id": "telco-krk", "vendor_id": "vistula", "claim": "in_house_share"},
    ],
}


def _finding(
    key: str, *, source: FindingSource, engagement: str, period: str | None = None
) -> Finding:
    return Finding(
        key=key,
        source=source,
        engagement_id=engagement,
        severity="major",
        title=key,
        period=period,
    )


def test_a_breach_in_the_planted_month_is_explained_and_one_elsewhere_is_not() -> None:
    july = _finding(
        "sla:telco-blr:csat:2026-07", source="sla", engagement="telco-blr", period="2026-07"
    )
    march = _finding(
        "sla:telco-blr:csat:2026-03", source="sla", engagement="telco-blr", period="2026-03"
    )
    found = explain(TRUTH, [july, march])
    assert found.explained == {"understaffed_month": [july]}
    assert found.serious_unexplained() == [march]


def test_a_condition_over_several_months_meets_the_planted_month() -> None:
    # One finding per condition (months kept inside it) still meets July.
    grouped = _finding(
        "sla:telco-blr:voice-service-level",
        source="sla",
        engagement="telco-blr",
        period="2026-06..2026-08",
    )
    assert explain(TRUTH, [grouped]).explained == {"understaffed_month": [grouped]}


def test_only_the_planted_language_and_measures_are_explained() -> None:
    es = _finding("parity:telco-krk:language=es:wait", source="parity", engagement="telco-krk")
    de = _finding(
        "parity:telco-krk:language=de:first_response", source="parity", engagement="telco-krk"
    )
    fcr = _finding(
        "sla:telco-krk:fcr:2026-02", source="sla", engagement="telco-krk", period="2026-02"
    )
    found = explain(TRUTH, [es, de, fcr])
    assert found.explained == {"language_wait_gap": [es]}
    assert found.unexplained == [de, fcr]


def test_planted_claims_explain_their_vetting_finding_only() -> None:
    planted = _finding(
        "vetting:claim:vistula:in_house_share", source="vetting", engagement="telco-krk"
    )
    other = _finding(
        "vetting:claim:vistula:attrition_rate", source="vetting", engagement="telco-krk"
    )
    found = explain(TRUTH, [planted, other])
    assert list(found.explained) == ["claim:vistula:in_house_share"]
    assert found.unexplained == [other]


def test_a_planted_problem_without_a_finding_is_missing() -> None:
    assert explain(TRUTH, []).missing == ["understaffed_month", "language_wait_gap"]


def test_every_measure_of_underpay_is_the_underpay_problem() -> None:
    truth: dict[str, Any] = {
        "problems": [
            {
                "kind": "underpay",
                "engagement_id": "telco-mnl",
                "vendor_id": "northwind",
                "period": {"start": "2025-11-01", "end": "2026-10-31"},
            }
        ]
    }
    share = _finding(  # the scorecard's claim on the share paid a living wage
        "vetting:claim:northwind:living_wage_share", source="vetting", engagement="telco-mnl"
    )
    found = explain(truth, [share])
    assert found.explained == {"underpay": [share]} and found.serious_unexplained() == []
