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


def test_each_compliance_breach_is_explained_at_its_own_engagement_only() -> None:
    truth: dict[str, Any] = {
        "problems": [
            {"kind": "residency_breach", "engagement_id": "telco-krk", "vendor_id": "vistula",
             "period": {"start": "2026-03-01", "end": "2026-03-31"}},
            {"kind": "subcontracted_team", "engagement_id": "telco-bog", "vendor_id": "andes",
             "period": {"start": "2025-11-01", "end": "2026-10-31"}},
            {"kind": "audit_refused", "engagement_id": "telco-mnl", "vendor_id": "northwind",
             "period": {"start": "2026-06-01", "end": "2026-06-04"}},
        ]
    }  # fmt: skip
    residency = _finding("contract:telco-krk:data_residency", source="contract",
                         engagement="telco-krk", period="2026-03")  # fmt: skip
    new_network = _finding("access_anomaly:telco-krk:VK12:new_source", source="access_anomaly",
                           engagement="telco-krk", period="2026-03-09")  # fmt: skip
    sub = _finding("contract:telco-bog:subcontracting", source="contract",
                   engagement="telco-bog", period="2025-11..2026-10")  # fmt: skip
    audit = _finding("contract:telco-mnl:audit_rights", source="contract",
                     engagement="telco-mnl", period="2026-06")  # fmt: skip
    elsewhere = _finding("contract:telco-blr:subcontracting", source="contract",
                         engagement="telco-blr", period="2026-03")  # fmt: skip
    found = explain(truth, [residency, new_network, sub, audit, elsewhere])
    assert found.explained == {
        "residency_breach": [residency, new_network],
        "subcontracted_team": [sub],
        "audit_refused": [audit],
    }
    assert found.serious_unexplained() == [elsewhere]
