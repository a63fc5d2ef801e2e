"""Criticality from measured inputs, with overrides kept and shown."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from fairshore.vetting.criticality import (
    CriticalityOverride,
    MeasuredInputs,
    assess_measured,
    is_vulnerable,
    sensitivity_from_policy,
)

DAY = date(2026, 12, 31)


def test_data_sensitivity_is_the_most_sensitive_field_the_policy_releases() -> None:
    assert sensitivity_from_policy({}) == ("none", "the sharing policy releases no field")
    assert sensitivity_from_policy({"interactions": ["customer_ref", "queue"]})[0] == "personal"
    assert sensitivity_from_policy({"interactions": ["customer_ref", "card_last4"]})[0] == (
        "financial"
    )
    # GDPR Art. 9: a disability (accessibility need) is health data, a special category
    level, why = sensitivity_from_policy({"interactions": ["card_last4", "seg_accessibility"]})
    assert level == "special_category" and "interactions.seg_accessibility" in why


def test_vulnerable_segment_values() -> None:
    assert [is_vulnerable(v) for v in ("hearing", "cognitive", "none", "None", None)] == [
        True,
        True,
        False,
        False,
        None,
    ]


def test_grades_follow_the_measured_inputs() -> None:
    quiet = MeasuredInputs(
        monthly_volume=800, vulnerable_share=Decimal("0.005"), data_sensitivity="none"
    )
    busy = MeasuredInputs(
        monthly_volume=26_000, vulnerable_share=Decimal("0.10"), data_sensitivity="personal"
    )
    assert assess_measured("e", quiet, [], assessed_on=DAY).tier == "low"
    # volume grade 3 and vulnerability grade 3: concentrated risk raises high to critical
    crit = assess_measured("e", busy, [], assessed_on=DAY)
    assert (crit.tier, crit.level, crit.review_months) == ("critical", 4, 3)


def test_an_unmeasured_dimension_is_graded_medium_and_says_so() -> None:
    c = assess_measured("e", MeasuredInputs(), [], assessed_on=DAY)
    assert c.tier == "medium" and c.monthly_volume is None
    assert all("not measured" in s for s in c.sources.values())


def test_the_latest_override_replaces_the_measure_and_both_are_shown() -> None:
    measured = MeasuredInputs(
        monthly_volume=3_000,
        vulnerable_share=Decimal("0.02"),
        data_sensitivity="personal",
        sources={"monthly_volume": "measured: 36,000 contacts in 12 month(s)"},
    )
    first = CriticalityOverride(
        dimension="data_sensitivity",
        value="financial",
        set_by="ana",
        set_at=datetime(2026, 11, 1, tzinfo=UTC),
        reason="billing queue added",
    )
    later = CriticalityOverride(
        dimension="data_sensitivity",
        value="special_category",
        set_by="ben",
        set_at=datetime(2026, 12, 1, tzinfo=UTC),
        reason="bereavement line moves here",
    )
    c = assess_measured("e", measured, [later, first], assessed_on=DAY)
    assert c.data_sensitivity == "special_category" and c.tier == "critical"
    assert c.overrides == (later,)
    source = c.sources["data_sensitivity"]
    assert "override by ben on 2026-12-01: bereavement line moves here" in source
    assert "(measured: personal)" in source
    assert c.sources["monthly_volume"].startswith("measured: 36,000")
    assert not assess_measured("e", measured, [], assessed_on=DAY).overrides
