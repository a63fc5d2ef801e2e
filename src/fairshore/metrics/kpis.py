"""The whole KPI set as one Ibis expression: one query, grouped any way.

``kpi_expression`` turns the canonical ``interactions`` table into one row per
group carrying every metric of ``KPI_DEFINITIONS``. Counts and sums are gathered
in a single aggregation; the share of intervals meeting the service-level target
is a second aggregation over the same rows joined on the group keys, so the engine
runs it all as one statement.

The per-contact outcomes (answered, abandoned, wait, service level per ICMI variant,
FCR per method, CSAT top-2, handle time) are defined once in ``metrics.outcomes``;
this module aggregates them. Flags a source may not report (escalated, transferred,
reopened_count, first_contact_resolved) are rated over the contacts that carry
them, so a source that never reports a flag yields no rate rather than zero.

Live channels (voice, chat, messaging) and deferred ones (e-mail, tickets) are never
averaged into one service level or ASA: a group holding live contacts gets both from
its live contacts only (an e-mail answered in two hours is not a call answered late);
a group of deferred contacts alone keeps its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import ibis

from fairshore.adapters.lake.functions import epoch_us
from fairshore.errors import InputError
from fairshore.metrics import outcomes as oc
from fairshore.metrics.calendars import with_business_clock
from fairshore.metrics.model import DIMENSIONS, KPI_NAMES, KpiOptions, PeriodName
from fairshore.metrics.periods import as_utc, period_start

if TYPE_CHECKING:
    import ibis.expr.types as ir

PERIOD_COLUMN = "period_start"


def _count(condition: ir.BooleanValue) -> ir.IntegerValue:
    """Rows where ``condition`` holds (null counts as false), as an aggregate.

    A sum of 0/1 runs in the engine's plain aggregate loop; ``count(where=...)``
    compiles to one ``FILTER`` clause per count, which DuckDB evaluates as a
    separate selection pass each (about twice the cost for the KPI set's 25 counts).
    """
    result: ir.IntegerValue = condition.sum().fill_null(0)
    return result


def _ratio(num: ir.NumericValue, den: ir.NumericValue) -> ir.FloatingValue:
    return num.cast("float64") / den.cast("float64").nullif(0.0)


def group_columns(table: ir.Table, by: Sequence[str]) -> list[str]:
    """Column names for dimension names (``channel``, ``vendor``, ``seg_tier`` ...)."""
    out = []
    for name in by:
        column = DIMENSIONS.get(name, name if name.startswith("seg_") else None)
        if column is None:
            raise InputError(
                f"cannot group by {name!r}: use {', '.join(DIMENSIONS)}, a seg_* column or a period"
            )
        if column != "vendor_id" and column not in table.columns:
            raise InputError(f"cannot group by {name!r}: the data has no column {column!r}")
        out.append(column)
    return out


# The canonical columns the KPI set reads (group keys come on top).
_MEASURED = ("engagement_id", "channel", "arrived_at", "answered_at", "abandoned_at",
             "handle_seconds", "resolved_at", "reopened_count", "escalated", "transferred",
             "first_contact_resolved", "csat", "nps")  # fmt: skip


def _scope(
    t: ir.Table, where: Mapping[str, Sequence[str]], vendors: Mapping[str, str] | None
) -> ir.Table:
    """Keep contacts whose dimension takes one of the values (vendor via its engagements)."""
    for name, values in where.items():
        if name == "vendor":
            if vendors is None:
                raise InputError("scoping by vendor needs the engagement -> vendor map")
            wanted = set(values)
            engagements = sorted(e for e, v in vendors.items() if v in wanted)
            t = t.filter(t.engagement_id.isin(engagements))
            continue
        column = group_columns(t, [name])[0]
        t = t.filter(t[column].isin(list(values)))
    return t


def _prepare(
    table: ir.Table,
    *,
    options: KpiOptions,
    keys: Sequence[str],
    period: PeriodName | None,
    start: datetime | None,
    end: datetime | None,
    vendors: Mapping[str, str] | None,
    calendar: ir.Table | None,
    where: Mapping[str, Sequence[str]] | None,
) -> ir.Table:
    """Filter to [start, end) and the scope, derive outcome, wait, duration and period
    columns, and keep only the columns the KPI set reads (a narrow relation also
    keeps Ibis' compilation short)."""
    t = table
    extra: list[str] = []
    if options.fcr_method == "repeat_contact":
        # A repeat may come on any channel and after the range ends: look before filtering.
        by = [t.engagement_id, t.customer_ref] + ([t.reason] if options.repeat_same_reason else [])
        window = ibis.window(group_by=by, order_by=[t.arrived_at, t.interaction_id])
        t = t.mutate(_next_arrival=t.arrived_at.lead().over(window))
        extra = ["customer_ref", "_next_arrival"]
    t = _scope(t, where or {}, vendors)
    if start is not None:
        t = t.filter(t.arrived_at >= start)
    if end is not None:
        t = t.filter(t.arrived_at < end)
    derived: dict[str, Any] = {
        "_ans": oc.answered(t),
        "_abd": oc.abandoned(t),
        "_live": oc.live(t),
        "_wait_ans": oc.answer_wait_s(t),
        "_wait_abd": oc.abandon_wait_s(t),
        "_wait": oc.wait_s(t),
        "_resolution": oc.resolution_s(t),
        # Intervals aligned on the hour (UTC) are whole multiples of their length since
        # the epoch; an integer number is the cheapest key to group them by.
        "_interval": epoch_us(t.arrived_at) // (options.interval_minutes * 60_000_000),
    }
    if period is not None:
        derived[PERIOD_COLUMN] = period_start(t.arrived_at, period)
    if vendors is not None and "vendor_id" in keys:
        derived["vendor_id"] = t.engagement_id.substitute(dict(vendors), else_=None)
    kept = dict.fromkeys([*_MEASURED, *extra, *(k for k in keys if k in t.columns)])
    t = t.select(*kept, **derived)
    if calendar is None:
        return t
    t = with_business_clock(t, calendar, column="arrived_at", name="_bc_arrived")
    t = with_business_clock(t, calendar, column="answered_at", name="_bc_answered")
    t = with_business_clock(t, calendar, column="resolved_at", name="_bc_resolved")
    return t.mutate(
        _frt_business=_non_negative(t._bc_answered - t._bc_arrived),
        _res_business=_non_negative(t._bc_resolved - t._bc_arrived),
    )


def _non_negative(x: ir.FloatingValue) -> ir.FloatingValue:
    # Not greatest(x, 0): engines differ on nulls (DuckDB's greatest skips them, which
    # would turn "never answered" into 0 s and drag the mean down).
    result: ir.FloatingValue = ibis.ifelse(x < 0, 0.0, x)
    return result


@dataclass(frozen=True)
class _SlPlan:
    """The distinct per-contact counts behind every ICMI variant, and each variant's
    (eligible, success) count names: variants sharing a condition share its count."""

    counts: dict[str, ir.BooleanValue]
    variants: dict[int, tuple[str, str]]


def _sl_plan(t: ir.Table, options: KpiOptions) -> _SlPlan:
    names: dict[Any, str] = {}
    counts: dict[str, ir.BooleanValue] = {}

    def name_of(condition: ir.BooleanValue, name: str) -> str:
        # Ibis operations compare by structure: the same condition is counted once.
        key = condition.op()
        if key not in names:
            names[key], counts[name] = name, condition
        return names[key]

    short = options.short_abandon_s
    name_of(oc.answered(t), "_a")
    name_of(oc.abandoned(t), "_ab")
    name_of(oc.abandoned_within(t, short), "_ab_s")
    variants: dict[int, tuple[str, str]] = {}
    for v in oc.SL_VARIANTS:
        rate = oc.service_level(
            t, variant=v, threshold_s=options.sl_threshold_s, short_abandon_s=short
        )
        variants[v] = (name_of(rate.eligible, f"_sl{v}_n"), name_of(rate.success, f"_sl{v}_met"))
    return _SlPlan(counts, variants)


def _sl_counts(
    plan: _SlPlan, *, only: ir.BooleanValue | None = None, prefix: str = ""
) -> dict[str, Any]:
    return {
        f"{prefix}{name}": _count(c if only is None else c & only)
        for name, c in plan.counts.items()
    }


def _sl_variants(t: ir.Table, plan: _SlPlan, *, prefix: str = "") -> dict[str, Any]:
    return {
        f"sl_v{v}": _ratio(t[f"{prefix}{met}"], t[f"{prefix}{n}"])
        for v, (n, met) in plan.variants.items()
    }


def _rate_counts(rate: oc.Rate, eligible: str, success: str) -> dict[str, Any]:
    return {eligible: _count(rate.eligible), success: _count(rate.success)}


def _aggregates(t: ir.Table, options: KpiOptions, plan: _SlPlan) -> dict[str, Any]:
    ans = t._ans
    aggs = _sl_counts(plan) | _sl_counts(plan, only=t._live, prefix="_live")
    aggs |= _rate_counts(oc.fcr(t, method="source"), "_fcr_src_n", "_fcr_src_yes")
    aggs |= _rate_counts(oc.fcr(t, method="no_reopen"), "_reo_known", "_fcr_noreopen")
    aggs |= _rate_counts(oc.csat_top2(t), "csat_responses", "_csat_top2")
    aggs |= {
        "_live_n": _count(t._live),
        "_live_wait_ans_sum": ibis.ifelse(t._live, t._wait_ans, None).sum(),
        "offered": t.arrived_at.count(),
        "handled": _count(oc.handled(t)),
        "resolved": _count(t.resolved_at.notnull()),
        "_wait_ans_sum": t._wait_ans.sum(),  # null unless answered
        "_wait_sum": t._wait.sum(),
        "_wait_n": t._wait.count(),
        # One sorted state per measure serves all its percentiles (exact, interpolated).
        "_wait_q": t._wait.quantile([0.5, 0.9]),
        "_wait_abd_sum": t._wait_abd.sum(),
        "_handle_sum": oc.handle_s(t).sum(),
        "_frt_q": t._wait_ans.quantile([0.5, 0.9]),
        "resolution_s": t._resolution.mean(),
        "_res_q": t._resolution.quantile([0.5, 0.9]),
        "_resolved_known": _count(t.resolved_at.notnull() & t.reopened_count.notnull()),
        "_reopened": _count(t.resolved_at.notnull() & (t.reopened_count > 0)),
        "_esc_n": _count(ans & t.escalated.notnull()),
        "_esc_yes": _count(ans & t.escalated),
        "_trf_n": _count(ans & t.transferred.notnull()),
        "_trf_yes": _count(ans & t.transferred),
        "nps_responses": t.nps.count(),
        "_promoters": _count(t.nps >= 9),
        "_detractors": _count(t.nps <= 6),
    }
    if "_frt_business" in t.columns:
        aggs["first_response_business_s"] = t._frt_business.mean()
        aggs["first_response_business_p90_s"] = t._frt_business.quantile(0.9)
        aggs["resolution_business_s"] = t._res_business.mean()
        aggs["_res_business_q"] = t._res_business.quantile([0.5, 0.9])
    if options.fcr_method == "repeat_contact":
        rate = oc.fcr(
            t,
            method="repeat_contact",
            next_arrival=t._next_arrival,
            repeat_window_days=options.repeat_window_days,
        )
        aggs |= _rate_counts(rate, "_rep_n", "_rep_fcr")
    return aggs


def _finish(t: ir.Table, options: KpiOptions, plan: _SlPlan) -> dict[str, Any]:
    """Ratios from the gathered sums (division by zero gives null, not 0)."""
    # Live and deferred contacts are never averaged into one service level or ASA.
    has_live = t._live_n > 0
    variants = {
        name: ibis.ifelse(has_live, live, every)
        for (name, every), live in zip(
            _sl_variants(t, plan).items(),
            _sl_variants(t, plan, prefix="_live").values(),
            strict=True,
        )
    }
    asa = ibis.ifelse(
        has_live, _ratio(t._live_wait_ans_sum, t._live_a), _ratio(t._wait_ans_sum, t._a)
    )
    methods = {
        "source": _ratio(t._fcr_src_yes, t._fcr_src_n),
        "no_reopen": _ratio(t._fcr_noreopen, t._reo_known),
        "repeat_contact": (
            _ratio(t._rep_fcr, t._rep_n) if "_rep_n" in t.columns else ibis.null("float64")
        ),
    }
    return {
        "answered": t._a,
        "abandoned": t._ab,
        "short_abandons": t._ab_s,
        "service_level": variants[f"sl_v{options.sl_variant}"],
        **variants,
        "asa_s": asa,
        "mean_wait_s": _ratio(t._wait_sum, t._wait_n),
        "wait_median_s": t._wait_q[0],
        "wait_p90_s": t._wait_q[1],
        "abandon_rate": _ratio(t._ab, t._a + t._ab),
        # Short-abandon adjusted rate: (Ab - Ab_short) / (offered - Ab_short) [kpi-definitions]
        "abandon_rate_short_adjusted": _ratio(t._ab - t._ab_s, t._a + t._ab - t._ab_s),
        "mean_time_to_abandon_s": _ratio(t._wait_abd_sum, t._ab),
        # AHT = (talk + hold + after-contact work) / handled contacts [kpi-definitions]
        "aht_s": _ratio(t._handle_sum, t.handled),
        "first_response_s": _ratio(t._wait_ans_sum, t._a),
        "first_response_median_s": t._frt_q[0],
        "first_response_p90_s": t._frt_q[1],
        "first_response_business_s": (
            t.first_response_business_s
            if "first_response_business_s" in t.columns
            else _ratio(t._wait_ans_sum, t._a)  # always open: business time = calendar time
        ),
        "first_response_business_p90_s": (
            t.first_response_business_p90_s
            if "first_response_business_p90_s" in t.columns
            else t._frt_q[1]
        ),
        "resolution_median_s": t._res_q[0],
        "resolution_p90_s": t._res_q[1],
        # Always open (no calendar): business time = calendar time.
        **(
            {
                "resolution_business_median_s": t._res_business_q[0],
                "resolution_business_p90_s": t._res_business_q[1],
            }
            if "_res_business_q" in t.columns
            else {
                "resolution_business_s": t.resolution_s,
                "resolution_business_median_s": t._res_q[0],
                "resolution_business_p90_s": t._res_q[1],
            }
        ),
        "fcr_rate": methods[options.fcr_method],
        "fcr_source_rate": methods["source"],
        "fcr_no_reopen_rate": methods["no_reopen"],
        "fcr_repeat_rate": methods["repeat_contact"],
        "reopen_rate": _ratio(t._reopened, t._resolved_known),
        "escalation_rate": _ratio(t._esc_yes, t._esc_n),
        "transfer_rate": _ratio(t._trf_yes, t._trf_n),
        "csat_top2": _ratio(t._csat_top2, t.csat_responses),
        "csat_response_rate": _ratio(t.csat_responses, t._a),
        # NPS = % promoters (9-10) - % detractors (0-6) [kpi-definitions]
        "nps": 100 * _ratio(t._promoters - t._detractors, t.nps_responses),
        "nps_response_rate": _ratio(t.nps_responses, t._a),
    }


def _interval_share(t: ir.Table, keys: list[str], options: KpiOptions) -> ir.Table:
    """Per group: channel-intervals with contacts, and the share meeting the SL target.

    An interval is judged per channel, and a group holding live contacts counts its
    live channels' intervals only (as its service level does): a late e-mail never
    drags a voice interval below target, nor does one answered call lift an e-mail one.
    """
    # Contacts without an outcome (open tickets) make no interval count.
    t = t.filter(t._ans | t._abd)
    plan = _sl_plan(t, options)
    per_interval = t.group_by(
        list(dict.fromkeys([*keys, "_interval", "channel", "_live"]))
    ).aggregate(**_sl_counts(plan))
    variant = _sl_variants(per_interval, plan)[f"sl_v{options.sl_variant}"]
    per_interval = per_interval.mutate(_sl=variant).filter(lambda x: x._a + x._ab > 0)
    met, live = per_interval._sl >= options.sl_target, per_interval._live
    counts = {
        "_n_all": per_interval.count(),
        "_met_all": per_interval.count(where=met),
        "_n_live": per_interval.count(where=live),
        "_met_live": per_interval.count(where=met & live),
    }
    grouped = (
        per_interval.group_by(keys).aggregate(**counts)
        if keys
        else per_interval.aggregate(**counts)
    )
    has_live = grouped._n_live > 0
    return grouped.mutate(
        sl_intervals=ibis.ifelse(has_live, grouped._n_live, grouped._n_all),
        _met=ibis.ifelse(has_live, grouped._met_live, grouped._met_all),
    )


def kpi_expression(
    table: ir.Table,
    /,
    *,
    by: Sequence[str] = (),
    period: PeriodName | None = None,
    options: KpiOptions | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    vendors: Mapping[str, str] | None = None,
    calendar: ir.Table | None = None,
    where: Mapping[str, Sequence[str]] | None = None,
) -> ir.Table:
    """The KPI set of ``table`` (canonical interactions) per group, as one expression.

    Parameters
    ----------
    table
        Canonical ``interactions`` rows (e.g. ``ws.lake_reader.table("interactions", E)``).
    by
        Dimension names (``engagement``, ``vendor``, ``site``, ``channel``, ``queue``,
        ``language``, ``priority`` or any ``seg_*`` column).
    period
        Also group by this UTC period (``interval15`` ... ``quarter``).
    options
        Thresholds and methods (``KpiOptions``).
    start, end
        Keep contacts that arrived in [start, end).
    vendors
        Engagement id -> vendor id, needed to group by ``vendor``.
    calendar
        Business-hours spans (``calendars.calendar_table``); ``None`` means business
        time equals calendar time.
    where
        Scope: keep contacts whose dimension takes one of the values, e.g.
        ``{"channel": ["voice"]}``.

    Returns
    -------
    ibis.expr.types.Table
        Group columns, ``period_start`` when a period is asked, then ``KPI_NAMES``.
    """
    options = options or KpiOptions()
    if "vendor" in by and vendors is None:
        raise InputError("grouping by vendor needs the engagement -> vendor map")
    keys = group_columns(table, by)
    t = _prepare(
        table,
        options=options,
        keys=keys,
        period=period,
        start=start,
        end=end,
        vendors=vendors,
        calendar=calendar,
        where=where,
    )
    if period is not None:
        keys = [*keys, PERIOD_COLUMN]
    plan = _sl_plan(t, options)
    sums = (
        t.group_by(keys).aggregate(**_aggregates(t, options, plan))
        if keys
        else t.aggregate(**_aggregates(t, options, plan))
    )
    shares = _interval_share(t, keys, options)
    if keys:
        joined = sums.left_join(shares, [sums[k].identical_to(shares[k]) for k in keys]).select(
            sums, shares.sl_intervals, shares._met
        )
    else:
        joined = sums.cross_join(shares)
    finished = _finish(joined, options, plan) | {
        "sl_intervals": joined.sl_intervals.fill_null(0),
        "sl_interval_share": _ratio(joined._met, joined.sl_intervals),
    }
    # One projection for the whole result (each extra layer costs Ibis compile time).
    result = joined.select(
        **{k: as_utc(joined[k]) if k == PERIOD_COLUMN else joined[k] for k in keys},
        **{name: finished[name] if name in finished else joined[name] for name in KPI_NAMES},
    )
    return result.order_by(keys) if keys else result
