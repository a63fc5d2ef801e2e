"""Pay against the statutory minimum wage and the living wage of each site's location.

Only full months (the agent in post every day of the month) are compared. An
agent-month's *effective monthly pay* is its gross pay; for a part-time month
(paid hours below the part-time line) it is the full-time equivalent: hourly pay
(gross / paid hours) x 174 standard hours, so a part-timer paid a living hourly rate
is not counted as under-paid. Each agent is judged on the mean of its full months'
effective pay: ratio = mean effective pay / floor (the living wage, or the minimum
wage where the living wage is below it). Hourly pay (gross / paid hours, overtime
included) is compared with the floor / 174 h.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import ibis

from fairshore.people.benchmarks import STANDARD_MONTHLY_HOURS
from fairshore.people.model import LocationBenchmark, SitePay

if TYPE_CHECKING:
    import ibis.expr.types as ir


def effective_pay(facts: ir.Table, *, part_time_below: float) -> ir.Table:
    """Full-month agent-months with ``hourly_pay``, ``part_time`` and ``effective_pay``."""
    full = facts.filter(facts.full_month & facts.gross_pay.notnull())
    hourly = ibis.ifelse(full.paid_hours > 0, full.gross_pay / full.paid_hours, ibis.null())
    part_time = (full.paid_hours < part_time_below).fill_null(False)
    return full.mutate(
        hourly_pay=hourly,
        part_time=part_time,
        effective_pay=ibis.ifelse(
            part_time & hourly.notnull(), hourly * STANDARD_MONTHLY_HOURS, full.gross_pay
        ),
    )


def benchmark_table(benchmarks: Mapping[str, LocationBenchmark]) -> ir.Table:
    """Site id, pay currency, monthly floor and minimum as a small table to join."""
    rows = [
        {
            "b_site": site,
            "b_currency": b.currency,
            "b_floor": b.floor_monthly,
            "b_minimum": b.minimum_wage.monthly if b.minimum_wage else None,
        }
        for site, b in benchmarks.items()
    ]
    return ibis.memtable(
        rows or [],
        schema={
            "b_site": "string",
            "b_currency": "string",
            "b_floor": "float64",
            "b_minimum": "float64",
        },
    )


def compared_months(paid: ir.Table, benchmarks: Mapping[str, LocationBenchmark]) -> ir.Table:
    """The full months compared with their site's floor (``b_floor``, ``b_minimum``):
    paid at a site with a benchmark, in the site's currency (or none stated)."""
    b = benchmark_table(benchmarks)
    j = paid.join(b, paid.site_id == b.b_site)
    return j.filter(j.currency.isnull() | (j.currency == j.b_currency))


def agent_pay(
    paid: ir.Table, benchmarks: Mapping[str, LocationBenchmark], *, by_month: bool = False
) -> ir.Table:
    """Per site and agent (and month, ``by_month``): mean effective pay over full months,
    in the site's currency."""
    j = compared_months(paid, benchmarks)
    keys = ["site_id", "agent_ref", *(["month"] if by_month else [])]
    return j.group_by(keys).aggregate(
        months=j.count(),
        pay=j.effective_pay.mean(),
        hourly=j.hourly_pay.mean(),
        floor=j.b_floor.max(),
        minimum=j.b_minimum.max(),
    )


def other_currency_rows(
    paid: ir.Table, benchmarks: Mapping[str, LocationBenchmark]
) -> dict[str, int]:
    """Full months paid in a currency other than the site's, per site (not compared)."""
    return {site: n for (site, _), n in _other_currency(paid, benchmarks, by_month=False).items()}


def other_currency_by_month(
    paid: ir.Table, benchmarks: Mapping[str, LocationBenchmark]
) -> dict[tuple[str, Any], int]:
    """:func:`other_currency_rows` per ``(site, month)``."""
    return _other_currency(paid, benchmarks, by_month=True)


def _other_currency(
    paid: ir.Table, benchmarks: Mapping[str, LocationBenchmark], *, by_month: bool
) -> dict[tuple[str, Any], int]:
    b = benchmark_table(benchmarks)
    j = paid.join(b, paid.site_id == b.b_site)
    odd = j.filter(j.currency.notnull() & (j.currency != j.b_currency))
    keys = ["site_id", *(["month"] if by_month else [])]
    rows = odd.group_by(keys).aggregate(n=odd.count()).to_pyarrow().to_pylist()
    return {(r["site_id"], r.get("month")): int(r["n"]) for r in rows}


def site_pay(
    agents: list[dict[str, Any]],
    site_id: str,
    benchmark: LocationBenchmark | None,
    *,
    warnings: list[str],
) -> SitePay:
    """Shares below the minimum and the floor, the gap in money and percent, for one site."""
    mine = [a for a in agents if a["site_id"] == site_id and a["pay"] is not None]
    pays = sorted(float(a["pay"]) for a in mine)
    floor = benchmark.floor_monthly if benchmark else None
    minimum = benchmark.minimum_wage.monthly if benchmark and benchmark.minimum_wage else None
    gaps = [floor - p for p in pays if floor is not None and p < floor]
    compared = floor is not None and bool(pays)
    hourly = [float(a["hourly"]) for a in mine if a["hourly"] is not None]
    floor_hourly = None if floor is None else floor / STANDARD_MONTHLY_HOURS
    mean_gap = (sum(gaps) / len(gaps) if gaps else 0.0) if compared else None
    return SitePay(
        site_id=site_id,
        location=benchmark.location if benchmark else None,
        currency=benchmark.currency if benchmark else None,
        benchmark=benchmark,
        agent_months=sum(int(a["months"]) for a in mine),
        agents=len(pays),
        median_effective_pay=statistics.median(pays) if pays else None,
        median_hourly_pay=statistics.median(hourly) if hourly else None,
        floor_hourly=floor_hourly,
        share_below_floor_hourly=(
            sum(h < floor_hourly for h in hourly) / len(hourly) if hourly and floor_hourly else None
        ),
        share_below_minimum=(
            None if minimum is None or not pays else sum(p < minimum for p in pays) / len(pays)
        ),
        share_below_living_wage=len(gaps) / len(pays) if compared else None,
        agents_below_living_wage=len(gaps),
        mean_gap=mean_gap,
        mean_gap_pct=None if mean_gap is None or not floor else mean_gap / floor,
        lowest_ratio=pays[0] / floor if floor and pays else None,
        warnings=[*(benchmark.warnings if benchmark else []), *warnings],
    )
