"""Sourcing rules, the disclosure text and forecast accuracy, on hand-made cases."""

from __future__ import annotations

import math

import pytest

from fairshore.sourcing.disclosure import ServiceLine, write_disclosure
from fairshore.sourcing.forecast import forecast_accuracy
from fairshore.sourcing.touchpoints import Touchpoint, recommend


def _tp(**changes: object) -> Touchpoint:
    data: dict[str, object] = {
        "id": "t",
        "name": "T",
        "channel": "chat",
        "intent": "billing",
        "volume_per_month": 20000,
        "aht_s": 300,
        "data_sensitivity": "personal",
        "complexity": "low",
        "customer_vulnerability": "low",
        "regulatory_class": "none",
    }
    data.update(changes)
    return Touchpoint.model_validate(data)


@pytest.mark.parametrize(
    ("changes", "option", "rules"),
    [
        ({}, "automate_with_human_fallback", []),
        (
            {"data_sensitivity": "special_category"},
            "keep_in_house",
            ["special_or_highly_regulated", "automation_scope"],
        ),
        (
            {"customer_vulnerability": "high", "complexity": "medium"},
            "outsource_onshore",
            ["vulnerable_customers", "automation_scope"],
        ),
        ({"complexity": "medium"}, "outsource_offshore", ["automation_scope"]),
        (
            {"complexity": "medium", "data_sensitivity": "financial"},
            "outsource_nearshore",
            ["automation_scope", "regulated_residency"],
        ),
        (
            {"complexity": "high", "volume_per_month": 1000},
            "keep_in_house",
            ["complex_low_volume", "automation_scope"],
        ),
        ({"volume_per_month": 100}, "keep_in_house", ["too_small_to_move"]),
    ],
)
def test_recommendation_and_its_rationale(
    changes: dict[str, object], option: str, rules: list[str]
) -> None:
    rec = recommend(_tp(**changes))
    assert rec.option == option
    assert [r.rule for r in rec.rationale] == rules
    assert rec.exposure["keep_in_house"].startswith("none")


def test_disclosure_names_countries_languages_data_and_the_way_home() -> None:
    lines = [
        ServiceLine("Northwind", ("PH",), ("voice", "chat"), ("en",), ("contact details",)),
        ServiceLine(
            "Vistula",
            ("PL",),
            ("email",),
            ("en", "es", "pl"),
            ("contact details",),
            ("ISO/IEC 27001 certificate, verified, valid to 2027-03-31",),
        ),
    ]
    statement = write_disclosure("Telco", lines, contact="call 0800 000 000")
    md = statement.markdown
    assert "answered in Poland and the Philippines" in md
    assert "languages: English, Spanish and Polish" in md
    assert "we hold no verified certificate for this partner yet" in md
    assert "ISO/IEC 27001 certificate, verified" in md
    assert "call 0800 000 000" in md
    assert "<script" not in write_disclosure("<script>", lines, contact="x").html


def test_forecast_accuracy_by_hand() -> None:
    actual = {"2026-01": 1100, "2026-02": 900, "2026-03": 1500}
    forecast = {"2026-01": 1000.0, "2026-02": 1000.0, "2026-03": 1000.0}
    result = forecast_accuracy(actual, forecast, tolerance=0.1)
    # WAPE = (100 + 100 + 500) / 3500; bias = (3500 - 3000) / 3000
    assert result.wape == pytest.approx(700 / 3500)
    assert result.bias == pytest.approx(500 / 3000)
    assert result.within_tolerance_share == pytest.approx(2 / 3)
    assert result.worst_period == "2026-03"


def test_forecast_for_a_period_with_no_contacts_counts_as_a_miss() -> None:
    result = forecast_accuracy({}, {"2026-01-01": 10.0})
    assert result.within_tolerance_share == 0
    assert math.isnan(result.wape)
