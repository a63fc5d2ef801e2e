"""Living-wage benchmarks shipped with Fairshore, and how far to trust each one.

The table is the people feature's (``people/data/living-wages.csv``, from
``reference/living-wages.csv``): one table for the welfare check and the TCO. It names
for every figure its source, year, scope and kind; a figure is looked up for the year
it judges (``people.benchmarks.year_rank``), falling back to the latest earlier year
with a "no figure for YEAR" warning. A benchmark carries warnings when
it is older than three years, rural, or a household total; ranges (``low-high``) are
kept as ranges; amounts are converted to a month with stated conventions. Where the
living wage is below the current minimum wage, the minimum wage is the floor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from fairshore import numbers
from fairshore.errors import ScenarioError
from fairshore.people.benchmarks import shipped_rows, year_rank, year_warning

STALE_YEARS = 3
HOURS_PER_MONTH = 40 * 52 / 12  # a 40-hour week
DAYS_PER_MONTH = 261 / 12  # working days (5 a week) in an average month

Pick = Literal["low", "mid", "high"]


@dataclass(frozen=True)
class BenchmarkRow:
    """One row of the benchmark table, as the source states it."""

    location: str
    country_iso2: str
    metric: str
    low: float
    high: float
    currency: str
    period: str
    year: int | None
    scope: str
    source: str
    verified: bool
    note: str

    @property
    def household(self) -> bool:
        """A household total, not a per-worker wage: never compare with one agent's pay."""
        return "household" in self.note.lower()

    @property
    def rural(self) -> bool:
        return "rural" in self.note.lower()

    def amount(self, pick: Pick = "mid") -> float:
        return {"low": self.low, "mid": (self.low + self.high) / 2, "high": self.high}[pick]

    def monthly(self, pick: Pick = "mid") -> float:
        """The amount per month (hour x 173.3, day x 21.75, year / 12)."""
        return to_monthly(self.amount(pick), self.period)

    def warnings(self, *, as_of_year: int) -> list[str]:
        out = []
        by_date = year_warning(self.year, ref_year=as_of_year)
        if by_date is not None:
            out.append(by_date)
        if self.year is None:
            out.append("year not stated")
        elif as_of_year - self.year > STALE_YEARS:
            out.append(f"stale: {self.year}, more than {STALE_YEARS} years old")
        if self.household:
            out.append("household total, not per worker")
        if self.rural:
            out.append("rural benchmark: understates urban need")
        if self.low != self.high:
            out.append(f"published range {numbers.number(self.low)}-{numbers.number(self.high)}")
        if not self.verified:
            out.append("not verified in a source")
        return out


def to_monthly(amount: float, period: str) -> float:
    """Convert an amount for ``period`` (hour, day, month, year) to a month."""
    factor = {"hour": HOURS_PER_MONTH, "day": DAYS_PER_MONTH, "month": 1.0, "year": 1 / 12}
    if period not in factor:
        raise ScenarioError(f"unknown pay period {period!r}: use hour, day, month or year")
    return amount * factor[period]


@cache
def benchmark_table() -> tuple[BenchmarkRow, ...]:
    """Every row of the shipped benchmark table (the people feature's, read once)."""
    return tuple(
        BenchmarkRow(
            location=r.location,
            country_iso2=r.country_iso2,
            metric=r.metric,
            low=r.amount_low,
            high=r.amount_high,
            currency=r.currency,
            period=r.period,
            year=r.year,
            scope=r.scope,
            source=r.source,
            verified=r.verified,
            note=r.note,
        )
        for r in shipped_rows()
    )


@dataclass(frozen=True)
class Benchmark:
    """The monthly pay floor for a location, the row it came from and its caveats."""

    location: str
    metric: str
    monthly: float
    currency: str
    year: int | None
    source: str
    warnings: list[str]


def _for_year(rows: list[BenchmarkRow], year: int) -> BenchmarkRow | None:
    """The verified figure for ``year``, else the latest earlier, else the earliest later."""
    if not rows:
        return None
    return min(rows, key=lambda r: (not r.verified, year_rank(r.year, ref_year=year)))


def living_wage_benchmark(
    location: str,
    *,
    metric: str = "living_wage_family",
    pick: Pick = "mid",
    as_of_year: int,
) -> Benchmark:
    """The living-wage benchmark of a location: the verified per-worker figure for the year.

    Household totals are left out (they are not one worker's wage); when the living
    wage is below the newest minimum wage in the same currency, the minimum wage is
    the floor and the warnings say so.
    """
    rows = [r for r in benchmark_table() if r.location == location]
    if not rows:
        known = sorted({r.location for r in benchmark_table()})
        raise ScenarioError(f"no benchmark for location {location!r}; known: {', '.join(known)}")
    fallback = ["living_wage_family", "living_wage_single"]
    order = [metric] + [m for m in fallback if m != metric]
    chosen = None
    for m in order:
        chosen = _for_year([r for r in rows if r.metric == m and not r.household], as_of_year)
        if chosen is not None:
            break
    minimum = _for_year([r for r in rows if r.metric == "minimum_wage"], as_of_year)
    if chosen is None and minimum is None:
        raise ScenarioError(f"no per-worker living wage or minimum wage for {location!r}")
    if chosen is None:
        assert minimum is not None
        return _from_row(minimum, pick, as_of_year, ["no living wage: minimum wage used"])
    notes = [] if chosen.metric == metric else [f"no {metric}: {chosen.metric} used"]
    if (
        minimum is not None
        and minimum.currency == chosen.currency
        and minimum.monthly(pick) > chosen.monthly(pick)
    ):
        notes.append(
            f"living wage {chosen.monthly(pick):,.0f} {chosen.currency} ({chosen.year}) is below "
            f"the minimum wage: the minimum wage is the floor"
        )
        return _from_row(minimum, pick, as_of_year, notes)
    return _from_row(chosen, pick, as_of_year, notes)


def _from_row(row: BenchmarkRow, pick: Pick, as_of_year: int, notes: list[str]) -> Benchmark:
    return Benchmark(
        location=row.location,
        metric=row.metric,
        monthly=row.monthly(pick),
        currency=row.currency,
        year=row.year,
        source=row.source,
        warnings=notes + row.warnings(as_of_year=as_of_year),
    )
