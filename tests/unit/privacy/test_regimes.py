"""Regulation profiles: each clock and threshold against the section of law that sets it.

Sources (texts no one here wrote): 45 CFR 164.404, 164.406, 164.408, 164.410 (HIPAA
Breach Notification Rule); GDPR Art. 33 and 34; Cal. Civ. Code 1798.82, 1798.120,
1798.140; HHS's breach-reporting page ("within 60 days of the end of the calendar year":
breaches of 2023 affecting fewer than 500 were due by February 29, 2024).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fairshore.errors import InputError
from fairshore.privacy.incidents import clock_findings, incident_clocks
from fairshore.privacy.model import Clock, Incident, SharingPolicy
from fairshore.privacy.regimes import annual_log_deadline, parse_regimes, sharing_refusals

AWARE = datetime(2026, 5, 12, 9, 0, tzinfo=UTC)
TOLD = AWARE + timedelta(hours=20)


def incident(**kw: object) -> Incident:
    base: dict[str, object] = {
        "id": "inc-1",
        "engagement_id": "health-us",
        "vendor_aware_at": AWARE,
        "client_notified_at": TOLD,
    }
    return Incident.model_validate(base | kw)


def clocks(inc: Incident, *regimes: str, as_of: datetime = AWARE) -> dict[str, Clock]:
    view = incident_clocks(inc, as_of=as_of, regimes=regimes)  # type: ignore[arg-type]
    return {c.name: c for c in view.clocks}


def test_hipaa_600_in_one_state_media_notice_and_60_day_individual_clock() -> None:
    got = clocks(
        incident(records_affected=640, affected_by_region={"US-TX": 600, "US-OK": 40}), "hipaa"
    )
    # 45 CFR 164.404(b): individuals no later than 60 calendar days after discovery.
    assert got["individuals"].deadline == AWARE + timedelta(days=60)
    assert got["individuals"].basis == ["45 CFR 164.404(b)"]
    # 45 CFR 164.406(a): more than 500 residents of a State -> prominent media outlets.
    assert got["media"].deadline == AWARE + timedelta(days=60)
    assert got["media"].basis == ["45 CFR 164.406"]
    # 45 CFR 164.408(b): 500 or more -> the Secretary at the same time as individuals.
    assert got["hhs"].deadline == AWARE + timedelta(days=60)
    assert got["hhs"].basis[0] == "45 CFR 164.408(b)"
    assert "gdpr_art33_authority" not in got  # HIPAA alone: no GDPR authority clock


def test_hipaa_400_affected_no_media_and_hhs_in_the_annual_log() -> None:
    got = clocks(incident(records_affected=400, affected_by_region={"US-TX": 400}), "hipaa")
    assert "media" not in got
    assert got["individuals"].deadline == AWARE + timedelta(days=60)
    # 45 CFR 164.408(c): under 500 -> logged, to HHS within 60 days after the year ends.
    assert got["hhs"].basis == ["45 CFR 164.408(c)"]
    assert got["hhs"].deadline == datetime(2027, 3, 2, tzinfo=UTC)


def test_hipaa_media_threshold_is_per_state_and_strictly_more_than_500() -> None:
    # 600 people, but 300 in each of two states: no state has more than 500 (164.406).
    split = clocks(
        incident(records_affected=600, affected_by_region={"US-TX": 300, "US-NM": 300}), "hipaa"
    )
    assert "media" not in split and split["hhs"].basis[0] == "45 CFR 164.408(b)"
    assert "media" not in clocks(incident(affected_by_region={"US-TX": 500}), "hipaa")
    assert "media" in clocks(incident(affected_by_region={"US-TX": 501}), "hipaa")
    # 500 exactly is "500 or more" for HHS (164.408(b)), not "more than 500" for media.
    assert clocks(incident(records_affected=500), "hipaa")["hhs"].basis[0] == "45 CFR 164.408(b)"


def test_hhs_annual_log_deadline_matches_the_hhs_example() -> None:
    # HHS: breaches of 2023 affecting fewer than 500 were due by February 29, 2024.
    assert annual_log_deadline(datetime(2023, 6, 1, tzinfo=UTC)) == datetime(2024, 3, 1, tzinfo=UTC)


def test_business_associate_clock_is_60_days_unless_the_contract_is_stricter() -> None:
    late = incident(client_notified_at=AWARE + timedelta(days=61))
    # 45 CFR 164.410(b): within 60 days; the contract's 24 h is stricter and sets the clock.
    contract = clocks(late, "hipaa")["vendor_to_client"]
    assert contract.window_hours == 24.0 and contract.state == "late"
    assert contract.basis[1] == "45 CFR 164.410(b)"
    view = incident_clocks(late, as_of=AWARE, vendor_window_hours=24 * 90, regimes=["hipaa"])
    law = view.clocks[0]
    assert law.window_hours == 60 * 24 and law.basis[0] == "45 CFR 164.410(b)"
    assert law.state == "late"


def test_gdpr_individuals_only_on_high_risk_without_a_fixed_limit() -> None:
    assert "individuals" not in clocks(incident(severity="medium"), "gdpr")
    art34 = clocks(incident(severity="high"), "gdpr")["individuals"]
    # Art. 34(1): "without undue delay", no number of hours: no deadline, runs until done.
    assert art34.deadline is None and art34.state == "running"
    assert art34.basis == ["GDPR Art. 34(1)"]
    done = clocks(incident(severity="high", subjects_notified_at=TOLD + timedelta(days=9)), "gdpr")
    assert done["individuals"].state == "met"
    no_risk = incident(severity="high", authority_notification="not_required")
    assert "individuals" not in clocks(no_risk, "gdpr")


def test_strictest_rule_per_audience_across_regimes() -> None:
    got = clocks(incident(severity="critical", records_affected=40), "gdpr", "uk_gdpr", "hipaa")
    # HIPAA's 60 days is a fixed limit; Art. 34's "without undue delay" is cited with it.
    assert got["individuals"].window_hours == 60 * 24
    assert got["individuals"].basis == [
        "45 CFR 164.404(b)",
        "GDPR Art. 34(1)",
        "UK GDPR Art. 34(1)",
    ]
    assert got["gdpr_art33_authority"].window_hours == 72.0
    assert got["gdpr_art33_authority"].basis == ["GDPR Art. 33(1)", "UK GDPR Art. 33(1)"]


def test_overdue_hipaa_individual_notice_is_a_critical_finding() -> None:
    view = incident_clocks(
        incident(records_affected=40), as_of=AWARE + timedelta(days=61), regimes=["hipaa"]
    )
    found = {f.evidence["clock"]: f for f in clock_findings(view)}
    assert found["individuals"].severity == "critical"
    assert (
        found["individuals"].title
        == "People affected not notified within 60 days (45 CFR 164.404(b))"
    )


def test_ccpa_attorney_general_above_500_california_residents() -> None:
    # Cal. Civ. Code 1798.82(f): a sample notice to the Attorney General above 500 residents.
    many = clocks(incident(affected_by_region={"US-CA": 501}), "ccpa_cpra")
    assert many["attorney_general"].basis == ["Cal. Civ. Code 1798.82(f)"]
    assert many["individuals"].deadline is None  # 1798.82(a): most expedient time possible
    few = clocks(incident(affected_by_region={"US-CA": 500, "US-NV": 900}), "ccpa_cpra")
    assert "attorney_general" not in few
    assert "individuals" not in clocks(incident(affected_by_region={"US-NV": 9}), "ccpa_cpra")


def test_pci_card_brands_clock_and_its_notice() -> None:
    told = incident(notices={"card_brands": TOLD + timedelta(hours=2)})
    brands = clocks(told, "pci_dss")["card_brands"]
    assert brands.state == "met" and brands.basis == ["PCI DSS v4.0 Req. 12.10.1"]


def test_ccpa_refuses_a_policy_that_sells_or_shares() -> None:
    policy = SharingPolicy.model_validate(
        {
            "engagement_id": "retail-us",
            "retention_days": 30,
            "processing_locations": ["US"],
            "purpose": "sale",
            "tables": {"interactions": {"default": "withhold"}},
        }
    )
    [why] = sharing_refusals(policy, ["ccpa_cpra"])
    assert "1798.120" in why and "1798.140(ag)" in why
    assert sharing_refusals(policy, ["gdpr"]) == []
    serve = policy.model_copy(update={"purpose": "business_purpose"})
    assert sharing_refusals(serve, ["ccpa_cpra"]) == []


def test_parse_regimes() -> None:
    assert parse_regimes("HIPAA, gdpr,ccpa-cpra") == ["gdpr", "ccpa_cpra", "hipaa"]
    assert parse_regimes("") == []
    with pytest.raises(InputError, match=r"unknown regime.*sox"):
        parse_regimes("gdpr,sox")
