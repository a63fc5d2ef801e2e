"""Use cases of the people feature: welfare report, benchmarks, clause providers, voice."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fairshore.adapters.db import people_repository as repo
from fairshore.adapters.db import voice_channels_repository as channels
from fairshore.adapters.lake import Lake
from fairshore.contracts.model import ClauseMeasurement, ClauseProvider
from fairshore.engagements import services as engagements
from fairshore.engagements.model import Engagement, Site
from fairshore.errors import InputError, NotFoundError
from fairshore.governance.model import Finding
from fairshore.metrics.periods import Period, month_of, period_between
from fairshore.people import benchmarks as bm
from fairshore.people import clauses, findings, hours, occupancy, pay, voice, workforce
from fairshore.people.model import (
    BenchmarkRow,
    Hours,
    LocationBenchmark,
    Occupancy,
    Pay,
    PeopleReport,
    RateTable,
    WelfareThresholds,
    Workforce,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace


def today_utc() -> date:
    return datetime.now(UTC).date()


# --------------------------------------------------------------------------- loading


@dataclass
class _Data:
    """One engagement's lake tables, opened for a computation."""

    engagement: Engagement
    lake: Lake
    spells: ir.Table
    agent_months: ir.Table
    interactions: ir.Table


@contextmanager
def _open(ws: Workspace, engagement_id: str) -> Iterator[_Data]:
    engagement = engagements.get_engagement(ws, engagement_id)
    lake = ws.lake_reader
    yield _Data(
        engagement=engagement,
        lake=lake,
        spells=workforce.roster_spells(lake.table("agents", engagement_id)),
        agent_months=lake.table("agent_months", engagement_id),
        interactions=lake.table("interactions", engagement_id),
    )


def _data_period(data: _Data) -> Period:
    am = data.agent_months
    span = am.aggregate(lo=am.month.min(), hi=am.month.max()).to_pyarrow().to_pylist()[0]
    if span["lo"] is None:
        s = data.spells
        span = s.aggregate(lo=s.hired_on.min(), hi=s.hired_on.max()).to_pyarrow().to_pylist()[0]
    if span["lo"] is None:
        raise InputError(
            f"no roster or agent months ingested for {data.engagement.id}: run "
            f"'fairshore ingest agents FILE --engagement {data.engagement.id}' first"
        )
    return period_between(month_of(span["lo"]).start, month_of(span["hi"]).last_day)


def _sites(ws: Workspace, engagement: Engagement) -> list[Site]:
    sites = engagements.list_sites(ws, engagement.vendor_id)
    if engagement.site_ids:
        sites = [s for s in sites if s.id in engagement.site_ids]
    return sites


# --------------------------------------------------------------------------- benchmarks


def benchmark_rows(ws: Workspace) -> list[BenchmarkRow]:
    """Shipped rows and the organisation's own rows (which take precedence)."""
    with ws.db.begin() as conn:
        stored = repo.list_benchmark_rows(conn, ws.organisation_id)
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=bm.CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in stored:
        writer.writerow(
            {**row, "verified": "yes" if row["verified"] else "no", "year": row["year"] or ""}
        )
    return [*bm.shipped_rows(), *bm.parse_rows(text.getvalue(), origin="user")]


def add_benchmarks(ws: Workspace, path: Path) -> list[BenchmarkRow]:
    """Store a user's benchmark CSV (same columns as the shipped table); all or nothing."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    rows = bm.parse_rows(text, origin="user")
    if not rows:
        raise InputError(f"{path} holds no benchmark rows")
    raw = list(csv.DictReader(io.StringIO(text)))
    stored = [
        {
            "location": r.location,
            "country_iso2": r.country_iso2,
            "metric": r.metric,
            "amount": raw[i]["amount"].strip(),
            "currency": r.currency,
            "period": r.period,
            "year": r.year,
            "scope": r.scope,
            "source": r.source,
            "verified": r.verified,
            "note": r.note,
        }
        for i, r in enumerate(rows)
    ]
    with ws.db.begin() as conn:
        repo.insert_benchmark_rows(conn, ws.organisation_id, stored, added_on=today_utc())
    return rows


def location_benchmark(
    ws: Workspace,
    location: str,
    *,
    ref_year: int,
    currency: str | None = None,
    rates: RateTable | None = None,
) -> LocationBenchmark:
    """The chosen living wage, minimum wage and floor of one location."""
    return bm.benchmark_for(
        benchmark_rows(ws), location, ref_year=ref_year, currency=currency, rates=rates
    )


def list_benchmarks(ws: Workspace, *, ref_year: int | None = None) -> list[LocationBenchmark]:
    """The default benchmark of every known location."""
    rows = benchmark_rows(ws)
    year = ref_year or today_utc().year
    names: dict[str, str] = {}
    for r in rows:
        names.setdefault(bm.location_key(r.location), r.location)
    return [bm.benchmark_for(rows, n, ref_year=year) for n in sorted(names.values())]


def load_rates(path: Path) -> RateTable:
    """A stated exchange-rate table from CSV (``from,to,rate,as_of,source``)."""
    try:
        return bm.parse_rates(path.read_text("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None


# --------------------------------------------------------------------------- welfare


def _workforce(data: _Data, period: Period, thresholds: WelfareThresholds) -> Workforce:
    months = _month_starts(period)
    overall = workforce.flow_months(
        workforce.monthly_flows(data.spells, months).to_pyarrow().to_pylist()
    )
    groups: dict[str, list[Any]] = {}
    for dim in ("site_id", "employment_type"):
        rows = workforce.monthly_flows(data.spells, months, by=dim).to_pyarrow().to_pylist()
        flows = workforce.flow_months(rows)
        names = sorted({f.group or "unknown" for f in flows})
        groups[dim] = [
            workforce.summarise([f for f in flows if f.group == n], group=n) for n in names
        ]
    tenure, median = workforce.tenure_buckets(data.spells, period.last_day)
    model = workforce.employment_model(data.spells, period.start, period.last_day)
    total = sum(e.agents for e in model)
    return Workforce(
        monthly=overall,
        overall=workforce.summarise(overall),
        by_site=groups["site_id"],
        by_employment_type=groups["employment_type"],
        tenure=tenure,
        median_tenure_days=median,
        employment_model=model,
        in_house_share=(
            sum(e.agents for e in model if e.employment_type == "employee") / total
            if total
            else None
        ),
        span=workforce.supervisor_span(data.spells, period.last_day, limit=thresholds.max_span),
    )


def _facts(data: _Data, period: Period) -> ir.Table:
    return workforce.agent_month_facts(data.agent_months, data.spells, _month_starts(period))


def _hours(facts: ir.Table, thresholds: WelfareThresholds) -> Hours:
    checked = hours.hours_checks(
        facts,
        regular_limit=thresholds.regular_week_hours,
        overtime_limit=thresholds.overtime_week_hours,
    )
    return hours.hours_summary(checked)


def _occupancy(
    data: _Data, facts: ir.Table, period: Period, thresholds: WelfareThresholds
) -> Occupancy:
    return occupancy.occupancy_summary(
        occupancy.handle_hours_by_month(data.interactions, _month_starts(period)),
        occupancy.logged_in_hours_by_month(facts),
        _month_starts(period),
        threshold=thresholds.burnout_occupancy,
        cap=thresholds.max_occupancy,
    )


def _pay(
    ws: Workspace,
    data: _Data,
    facts: ir.Table,
    period: Period,
    thresholds: WelfareThresholds,
    rates: RateTable | None,
) -> Pay:
    sites = _sites(ws, data.engagement)
    benchmarks = _benchmarks(ws, sites, year=period.last_day.year, rates=rates)
    paid = _paid(facts, sites, thresholds)
    agents = pay.agent_pay(paid, benchmarks).to_pyarrow().to_pylist()
    odd = pay.other_currency_rows(paid, benchmarks)
    return _site_pays(sites, agents, benchmarks, odd, rates)


def _benchmarks(
    ws: Workspace, sites: list[Site], *, year: int, rates: RateTable | None
) -> dict[str, LocationBenchmark]:
    rows = benchmark_rows(ws)
    return {
        s.id: bm.benchmark_for(rows, s.location, ref_year=year, currency=s.currency, rates=rates)
        for s in sites
    }


def _paid(facts: ir.Table, sites: list[Site], thresholds: WelfareThresholds) -> ir.Table:
    if len(sites) == 1:  # a single-site engagement: rows without a site are that site's
        facts = facts.mutate(site_id=facts.site_id.fill_null(sites[0].id))
    return pay.effective_pay(facts, part_time_below=thresholds.part_time_below_hours)


def _site_pays(
    sites: list[Site],
    agents: list[dict[str, Any]],
    benchmarks: dict[str, LocationBenchmark],
    odd: dict[str, int],
    rates: RateTable | None,
) -> Pay:
    site_rows = [
        pay.site_pay(
            agents,
            s.id,
            benchmarks[s.id],
            warnings=(
                [f"{odd[s.id]} agent-months paid in another currency: not compared"]
                if s.id in odd
                else []
            ),
        )
        for s in sites
    ]
    return Pay(sites=site_rows, rates=rates, standard_monthly_hours=bm.STANDARD_MONTHLY_HOURS)


def _gaps(facts: ir.Table, occ: Occupancy, sites: list[Site]) -> list[str]:
    gaps = []
    counts = (
        facts.aggregate(
            rows=facts.count(),
            off_roster=facts.days_employed.isnull().cast("int64").sum(),
            no_site=facts.site_id.isnull().cast("int64").sum(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    if counts["off_roster"]:
        gaps.append(f"{counts['off_roster']} agent-months of agents not on the roster")
    if counts["no_site"] and len(sites) != 1:
        gaps.append(f"{counts['no_site']} agent-months without a site: pay not compared")
    if not sites:
        gaps.append("the engagement has no sites: pay cannot be compared with a location")
    if not occ.monthly or occ.handle_hours == 0:
        gaps.append("no interactions with handle time: occupancy not measured")
    return gaps


def _missing_months(data: _Data, facts: ir.Table, period: Period) -> list[str]:
    """Roster agent-months with no agent-month row (the vendor did not report them)."""
    frame = workforce.month_frame(_month_starts(period))
    s = data.spells
    active = s.cross_join(frame).filter(
        (s.hired_on <= frame.month_end) & (s.left_on.isnull() | (s.left_on >= frame.month))
    )
    expected = active.select("agent_ref", "month").distinct()
    reported = facts.select(r_agent="agent_ref", r_month="month")
    missing = expected.anti_join(
        reported,
        [expected.agent_ref == reported.r_agent, expected.month == reported.r_month],
    )
    n = int(missing.count().to_pyarrow().as_py())
    return [f"{n} roster agent-months have no hours or pay reported"] if n else []


def people_report(
    ws: Workspace,
    engagement_id: str,
    *,
    period: Period | None = None,
    thresholds: WelfareThresholds | None = None,
    rates: RateTable | None = None,
) -> PeopleReport:
    """Agent welfare of one engagement over a period (default: all months reported).

    Parameters
    ----------
    ws
        The open workspace.
    engagement_id
        The engagement whose ``agents``, ``agent_months`` and ``interactions`` are read.
    period
        Whole months to report; default from the first to the last reported month.
    thresholds
        Standards by default (85 % occupancy, span 20, SA8000 hours); contract values
        (occupancy cap, attrition ceiling, training minimum, in-house floor) when given.
    rates
        Exchange rates for benchmarks published in another currency than the pay.
    """
    limits = thresholds or WelfareThresholds()
    with _open(ws, engagement_id) as data:
        chosen = period or _data_period(data)
        facts = _facts(data, chosen)
        staff = _workforce(data, chosen, limits)
        worked = _hours(facts, limits)
        occ = _occupancy(data, facts, chosen, limits)
        paid = _pay(ws, data, facts, chosen, limits, rates)
        sites = _sites(ws, data.engagement)
        gaps = _gaps(facts, occ, sites) + _missing_months(data, facts, chosen)
    found: list[Finding] = [
        *findings.pay_findings(engagement_id, paid, chosen),
        *findings.occupancy_findings(engagement_id, occ, limits),
        *findings.hours_findings(engagement_id, worked, chosen),
        *findings.workforce_findings(engagement_id, staff, worked, chosen, limits),
    ]
    return PeopleReport(
        engagement_id=engagement_id,
        period=chosen,
        thresholds=limits,
        workforce=staff,
        hours=worked,
        occupancy=occ,
        pay=paid,
        data_gaps=gaps,
        findings=found,
    )


def people_findings(
    ws: Workspace, engagement_id: str, *, period: Period | None = None, **options: Any
) -> list[Finding]:
    """Only the findings of :func:`people_report` (for the governance register)."""
    return people_report(ws, engagement_id, period=period, **options).findings


def people_reports(
    ws: Workspace,
    *,
    engagement_ids: list[str] | None = None,
    period: Period | None = None,
) -> dict[str, PeopleReport]:
    """Reports of several engagements (default: every engagement with roster data)."""
    ids = engagement_ids or [e.id for e in engagements.list_engagements(ws)]
    lake = ws.lake_reader
    with_data = [e for e in ids if lake.files("agents", e) or lake.files("agent_months", e)]
    return {e: people_report(ws, e, period=period) for e in with_data}


# --------------------------------------------------------------------------- clause providers


def _clause_period(start: date, end: date) -> Period:
    return period_between(start, end)


def _month_starts(period: Period) -> list[date]:
    return [m.start for m in period.months()]


def measure_training_hours(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``min_training_hours``: mean training hours per active agent per month."""
    with _open(ws, engagement_id) as data:
        result = _hours(_facts(data, _clause_period(start, end)), WelfareThresholds())
    return clauses.training(result.training_hours_mean, result.training_sample)


def measure_occupancy(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``max_occupancy``: handle time / logged-in time over the period."""
    period = _clause_period(start, end)
    with _open(ws, engagement_id) as data:
        occ = _occupancy(data, _facts(data, period), period, WelfareThresholds())
    return clauses.occupancy(occ)


def measure_living_wage(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``living_wage_floor``: lowest agent's mean effective monthly pay / benchmark."""
    period = _clause_period(start, end)
    with _open(ws, engagement_id) as data:
        result = _pay(ws, data, _facts(data, period), period, WelfareThresholds(), None)
    return clauses.living_wage(result)


def measure_attrition(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``max_attrition``: annualised simple attrition (12 x mean monthly rate)."""
    period = _clause_period(start, end)
    with _open(ws, engagement_id) as data:
        flows = workforce.flow_months(
            workforce.monthly_flows(data.spells, _month_starts(period)).to_pyarrow().to_pylist()
        )
    return clauses.attrition(workforce.summarise(flows))


def measure_in_house_share(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``min_in_house_share``: share of agents in post in the period who are employees."""
    with _open(ws, engagement_id) as data:
        model = workforce.employment_model(data.spells, start, end)
    return clauses.in_house_share(model)


CLAUSE_PROVIDERS: dict[str, ClauseProvider] = {
    "min_training_hours": measure_training_hours,
    "max_occupancy": measure_occupancy,
    "living_wage_floor": measure_living_wage,
    "max_attrition": measure_attrition,
    "min_in_house_share": measure_in_house_share,
}

# --------------------------------------------------------------------------- voice


def submit_grievance(
    ws: Workspace,
    engagement_id: str,
    *,
    category: str,
    body: str,
    site_id: str | None = None,
    today: date | None = None,
) -> tuple[voice.Grievance, str]:
    """Record an anonymous grievance; return the case and the receipt code (shown once)."""
    engagement = engagements.get_engagement(ws, engagement_id)
    if category not in voice.CATEGORIES:
        raise InputError(f"unknown category {category!r}: use {', '.join(voice.CATEGORIES)}")
    if site_id is not None and site_id not in {s.id for s in _sites(ws, engagement)}:
        raise NotFoundError(f"site {site_id!r} is not a site of engagement {engagement_id}")
    if not body.strip():
        raise InputError("write what happened (the text is empty)")
    if len(body) > 5000:
        raise InputError("the text is longer than 5000 characters")
    # Names, phones, e-mails ... of the worker or the people they name are replaced
    # before anything is written: the typed text is never stored. (Imported here:
    # Presidio takes seconds to import, and most uses of this module never redact.)
    from fairshore.privacy.redaction import redact_personal_data

    case = voice.open_grievance(
        engagement_id=engagement_id,
        category=category,
        body=redact_personal_data(body).text,
        site_id=site_id,
        today=today or today_utc(),
    )
    code = voice.new_receipt()
    with ws.db.begin() as conn:
        repo.insert_grievance(
            conn, ws.organisation_id, case, receipt_digest=voice.receipt_digest(code)
        )
    return case, code


def grievance_by_receipt(ws: Workspace, code: str) -> voice.Grievance:
    """The reporter's view of a case, found by receipt code."""
    with ws.db.begin() as conn:
        case = repo.find_by_receipt(conn, voice.receipt_digest(code))
    if case is None:
        raise NotFoundError("no case has this receipt code: check it letter by letter")
    return case


def get_grievance(ws: Workspace, case_id: str) -> voice.Grievance:
    with ws.db.begin() as conn:
        case = repo.get_grievance(conn, ws.organisation_id, case_id)
    if case is None:
        raise NotFoundError(f"unknown case {case_id!r} (see 'fairshore voice list')")
    return case


def list_grievances(ws: Workspace, engagement_id: str | None = None) -> list[voice.Grievance]:
    with ws.db.begin() as conn:
        return repo.list_grievances(conn, ws.organisation_id, engagement_id)


def update_grievance(
    ws: Workspace,
    case_id: str,
    *,
    status: str | None = None,
    reply: str | None = None,
    author: str = "vendor",
    today: date | None = None,
) -> voice.Grievance:
    """Move a case to its next status and/or add a reply the reporter can read."""
    day = today or today_utc()
    case = get_grievance(ws, case_id)
    if status is not None:
        if status not in voice.STATUSES:
            raise InputError(f"unknown status {status!r}: use {', '.join(voice.STATUSES)}")
        case = voice.advance(case, status, today=day)
    if author not in ("vendor", "client"):
        raise InputError("a reply is written by the vendor or the client")
    with ws.db.begin() as conn:
        repo.update_grievance(conn, case)
        if reply:
            note = voice.Reply(author=author, body=reply.strip(), written_on=day)
            repo.add_reply(conn, case.id, note, reply_id=voice.new_case_id())
    return get_grievance(ws, case_id)


def escalate_overdue(
    ws: Workspace, engagement_id: str | None = None, *, today: date | None = None
) -> list[Finding]:
    """Findings for cases past their deadlines; marks unacknowledged ones escalated."""
    day = today or today_utc()
    out: list[Finding] = []
    with ws.db.begin() as conn:
        for case in repo.list_grievances(conn, ws.organisation_id, engagement_id):
            found = voice.overdue_findings(case, today=day)
            if any(f.key.endswith(":unacknowledged") for f in found) and case.escalated_on is None:
                repo.update_grievance(conn, case.model_copy(update={"escalated_on": day}))
            out.extend(found)
    return out


def grievance_aggregates(
    ws: Workspace, engagement_id: str | None = None, *, k: int = voice.K_ANONYMITY
) -> list[voice.VoiceAggregate]:
    """Counts by category, status, site and month; groups under ``k`` suppressed."""
    cases = list_grievances(ws, engagement_id)
    return [voice.aggregate(cases, by=by, k=k) for by in ("category", "status", "site", "month")]


def site_visible(cases: list[voice.Grievance], *, k: int = voice.K_ANONYMITY) -> set[str]:
    """Sites with at least ``k`` cases: only those may be shown beside a case."""
    counts: dict[str, int] = {}
    for c in cases:
        if c.site_id:
            counts[c.site_id] = counts.get(c.site_id, 0) + 1
    return {s for s, n in counts.items() if n >= k}


# ------------------------------------------------------------------ voice channels


def open_voice_channel(
    ws: Workspace, engagement_id: str, *, today: date | None = None
) -> voice.VoiceChannel:
    """Opt an engagement in to the public worker-voice form; return its (public) code.

    An engagement has at most one open channel: opening again returns it.
    """
    engagements.get_engagement(ws, engagement_id)
    with ws.db.begin() as conn:
        found = channels.open_channel(conn, ws.organisation_id, engagement_id)
        if found is not None:
            return found
        channel = voice.VoiceChannel(
            code=voice.new_channel_code(),
            organisation_id=ws.organisation_id,
            engagement_id=engagement_id,
            opened_on=today or today_utc(),
        )
        channels.insert_channel(conn, channel)
    return channel


def close_voice_channel(
    ws: Workspace, engagement_id: str, *, today: date | None = None
) -> voice.VoiceChannel:
    """Stop taking new reports for an engagement (existing cases and receipts stay)."""
    with ws.db.begin() as conn:
        found = channels.open_channel(conn, ws.organisation_id, engagement_id)
        if found is None:
            raise NotFoundError(f"engagement {engagement_id!r} has no open worker-voice channel")
        day = today or today_utc()
        channels.close_channel(conn, found.code, day)
    return found.model_copy(update={"closed_on": day})


def list_voice_channels(ws: Workspace) -> list[voice.VoiceChannel]:
    """The organisation's worker-voice channels, open and closed."""
    with ws.db.begin() as conn:
        return channels.list_channels(conn, ws.organisation_id)


def voice_channel(ws: Workspace, code: str) -> voice.VoiceChannel:
    """The open channel with this public code, in whatever organisation it belongs to."""
    with ws.db.begin() as conn:
        found = channels.channel_by_code(conn, voice.normalise_channel_code(code))
    if found is None or found.closed_on is not None:
        raise NotFoundError("no open worker-voice channel has this code: check the poster")
    return found
