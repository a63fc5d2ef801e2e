"""The wellbeing index of a site and month, stated as its parts against cited benchmarks.

Seven parts, each a figure of the site's month, each lower-is-better:

* ``sick_days_per_fte``: sick days / FTE (paid hours / 174), annualised (x 12);
* ``overtime_share``: overtime hours / paid hours;
* ``weeks_over_48h``: agent-months whose longest week is over 48 hours / agent-months
  that report it (``hours.hours_checks``);
* ``occupancy``: handle time / logged-in time (``occupancy.occupancy_summary``);
* ``shrinkage``: 1 - logged-in hours / paid hours (``occupancy.shrinkage``);
* ``grievances_per_100_agents``: worker-voice cases of the month / average headcount x
  100; a month with 1 to k-1 cases is suppressed (k-anonymity of the voice channel);
* ``new_hire_attrition``: early leavers (within 90 days) / hires, the three months to
  the month (``workforce.monthly_flows``).

Each part scores 1 when within its benchmark, else benchmark / value (a figure twice
the benchmark scores 0.5); a benchmark of 0 (any is over) scores 1 - value. The
index is 100 x the mean score of the parts that have a figure: 100 means every part
within its benchmark. Worsening is the index falling month on month, compared like for
like (over the parts both months have a figure for);
``WORSENING_MONTHS`` falls in a row raise a finding, major when the index fell
``MAJOR_FALL`` points or more over them, minor otherwise.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict

from fairshore.governance.model import Finding

PartName = Literal[
    "sick_days_per_fte",
    "overtime_share",
    "weeks_over_48h",
    "occupancy",
    "shrinkage",
    "grievances_per_100_agents",
    "new_hire_attrition",
]
PARTS: tuple[PartName, ...] = (
    "sick_days_per_fte",
    "overtime_share",
    "weeks_over_48h",
    "occupancy",
    "shrinkage",
    "grievances_per_100_agents",
    "new_hire_attrition",
)
WORSENING_MONTHS = 3
MAJOR_FALL = 10.0  # index points over the run: a steep fall is major, a drift minor


class WellbeingBenchmark(BaseModel):
    """A part's benchmark: the limit, its unit and where the figure comes from."""

    model_config = ConfigDict(frozen=True)

    part: PartName
    limit: float
    unit: str
    kind: str
    """``published``, ``standard``, ``rule of thumb`` or ``policy`` (no published figure)."""
    source: str
    year: int | None = None
    note: str = ""


class WellbeingPart(BaseModel):
    """One part of a site's month: its figure, benchmark and score (None: no figure)."""

    model_config = ConfigDict(frozen=True)

    part: PartName
    value: float | None
    benchmark: WellbeingBenchmark
    score: float | None
    within: bool | None
    detail: str = ""


class WellbeingMonth(BaseModel):
    """The index of one site and month, and its parts."""

    model_config = ConfigDict(frozen=True)

    site_id: str
    month: date
    index: float | None
    change: float | None
    """Index points against the site's previous month over the parts both months score
    (None for its first month)."""
    parts: list[WellbeingPart]


class WellbeingSite(BaseModel):
    """A site's months, oldest first, and whether the index is falling for long."""

    model_config = ConfigDict(frozen=True)

    site_id: str
    months: list[WellbeingMonth]
    falling_months: int
    """Consecutive month-on-month falls up to the last month."""


class Wellbeing(BaseModel):
    """The wellbeing index of every site of an engagement, with the benchmarks used."""

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    sites: list[WellbeingSite]
    benchmarks: list[WellbeingBenchmark]
    worsening_months: int = WORSENING_MONTHS


def shipped_benchmarks() -> dict[str, WellbeingBenchmark]:
    """The benchmarks shipped with Fairshore (``data/wellbeing-benchmarks.csv``)."""
    path = resources.files("fairshore.people").joinpath("data/wellbeing-benchmarks.csv")
    rows = csv.DictReader(io.StringIO(path.read_text("utf-8")))
    out = {}
    for r in rows:
        year = (r.get("year") or "").strip()
        out[r["part"]] = WellbeingBenchmark.model_validate(
            r | {"limit": float(r["limit"]), "year": int(year) if year else None}
        )
    return out


def score(value: float, limit: float) -> float:
    """1 within the benchmark, else benchmark / value (1 - value when the limit is 0).

    Examples
    --------
    >>> score(0.1, 0.2), score(0.4, 0.2), score(0.25, 0.0)
    (1.0, 0.5, 0.75)
    """
    if value <= limit:
        return 1.0
    return limit / value if limit > 0 else max(0.0, 1.0 - value)


def part(
    name: PartName, value: float | None, benchmarks: Mapping[str, WellbeingBenchmark], detail: str
) -> WellbeingPart:
    """A part judged against its benchmark (no figure: no score, no verdict)."""
    b = benchmarks[name]
    if value is None:
        return WellbeingPart(
            part=name, value=None, benchmark=b, score=None, within=None, detail=detail
        )
    return WellbeingPart(
        part=name,
        value=value,
        benchmark=b,
        score=score(value, b.limit),
        within=value <= b.limit,
        detail=detail,
    )


def index(parts: Sequence[WellbeingPart]) -> float | None:
    """100 x the mean score of the parts with a figure (None without any)."""
    scored = [p.score for p in parts if p.score is not None]
    return None if not scored else 100 * sum(scored) / len(scored)


def change(before: Sequence[WellbeingPart], after: Sequence[WellbeingPart]) -> float | None:
    """Index points from ``before`` to ``after`` over the parts scored in both (like for
    like: a part that gains or loses its figure does not move the trend)."""
    both = {p.part for p in before if p.score is not None} & {
        p.part for p in after if p.score is not None
    }
    old = index([p for p in before if p.part in both])
    new = index([p for p in after if p.part in both])
    return None if old is None or new is None else new - old


def site_months(site_id: str, months: Sequence[tuple[date, list[WellbeingPart]]]) -> WellbeingSite:
    """A site's months with their index, month-on-month change and run of falls."""
    out: list[WellbeingMonth] = []
    falls = 0
    for month, parts in sorted(months, key=lambda m: m[0]):
        moved = change(out[-1].parts, parts) if out else None
        falls = falls + 1 if moved is not None and moved < 0 else 0
        out.append(
            WellbeingMonth(
                site_id=site_id, month=month, index=index(parts), change=moved, parts=parts
            )
        )
    return WellbeingSite(site_id=site_id, months=out, falling_months=falls)


def worsening_findings(engagement_id: str, result: Wellbeing) -> list[Finding]:
    """A finding per site whose index fell ``worsening_months`` months in a row or more."""
    out = []
    for site in result.sites:
        if site.falling_months < result.worsening_months or not site.months:
            continue
        last = site.months[-1]
        first = site.months[-1 - site.falling_months]
        over = [p for p in last.parts if p.within is False]
        fall = -sum(m.change or 0 for m in site.months[-site.falling_months :])
        out.append(
            Finding(
                key=f"people:{engagement_id}:{site.site_id}:wellbeing",
                source="people",
                engagement_id=engagement_id,
                severity="major" if fall >= MAJOR_FALL else "minor",
                title=(
                    f"Wellbeing index at {site.site_id} fell {site.falling_months} months "
                    f"in a row, to {last.index or 0:.0f} in {last.month:%Y-%m}"
                ),
                detail=(
                    f"From {first.index or 0:.0f} in {first.month:%Y-%m}. Over benchmark in "
                    f"{last.month:%Y-%m}: "
                    + (", ".join(_over(p) for p in over) if over else "none")
                    + "."
                ),
                evidence={
                    "site_id": site.site_id,
                    "index": [
                        {"month": m.month.isoformat(), "index": m.index} for m in site.months
                    ],
                    "parts": [p.model_dump(mode="json") for p in last.parts],
                },
                period=f"{last.month:%Y-%m}",
                observed_on=last.month,
                value=last.index,
            )
        )
    return out


def _over(p: WellbeingPart) -> str:
    return (
        f"{p.part.replace('_', ' ')} {p.value or 0:.3g} (benchmark {p.benchmark.limit:g}, "
        f"{p.benchmark.source.split(':')[0]})"
    )
