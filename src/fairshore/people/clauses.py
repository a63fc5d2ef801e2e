"""Clause measurements from the people figures, for contract evaluation.

One builder per clause turns the figures of a period (its hours, occupancy, pay,
attrition or employment model) into the ``ClauseMeasurement`` a contract compares:
the providers of one period (``services.measure_*``) and of many months at once
(``clause_months``) both build theirs here, so both say the same thing.
"""

from __future__ import annotations

from fairshore.contracts.model import ClauseMeasurement
from fairshore.people import workforce
from fairshore.people.model import EmploymentShare, Occupancy, Pay, TrailingAttrition


def training(mean: float | None, sample: int) -> ClauseMeasurement | None:
    """``min_training_hours`` from the mean training hours of ``sample`` agent-months."""
    if mean is None:
        return None
    return ClauseMeasurement(
        value=mean, sample_size=sample, detail=f"mean of {sample} agent-months' training hours"
    )


def occupancy(occ: Occupancy) -> ClauseMeasurement | None:
    """``max_occupancy``: handle time / logged-in time over the period."""
    if occ.overall is None or occ.handle_hours == 0:
        return None
    worst = max(occ.monthly, key=lambda m: m.occupancy or 0)
    return ClauseMeasurement(
        value=occ.overall,
        sample_size=len(occ.monthly),
        detail=(
            f"{occ.handle_hours:,.0f} h handled / {occ.logged_in_hours:,.0f} h logged in over "
            f"{len(occ.monthly)} months; highest {worst.month:%Y-%m} at "
            f"{100 * (worst.occupancy or 0):.1f} %"
        ),
    )


def living_wage(result: Pay) -> ClauseMeasurement | None:
    """``living_wage_floor``: the lowest agent's mean effective pay / the site's floor."""
    compared = [s for s in result.sites if s.lowest_ratio is not None]
    if not compared:
        return None
    low = min(compared, key=lambda s: s.lowest_ratio or 0)
    b = low.benchmark
    fig = b.living_wage if b and b.floor_kind == "living_wage" else (b.minimum_wage if b else None)
    caveats = f"; caveats: {'; '.join(low.warnings)}" if low.warnings else ""
    return ClauseMeasurement(
        value=low.lowest_ratio or 0.0,
        sample_size=sum(s.agents for s in compared),
        detail=(
            f"lowest at {low.site_id}: {b.floor_kind if b else ''} "
            f"{b.floor_monthly if b else 0:,.0f} {low.currency}/month "
            f"({fig.kind if fig else ''}, {fig.source if fig else ''}, {fig.year if fig else ''}); "
            f"{low.agents_below_living_wage} of {low.agents} agents below{caveats}"
        ),
    )


def attrition(trailing: TrailingAttrition | None) -> ClauseMeasurement | None:
    """``max_attrition``: attrition over the trailing twelve months (SHRM annual turnover).

    Fewer than twelve months with agents in post: the annualised figure is shown as
    ``insufficient`` (no verdict on part of a year).
    """
    if trailing is None or trailing.rate is None:
        return None
    months = trailing.months_with_headcount
    return ClauseMeasurement(
        value=trailing.rate,
        sample_size=round(trailing.average_headcount),
        detail=(
            f"{trailing.leavers} leavers over average headcount "
            f"{trailing.average_headcount:.1f} in the twelve months "
            f"{trailing.first_month:%Y-%m}..{trailing.last_month:%Y-%m}"
        ),
        insufficient=""
        if trailing.complete
        else f"agents in post in {months} of the twelve months: annualised from {months}",
    )


def in_house_share(model: list[EmploymentShare]) -> ClauseMeasurement | None:
    """``min_in_house_share``: share of agents in post in the period who are employees."""
    share = workforce.in_house_share(model)
    if share is None:
        return None
    return ClauseMeasurement(
        value=share,
        sample_size=sum(e.agents for e in model),
        detail=", ".join(f"{e.employment_type} {e.agents}" for e in model),
    )
