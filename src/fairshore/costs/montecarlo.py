"""Monte Carlo over a scenario's uncertain inputs: P10, P50, P90 of cost, savings, payback.

All runs are computed at once on arrays (staffing included), so thousands of runs
cost about as much as a handful of vectorised Erlang searches. The same seed gives
the same figures.
"""

from __future__ import annotations

import numpy as np

from fairshore.costs.model import (
    COST_LINES,
    BenchmarkNote,
    Draws,
    FloatArray,
    OptionCosts,
    OptionSummary,
    Quantiles,
    Scenario,
    TcoReport,
)
from fairshore.costs.tco import benchmark_for, scenario_costs


def payback_months(transition: FloatArray, annual_savings: FloatArray) -> FloatArray:
    """Months for monthly savings to repay the one-off transition (inf when none)."""
    monthly = annual_savings / 12.0
    with np.errstate(divide="ignore", invalid="ignore"):
        months = np.where(monthly > 0, transition / monthly, np.inf)
    return np.where((transition <= 0) & (monthly > 0), 0.0, months)


def quantiles(values: FloatArray) -> Quantiles:
    """P10, P50 and P90 (infinite values allowed: a payback that never comes)."""
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return Quantiles(p10=float(p10), p50=float(p50), p90=float(p90))


def _finite(value: float) -> float | None:
    return value if np.isfinite(value) else None


def simulate(scenario: Scenario, *, runs: int, seed: int | None) -> dict[str, OptionCosts]:
    """Costs of every option for ``runs`` draws of the uncertain inputs."""
    return scenario_costs(scenario, Draws(runs, np.random.default_rng(seed)))


def compare_options(scenario: Scenario, *, runs: int = 0, seed: int | None = None) -> TcoReport:
    """Point estimates of every option, and P10/P50/P90 when ``runs`` > 0."""
    point = scenario_costs(scenario, Draws(1))
    sims = simulate(scenario, runs=runs, seed=seed) if runs > 0 else None
    base_id = scenario.baseline
    summaries = []
    for option in scenario.options:
        c = point[option.id]
        savings = point[base_id].annual - c.annual
        payback = payback_months(c.transition, savings)
        summary = OptionSummary(
            option_id=option.id,
            label=option.label or option.id,
            agents=float(c.agents[0]),
            fte=float(c.fte[0]),
            lines={k: float(c.lines[k][0]) for k in COST_LINES},
            annual_cost=float(c.annual[0]),
            transition_cost=float(c.transition[0]),
            savings=float(savings[0]),
            payback_months=None if option.id == base_id else _finite(float(payback[0])),
        )
        if sims is not None:
            s = sims[option.id]
            sim_savings = sims[base_id].annual - s.annual
            summary = summary.model_copy(
                update={
                    "annual_cost_range": quantiles(s.annual),
                    "savings_range": quantiles(sim_savings),
                    "payback_months_range": (
                        None
                        if option.id == base_id
                        else quantiles(payback_months(s.transition, sim_savings))
                    ),
                }
            )
        summaries.append(summary)
    return TcoReport(
        scenario=scenario.name,
        currency=scenario.currency,
        fx_as_of=scenario.fx.as_of,
        fx_source=scenario.fx.source,
        baseline=base_id,
        runs=runs,
        seed=seed,
        options=summaries,
        benchmarks=_benchmarks(scenario),
    )


def _benchmarks(scenario: Scenario) -> list[BenchmarkNote]:
    notes = []
    for pid, provider in scenario.providers.items():
        b = benchmark_for(scenario, provider)
        notes.append(
            BenchmarkNote(
                provider=pid,
                location=b.location,
                metric=b.metric,
                monthly=b.monthly,
                currency=b.currency,
                year=b.year,
                source=b.source,
                warnings=b.warnings,
            )
        )
    return notes
