"""The scenario as data: pay against living-wage benchmarks, staffing of languages."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fairshore.demo.scenario import GAP_LANGUAGE, UNDERSTAFFED_MONTH, demo_scenario

REPO = Path(__file__).resolve().parents[3]
# ../shared next to the repository (or next to the folder of worktrees)
LIVING_WAGES = next(
    (
        base / "shared" / "reference" / "living-wages.csv"
        for base in (REPO.parent, REPO.parent.parent)
        if (base / "shared" / "reference" / "living-wages.csv").exists()
    ),
    REPO.parent / "shared" / "reference" / "living-wages.csv",
)


def _benchmarks() -> dict[tuple[str, str], list[str]]:
    if not LIVING_WAGES.exists():
        pytest.skip("shared/reference/living-wages.csv not present")
    out: dict[tuple[str, str], list[str]] = {}
    with LIVING_WAGES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault((row["location"], row["metric"]), []).append(row["amount"])
    return out


def test_living_wage_figures_come_from_the_reference_table() -> None:
    table = _benchmarks()
    scenario = demo_scenario()
    manila = scenario.engagement("telco-mnl")
    assert str(manila.living_wage) in table[("Manila (Metro Manila)", "living_wage_family")]
    assert (
        str(scenario.engagement("telco-blr").living_wage)
        in table[("Bengaluru", "living_wage_family")]
    )
    assert "2111077" in table[("Bogotá", "living_wage_family")]
    assert "695" in table[("Manila (Metro Manila)", "minimum_wage")]


def test_only_northwind_pays_below_the_living_wage() -> None:
    for eng in demo_scenario().engagements:
        if eng.id == "telco-mnl":
            assert eng.pay.agent_median < eng.living_wage * 0.8
            assert eng.pay.agent_median > eng.minimum_wage_month * 1.3
            assert not eng.pay.floor_at_living_wage
        else:
            assert eng.pay.agent_median > eng.living_wage
            assert eng.pay.floor_at_living_wage


def test_every_language_is_staffed_alike_but_the_planted_one() -> None:
    for eng in demo_scenario().engagements:
        for lang in eng.language_shares:
            beta = eng.staffing.beta_for(lang, "2026-03")
            planted = eng.id == "telco-krk" and lang == GAP_LANGUAGE
            assert (beta < eng.staffing.beta) == planted
    blr = demo_scenario().engagement("telco-blr")
    assert blr.staffing.beta_for("en", UNDERSTAFFED_MONTH) < 0
