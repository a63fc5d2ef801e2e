"""Cost lines of each sourcing option, computed on arrays of Monte Carlo runs.

For each part of an option (a provider's share of the human contacts), the staffing
model gives the agents the service target needs over the mean open hour (Erlang C,
vectorised over runs), scheduled agents under shrinkage, and FTEs. Cost lines then
follow, in the scenario's base currency, per year:

- ``labour``: in-house FTE x pay x (1 + benefits) + FTE x overhead
- ``vendor_fees``: per paid agent hour, per FTE-month or per handled contact
- ``technology``: licences and seats per FTE
- ``automation``: self-service platform and per automated contact
- ``governance``: the client's vendor-management staff
- ``rework``: repeat contacts (1 - FCR) at the part's cost per contact, plus
  escalations back to the client
- ``attrition``: leavers (FTE x annual attrition) x replacement cost
- ``exit``: exit costs spread over the scenario years
- ``ethical_premium``: lifting every agent's pay to the location's living-wage
  benchmark, with benefits on top
One-off transition costs (knowledge transfer, training, parallel run, redeploying or
retraining in-house staff, automation implementation) are kept apart for payback.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fairshore.costs.living_wage import Benchmark, living_wage_benchmark, to_monthly
from fairshore.costs.model import (
    CostLine,
    Draws,
    FloatArray,
    Option,
    OptionCosts,
    Provider,
    Scenario,
)
from fairshore.errors import ScenarioError
from fairshore.staffing.model import StaffingTarget
from fairshore.staffing.staffing import required_agents


@dataclass(frozen=True)
class PartStaff:
    """Staffing of one part of an option, per run."""

    contacts: FloatArray
    agents: FloatArray
    fte: FloatArray


def human_contacts(scenario: Scenario, option: Option, draws: Draws) -> FloatArray:
    """Contacts a year left to people after automation (deflected minus fallback)."""
    contacts = draws(scenario.demand.contacts_per_year)
    if option.automation is None:
        return contacts
    deflected = np.clip(draws(option.automation.deflection), 0.0, 1.0)
    fallback = np.clip(draws(option.automation.fallback), 0.0, 1.0)
    return contacts * (1.0 - deflected * (1.0 - fallback))


def staff_part(
    scenario: Scenario, provider: Provider, contacts: FloatArray, draws: Draws
) -> PartStaff:
    """Agents over the mean open hour, and FTEs, for ``contacts`` a year (per run)."""
    d = scenario.demand
    aht = draws(d.aht_s) * draws(provider.aht_factor)
    shrink = np.clip(
        draws(provider.shrinkage if provider.shrinkage is not None else d.shrinkage), 0.0, 0.95
    )
    target = StaffingTarget(
        service_level=d.service_level, threshold_s=d.threshold_s, max_occupancy=d.max_occupancy
    )
    per_hour = contacts / d.open_hours_per_year
    agents = required_agents(per_hour, aht_s=aht, interval_s=3600.0, target=target).agents
    # KPI definitions: scheduled = required / (1 - shrinkage).
    scheduled = np.ceil(agents / (1.0 - shrink) - 1e-9)
    fte = scheduled * d.open_hours_per_year / d.paid_hours_per_fte
    return PartStaff(contacts=contacts, agents=agents.astype(np.float64), fte=fte)


def pay_per_year(scenario: Scenario, provider: Provider, draws: Draws) -> FloatArray:
    """One agent's annual gross pay, in the base currency."""
    monthly = to_monthly(1.0, provider.agent_pay.period) * draws(provider.agent_pay.amount)
    return monthly * 12.0 * scenario.rate(provider.agent_pay.currency)


def benchmark_for(scenario: Scenario, provider: Provider) -> Benchmark:
    """The living-wage benchmark of a provider's location (a user's figure first)."""
    choice = provider.living_wage
    if choice.amount is not None:
        monthly = to_monthly(1.0, choice.amount.period) * float(
            np.mean(Draws(1)(choice.amount.amount))
        )
        return Benchmark(
            location=provider.location,
            metric=choice.metric,
            monthly=monthly,
            currency=choice.amount.currency,
            year=scenario.fx.as_of.year,
            source="given in the scenario",
            warnings=[],
        )
    return living_wage_benchmark(
        provider.location,
        metric=choice.metric,
        pick=choice.pick,
        as_of_year=provider.benchmark_year or scenario.fx.as_of.year,
    )


def _rate(scenario: Scenario, currency: str) -> float:
    try:
        return scenario.rate(currency)
    except KeyError:
        raise ScenarioError(
            f"fx.rates has no rate for {currency} (needed for a living-wage benchmark)"
        ) from None


def ethical_premium(
    scenario: Scenario, provider: Provider, staff: PartStaff, draws: Draws
) -> FloatArray:
    """Annual cost of lifting every agent's pay to the living-wage benchmark."""
    bench = benchmark_for(scenario, provider)
    floor_year = bench.monthly * 12.0 * _rate(scenario, bench.currency)
    gap = np.maximum(floor_year - pay_per_year(scenario, provider, draws), 0.0)
    return staff.fte * gap * (1.0 + draws(provider.benefits_rate))


def _part_lines(
    scenario: Scenario, provider: Provider, staff: PartStaff, draws: Draws
) -> dict[CostLine, FloatArray]:
    rate = scenario.rate(provider.currency)
    zero = np.zeros(draws.runs)
    lines: dict[CostLine, FloatArray] = {
        "labour": zero,
        "vendor_fees": zero,
        "technology": staff.fte * draws(provider.technology_per_fte_year) * rate,
        "attrition": staff.fte
        * draws(provider.attrition_rate)
        * draws(provider.replacement_cost_per_leaver)
        * rate,
    }
    if provider.kind == "in_house":
        pay = pay_per_year(scenario, provider, draws)
        lines["labour"] = staff.fte * (
            pay * (1.0 + draws(provider.benefits_rate))
            + draws(provider.overhead_per_fte_year) * rate
        )
    else:
        assert provider.pricing is not None
        price = draws(provider.pricing.rate) * rate
        units = {
            "hour": staff.fte * scenario.demand.paid_hours_per_fte,
            "fte_month": staff.fte * 12.0,
            "contact": staff.contacts,
        }[provider.pricing.per]
        lines["vendor_fees"] = price * units
    run_cost = lines["labour"] + lines["vendor_fees"]
    with np.errstate(invalid="ignore", divide="ignore"):
        per_contact = np.where(staff.contacts > 0, run_cost / staff.contacts, 0.0)
    repeats = staff.contacts * (1.0 - np.clip(draws(provider.fcr), 0.0, 1.0))
    escalations = staff.contacts * np.clip(draws(provider.escalation_rate), 0.0, 1.0)
    lines["rework"] = repeats * per_contact + escalations * draws(
        scenario.demand.cost_per_escalation
    )
    lines["ethical_premium"] = (
        ethical_premium(scenario, provider, staff, draws)
        if scenario.include_ethical_premium
        else zero
    )
    return lines


def option_costs(
    scenario: Scenario, option: Option, draws: Draws, *, baseline_monthly: FloatArray | None
) -> OptionCosts:
    """Every cost line of one option, per run; ``baseline_monthly`` prices the parallel run."""
    humans = human_contacts(scenario, option, draws)
    lines: dict[CostLine, FloatArray] = {
        k: np.zeros(draws.runs)
        for k in (
            "labour",
            "vendor_fees",
            "technology",
            "automation",
            "governance",
            "rework",
            "attrition",
            "exit",
            "ethical_premium",
        )
    }
    agents = np.zeros(draws.runs)
    fte = np.zeros(draws.runs)
    for part in option.parts:
        provider = scenario.providers[part.provider]
        staff = staff_part(scenario, provider, humans * part.share, draws)
        for name, value in _part_lines(scenario, provider, staff, draws).items():
            lines[name] = lines[name] + value
        agents, fte = agents + staff.agents, fte + staff.fte
    if option.automation is not None:
        a = option.automation
        automated = draws(scenario.demand.contacts_per_year) - humans
        lines["automation"] = draws(a.platform_per_year) + automated * draws(
            a.cost_per_automated_contact
        )
    g = option.governance
    lines["governance"] = draws(g.fte) * draws(g.cost_per_fte_year)
    lines["exit"] = draws(option.exit_cost) / scenario.years
    t = option.transition
    parallel = (
        draws(t.parallel_run_months) * baseline_monthly
        if baseline_monthly is not None
        else np.zeros(draws.runs)
    )
    one_off = {
        "knowledge_transfer": draws(t.knowledge_transfer),
        "training": draws(t.training_per_fte) * fte,
        "parallel_run": parallel,
        "redeploy_retrain": t.redeploy_people * draws(t.redeploy_cost_per_person),
        "automation_implementation": (
            draws(option.automation.implementation)
            if option.automation is not None
            else np.zeros(draws.runs)
        ),
    }
    return OptionCosts(option_id=option.id, lines=lines, one_off=one_off, agents=agents, fte=fte)


def scenario_costs(scenario: Scenario, draws: Draws) -> dict[str, OptionCosts]:
    """Costs of every option; the baseline first, since parallel runs are priced on it."""
    base = next(o for o in scenario.options if o.id == scenario.baseline)
    base_costs = option_costs(scenario, base, draws, baseline_monthly=None)
    monthly = base_costs.annual / 12.0
    out = {}
    for option in scenario.options:
        out[option.id] = (
            base_costs
            if option.id == base.id
            else option_costs(scenario, option, draws, baseline_monthly=monthly)
        )
    return out
