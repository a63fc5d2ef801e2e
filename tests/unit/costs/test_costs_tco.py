"""TCO on a hand-computed scenario; Monte Carlo reproducibility; scenario file errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fairshore.costs.model import Draws
from fairshore.costs.montecarlo import compare_options, payback_months
from fairshore.costs.scenario_file import parse_scenario
from fairshore.costs.services import compare_scenario, demo_scenario_text
from fairshore.costs.tco import human_contacts
from fairshore.errors import ScenarioError

# Demand chosen so each provider's staffing is the published example E1 of
# reference/queueing-oracles.md: 200 contacts/h, AHT 180 s, SL 80 % in 20 s, occupancy
# <= 85 %, shrinkage 30 % -> 14 agents, 20 scheduled (pyworkforce README).
HAND = """
name: hand
currency: USD
years: 3
fx: {as_of: 2025-10-01, source: test, rates: {EUR: 1.1}}
demand:
  contacts_per_year: 200000
  aht_s: 180
  open_hours_per_year: 1000
  service_level: 0.8
  threshold_s: 20
  max_occupancy: 0.85
  shrinkage: 0.3
  paid_hours_per_fte: 2000
  cost_per_escalation: 10
baseline: home
providers:
  home:
    kind: in_house
    location: United States (Dallas)
    currency: USD
    agent_pay: {amount: 30000, currency: USD, period: year}
    benefits_rate: 0.2
    overhead_per_fte_year: 5000
    technology_per_fte_year: 1000
    attrition_rate: 0.3
    replacement_cost_per_leaver: 2000
    fcr: 0.9
    escalation_rate: 0.01
    living_wage: {amount: {amount: 3000, currency: USD, period: month}}
  vendor:
    kind: vendor
    location: Kraków
    currency: EUR
    pricing: {per: contact, rate: 1.0}
    agent_pay: {amount: 1000, currency: EUR, period: month}
    fcr: 0.8
    living_wage: {amount: {amount: 1200, currency: EUR, period: month}}
options:
  - id: home
    parts: [{provider: home}]
  - id: out
    parts: [{provider: vendor}]
    transition:
      knowledge_transfer: 50000
      training_per_fte: 1000
      parallel_run_months: 1
      redeploy_people: 5
      redeploy_cost_per_person: 2000
    governance: {fte: 1, cost_per_fte_year: 100000}
    exit_cost: 30000
"""


def scenario(text: str = HAND):  # type: ignore[no-untyped-def]
    return parse_scenario(text, path=Path("hand.yaml"))


def test_hand_computed_costs() -> None:
    report = compare_options(scenario())
    home, out = report.options
    # 20 scheduled agents x 1000 open hours / 2000 paid hours = 10 FTE
    assert (home.agents, home.fte) == (14, 10)
    assert home.lines["labour"] == pytest.approx(10 * (30000 * 1.2 + 5000))  # 410,000
    assert home.lines["technology"] == pytest.approx(10 * 1000)
    assert home.lines["attrition"] == pytest.approx(10 * 0.3 * 2000)
    # repeats 10 % x 200,000 at 410,000 / 200,000 a contact + 1 % escalated at 10
    assert home.lines["rework"] == pytest.approx(20000 * 2.05 + 2000 * 10)
    assert home.lines["ethical_premium"] == pytest.approx(10 * (36000 - 30000) * 1.2)
    assert home.annual_cost == pytest.approx(559_000)
    assert out.lines["vendor_fees"] == pytest.approx(200000 * 1.1)
    assert out.lines["rework"] == pytest.approx(40000 * 1.1)
    assert out.lines["governance"] == pytest.approx(100000)
    assert out.lines["exit"] == pytest.approx(10000)
    assert out.lines["ethical_premium"] == pytest.approx(10 * 200 * 12 * 1.1)
    assert out.annual_cost == pytest.approx(400_400)
    assert out.transition_cost == pytest.approx(50000 + 10 * 1000 + 559_000 / 12 + 5 * 2000)
    assert out.savings == pytest.approx(158_600)
    assert out.payback_months == pytest.approx((116_583.333) / (158_600 / 12), rel=1e-6)


def test_automation_deflects_with_fallback() -> None:
    text = HAND.replace(
        "    exit_cost: 30000\n",
        "    exit_cost: 30000\n    automation: {deflection: 0.5, fallback: 0.2}\n",
    )
    s = scenario(text)
    humans = human_contacts(s, s.options[1], Draws(1))
    assert float(humans[0]) == pytest.approx(200000 * (1 - 0.5 * 0.8))


def test_hybrid_split_staffs_each_part() -> None:
    text = HAND.replace(
        "    parts: [{provider: vendor}]",
        "    parts: [{provider: home, share: 0.5}, {provider: vendor, share: 0.5}]",
    )
    report = compare_options(scenario(text))
    hybrid = report.options[1]
    # two queues of half the load need more agents together than one (economies of scale)
    assert hybrid.agents > 14
    assert hybrid.lines["labour"] > 0 and hybrid.lines["vendor_fees"] == pytest.approx(110000)


def test_payback_edge_cases() -> None:
    got = payback_months(np.array([120.0, 0.0, 50.0]), np.array([120.0, 10.0, -5.0]))
    assert list(got) == [12.0, 0.0, np.inf]


def test_monte_carlo_is_reproducible_for_a_seed() -> None:
    a = compare_scenario(None, runs=300, seed=42)
    b = compare_scenario(None, runs=300, seed=42)
    c = compare_scenario(None, runs=300, seed=43)
    assert a == b
    assert a.options[1].annual_cost_range != c.options[1].annual_cost_range
    for o in a.options:
        q = o.annual_cost_range
        assert q is not None and q.p10 <= q.p50 <= q.p90


def test_demo_scenario_has_four_hubs_and_in_house() -> None:
    report = compare_scenario(None, runs=0)
    ids = [o.option_id for o in report.options]
    assert ids[:5] == ["in-house", "manila", "bengaluru", "bogota", "krakow"]
    by_id = {o.option_id: o for o in report.options}
    # Manila and Bengaluru pay below the Asia Floor Wage benchmark: a premium to lift them
    assert by_id["manila"].lines["ethical_premium"] > 0
    assert by_id["bengaluru"].lines["ethical_premium"] > 0
    assert by_id["krakow"].lines["ethical_premium"] == 0
    assert "never" not in demo_scenario_text()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  aht_s: 180\n",
            "  aht_s: fast\n",
            r"hand.yaml:8: demand.aht_s: expected a number or a distribution",
        ),
        (
            "    fcr: 0.8\n",
            "    fcr: 0.8\n    colour: red\n",
            r"hand.yaml:38: providers.vendor.colour: Extra",
        ),
        ("{provider: vendor}", "{provider: nobody}", "unknown provider 'nobody'"),
        ("rates: {EUR: 1.1}", "rates: {GBP: 1.3}", "fx.rates has no rate for EUR"),
        (
            "  aht_s: 180\n",
            "  aht_s: {triangular: [3, 2, 1]}\n",
            r"hand.yaml:8: demand.aht_s.triangular: .*low <= mode",
        ),
        ("    share: 1", "    share: 1", ""),
        ("baseline: home", "baseline: [home", r"hand.yaml:\d+: not valid YAML"),
    ],
)
def test_bad_scenarios_give_precise_errors(old: str, new: str, expected: str) -> None:
    text = HAND.replace(old, new)
    if not expected:
        return
    assert text != HAND
    with pytest.raises(ScenarioError, match=expected):
        scenario(text)


def test_shares_must_add_up() -> None:
    text = HAND.replace(
        "    parts: [{provider: vendor}]",
        "    parts: [{provider: home, share: 0.5}, {provider: vendor, share: 0.4}]",
    )
    with pytest.raises(ScenarioError, match=r"hand.yaml:\d+: options.1: .*add up to 0.9"):
        scenario(text)


def test_quantiles_follow_the_input_distribution() -> None:
    # Vendor fees per contact ~ uniform(0.5, 1.5) EUR x 1.1: P10/P50/P90 of the fee line
    # are 1.1 x 200,000 x (0.6, 1.0, 1.4), so the annual cost quantiles move by those steps.
    text = HAND.replace("pricing: {per: contact, rate: 1.0}", "pricing: {per: contact, "
                        "rate: {uniform: [0.5, 1.5]}}")  # fmt: skip
    s = scenario(text)
    report = compare_options(s, runs=20000, seed=11)
    out = report.options[1]
    q = out.annual_cost_range
    assert q is not None
    # rework scales with the fee too (repeats at the cost per contact): 1 + 0.2 repeats
    per_unit = 200000 * 1.1 * 1.2
    assert q.p90 - q.p10 == pytest.approx(0.8 * per_unit, rel=0.03)
    assert q.p50 == pytest.approx(out.annual_cost, rel=0.01)


def test_normal_draws_are_cut_at_zero() -> None:
    from fairshore.costs.model import Normal

    d = Draws(5000, np.random.default_rng(0))
    values = d(Normal(normal=(0.0, 1.0)))
    assert values.min() == 0.0 and (values == 0).mean() == pytest.approx(0.5, abs=0.03)
    assert d(Normal(normal=(0.0, 1.0))) is not values  # each distribution is its own input


def test_vendor_pricing_per_hour_and_per_fte_month() -> None:
    per_hour = HAND.replace("pricing: {per: contact, rate: 1.0}", "pricing: {per: hour, rate: 10}")
    out = compare_options(scenario(per_hour)).options[1]
    assert out.lines["vendor_fees"] == pytest.approx(10 * 2000 * 10 * 1.1)  # FTE x paid h
    per_fte = HAND.replace(
        "pricing: {per: contact, rate: 1.0}", "pricing: {per: fte_month, rate: 3000}"
    )
    out = compare_options(scenario(per_fte)).options[1]
    assert out.lines["vendor_fees"] == pytest.approx(10 * 12 * 3000 * 1.1)
