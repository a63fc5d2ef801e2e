"""The roster spells behind a workforce figure, row by row, with the batch each came from.

The welfare report's attrition, tenure and in-house share are counted from roster
spells (one roster row per employment, :func:`fairshore.people.workforce.roster_spells`),
not agent-months. July's attrition of 4.0 % lists the spells in post at some time in
July, the leavers flagged; the twelve months' attrition the spells of those months;
the median tenure the spells in post at the period's end with their days in post; the
in-house share each agent in post in the period under its latest spell, the employees
flagged. The rows are selected by the workforce module's own rules (``in_post_during``,
``in_post_on``, ``latest_spells``) and the figure is its own formula run on them, so the
rows listed are the rows counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import ibis
from pydantic import BaseModel, ConfigDict

from fairshore.errors import InputError
from fairshore.interactions.services import list_batches
from fairshore.metrics.periods import Period, parse_period
from fairshore.people import workforce
from fairshore.people.model import month_end
from fairshore.people.sources import month_starts, open_people

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace

ROSTER_MEASURES = frozenset({"attrition", "trailing_attrition", "tenure", "in_house_share"})
_COLUMNS = ["agent_ref", "hired_on", "left_on", "site_id", "employment_type", "exit_reason"]


class EvidenceSpell(BaseModel):
    """One roster spell a figure counted, and the batches it came from."""

    model_config = ConfigDict(frozen=True)

    agent_ref: str
    hired_on: date
    left_on: date | None
    site_id: str | None
    employment_type: str | None
    exit_reason: str | None
    tenure_days: int | None
    tenure_bucket: str | None
    flagged: bool | None
    batch_ids: list[str]
    files: list[str]


class SpellSample(BaseModel):
    """A page of the roster spells behind a workforce figure, with the figure they make."""

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    measure: str
    period: str  # the months (or the day) the figure covers
    site: str | None
    population: str
    total: int
    flagged: int | None
    figure: float | None
    average_headcount: float | None  # the twelve months' (trailing attrition)
    headcount: tuple[int, int] | None  # the month's at its start and end (attrition)
    rows: list[EvidenceSpell]
    offset: int


@dataclass(frozen=True)
class _Rows:
    table: ir.Table  # the spells counted, with _flag and _tenure
    label: str
    words: str


def spells_behind(
    ws: Workspace,
    *,
    engagement_id: str,
    measure: str,
    period: str,
    site: str | None = None,
    limit: int = 25,
    offset: int = 0,
) -> SpellSample:
    """The roster spells of ``engagement_id`` that ``measure`` counted for ``period``,
    ``limit`` of them from ``offset`` (by agent and hire), and the figure all of them
    make as the welfare report computes it (:func:`people_report` with that period):

    * ``attrition``: a month's leavers over its average headcount;
    * ``trailing_attrition``: the twelve months to the period's last month (SHRM);
    * ``tenure``: the median days in post of the agents in post at the period's end;
    * ``in_house_share``: the share of agents in post in the period who are employees.

    Raises
    ------
    InputError
        When ``measure`` has no roster evidence, or the period cannot be read.
    """
    if measure not in ROSTER_MEASURES:
        raise InputError(
            f"no roster evidence for {measure!r}: use one of {', '.join(sorted(ROSTER_MEASURES))}"
        )
    chosen = parse_period(period)
    if measure == "attrition" and chosen.kind != "month":
        raise InputError(
            f"attrition is shown per month: use YYYY-MM, or trailing_attrition for {period!r}"
        )
    with open_people(ws, engagement_id) as data:
        spells = data.spells
        if site:
            spells = spells.filter(spells.site_id == site)
        found = _rows(spells, measure, chosen)
        t = found.table
        figure = _figure(spells, measure, chosen)
        summary = t.aggregate(n=t.count(), flagged=t._flag.fill_null(False).cast("int64").sum())
        counts = summary.to_pyarrow().to_pylist()[0]
        page = (
            t.order_by([t.agent_ref, t.hired_on])
            .select(*_COLUMNS, "_flag", "_tenure", "_bucket")
            .limit(limit, offset=offset)
            .to_pyarrow()
            .to_pylist()
        )
        batches = _batches(data.lake.table("agents", engagement_id), page)
    files = {b.batch_id: b.files for b in list_batches(ws, engagement_id=engagement_id)}
    return SpellSample(
        engagement_id=engagement_id,
        measure=measure,
        period=found.label,
        site=site,
        population=found.words,
        total=int(counts["n"] or 0),
        flagged=None if measure == "tenure" else int(counts["flagged"] or 0),
        figure=figure.value,
        average_headcount=figure.average_headcount,
        headcount=figure.headcount,
        rows=[_row(r, batches, files) for r in page],
        offset=offset,
    )


def _window(measure: str, period: Period) -> list[date]:
    """The months whose flows make the figure."""
    if measure == "trailing_attrition":
        return workforce.trailing_months(period.months()[-1].start)
    return month_starts(period)


def _rows(spells: ir.Table, measure: str, period: Period) -> _Rows:
    none = {"_tenure": ibis.null("int64"), "_bucket": ibis.null("string")}
    if measure == "tenure":
        day = period.last_day
        here = workforce.in_post_on(spells, day)
        tenure = workforce.tenure_days(here, day)
        t = here.mutate(
            _flag=ibis.null("boolean"), _tenure=tenure, _bucket=workforce.tenure_bucket(tenure)
        )
        return _Rows(t, day.isoformat(), f"agents in post at the end of {day}, days in post")
    if measure == "in_house_share":
        latest = workforce.latest_spells(spells, period.start, period.last_day)
        t = latest.mutate(
            _flag=(latest.employment_type == workforce.IN_HOUSE).fill_null(False), **none
        )
        words = "agents in post in the period, each under its latest spell; flagged: employees"
        return _Rows(t, period.label, words)
    months = _window(measure, period)
    first, last = months[0], month_end(months[-1])
    active = workforce.in_post_during(spells, first, last)
    left = active.left_on.notnull() & (active.left_on >= first) & (active.left_on <= last)
    t = active.mutate(_flag=left, **none)
    label = f"{first:%Y-%m}..{months[-1]:%Y-%m}" if len(months) > 1 else f"{first:%Y-%m}"
    words = "roster spells in post at some time in the months; flagged: leavers"
    return _Rows(t, label, words)


@dataclass(frozen=True)
class _Figure:
    value: float | None = None
    average_headcount: float | None = None  # the twelve months'
    headcount: tuple[int, int] | None = None  # a month's, at its start and end


def _figure(spells: ir.Table, measure: str, period: Period) -> _Figure:
    """The figure (and for attrition the headcount), by the workforce formulas."""
    if measure == "tenure":
        return _Figure(workforce.tenure_buckets(spells, period.last_day)[1])
    if measure == "in_house_share":
        model = workforce.employment_model(spells, period.start, period.last_day)
        return _Figure(workforce.in_house_share(model))
    months = _window(measure, period)
    rows = workforce.monthly_flows(spells, months).to_pyarrow().to_pylist()
    flows = workforce.flow_months(rows)
    if measure == "trailing_attrition":
        ttm = workforce.trailing_attrition(flows, months[-1])
        return _Figure(ttm.rate, average_headcount=ttm.average_headcount)
    if not flows:  # nobody on the roster
        return _Figure()
    [month] = flows
    return _Figure(month.attrition, headcount=(month.headcount_start, month.headcount_end))


def _batches(agents: ir.Table, page: list[dict[str, Any]]) -> dict[tuple[str, Any], list[str]]:
    """The batches that delivered each listed spell (re-deliveries are merged)."""
    if not page:
        return {}
    a = agents.filter(agents.agent_ref.isin(sorted({r["agent_ref"] for r in page})))
    rows = a.select("agent_ref", "hired_on", "batch_id").distinct().to_pyarrow().to_pylist()
    found: dict[tuple[str, Any], list[str]] = {}
    for r in sorted(rows, key=lambda r: str(r["batch_id"])):
        if r["batch_id"]:
            found.setdefault((r["agent_ref"], r["hired_on"]), []).append(str(r["batch_id"]))
    return found


def _row(
    r: dict[str, Any], batches: dict[tuple[str, Any], list[str]], files: dict[str, list[str]]
) -> EvidenceSpell:
    ids = batches.get((r["agent_ref"], r["hired_on"]), [])
    return EvidenceSpell(
        **{c: r[c] for c in _COLUMNS},
        tenure_days=r["_tenure"],
        tenure_bucket=r["_bucket"],
        flagged=r["_flag"],
        batch_ids=ids,
        files=sorted({f for b in ids for f in files.get(b, [])}),
    )
