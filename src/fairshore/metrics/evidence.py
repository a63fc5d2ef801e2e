"""The contacts behind a figure: the population a KPI counted, contact by contact.

A month's service level of 71 % is 1,420 of 2,000 offered calls answered in time; the
drill-down lists those 2,000 calls (a page at a time), each with whether it counted as
a success, its wait, and the ingest batch and file it came from. The population and
the success flag are the outcome definitions the KPI itself aggregates
(:mod:`fairshore.metrics.outcomes`), and the live-channel rule of ``kpis._finish``
(a group with live contacts measures service level and ASA on those alone), so the
rows listed are the rows the figure counted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import ibis
from pydantic import BaseModel, ConfigDict

from fairshore.errors import InputError
from fairshore.interactions.services import list_batches
from fairshore.metrics import outcomes as oc
from fairshore.metrics.kpis import group_columns
from fairshore.metrics.model import KpiOptions
from fairshore.metrics.periods import parse_period

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace

_SL = {f"sl_v{v}": v for v in oc.SL_VARIANTS}
# The measures whose contacts can be listed (see ``_population``).
DRILLABLE = frozenset(
    {
        "service_level",
        *_SL,
        "asa_s",
        "first_response_s",
        "abandon_rate",
        "aht_s",
        "csat_top2",
        "fcr_rate",
        "fcr_source_rate",
        "fcr_no_reopen_rate",
    }
)
# Measures judged on live contacts alone when the group has any (kpis._finish).
_LIVE_FIRST = {"service_level", "asa_s", *_SL}


@dataclass(frozen=True)
class _Population:
    counted: ir.BooleanValue  # in the figure's denominator
    success: ir.BooleanValue | None  # a rate's numerator
    value: ir.NumericValue | None  # an average's per-contact value
    words: str


def _population(t: ir.Table, metric: str, options: KpiOptions) -> _Population:
    """Which contacts ``metric`` counts, and what each contributes (before the live rule)."""
    if metric == "service_level" or metric in _SL:
        variant = _SL.get(metric, options.sl_variant)
        rate = oc.service_level(
            t,
            variant=variant,
            threshold_s=options.sl_threshold_s,
            short_abandon_s=options.short_abandon_s,
        )
        within = f"{options.sl_threshold_s:g} s"
        words = f"contacts offered (ICMI variant {variant}), answered within {within}"
        return _Population(rate.eligible, rate.success, None, words)
    if metric in ("asa_s", "first_response_s"):
        return _Population(
            oc.answered(t), None, oc.answer_wait_s(t), "answered contacts, their wait"
        )
    if metric == "abandon_rate":
        return _Population(
            oc.answered(t) | oc.abandoned(t),
            oc.abandoned(t),
            None,
            "contacts answered or abandoned; success = abandoned",
        )
    if metric == "aht_s":
        return _Population(
            oc.handled(t), None, oc.handle_s(t), "handled contacts, their handle time"
        )
    if metric == "csat_top2":
        rate = oc.csat_top2(t)
        return _Population(rate.eligible, rate.success, None, "contacts with a CSAT response")
    methods = {
        "fcr_rate": options.fcr_method,
        "fcr_source_rate": "source",
        "fcr_no_reopen_rate": "no_reopen",
    }
    method = methods.get(metric)
    if method is not None and method != "repeat_contact":
        rate = oc.fcr(t, method=method)
        return _Population(rate.eligible, rate.success, None, f"contacts FCR ({method}) judges")
    raise InputError(
        f"no contact-level evidence for {metric!r} yet: use service_level, sl_v1..sl_v5, "
        "asa_s, first_response_s, abandon_rate, aht_s, csat_top2 or an FCR rate"
    )


class EvidenceContact(BaseModel):
    """One contact a figure counted, and where it came from."""

    model_config = ConfigDict(frozen=True)

    interaction_id: str
    arrived_at: datetime
    channel: str | None
    success: bool | None
    value: float | None
    wait_s: float | None
    batch_id: str | None
    files: list[str]


class ContactSample(BaseModel):
    """A page of the contacts behind a figure, with the figure they make up."""

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    metric: str
    month: str
    scope: dict[str, list[str]]
    population: str
    total: int
    successes: int | None
    figure: float | None
    contacts: list[EvidenceContact]
    offset: int


def contacts_behind(
    ws: Workspace,
    *,
    engagement_id: str,
    metric: str,
    month: str,
    options: KpiOptions | None = None,
    where: Mapping[str, Sequence[str]] | None = None,
    limit: int = 25,
    offset: int = 0,
) -> ContactSample:
    """The contacts of ``engagement_id`` in ``month`` that ``metric`` counted, ``limit`` of
    them from ``offset`` in arrival order, and the figure all of them make (a rate: the
    share of successes; an average: the mean value), as the KPI computes it."""
    options = options or KpiOptions()
    period = parse_period(month)
    t = ws.lake_reader.table("interactions", engagement_id)
    t = t.filter(t.arrived_at >= period.start_at, t.arrived_at < period.end_at)
    for name, values in (where or {}).items():
        t = t.filter(t[group_columns(t, [name])[0]].isin(list(values)))
    found = _population(t, metric, options)
    counted = found.counted
    if metric in _LIVE_FIRST and int(t.filter(oc.live(t)).count().to_pyarrow().as_py()) > 0:
        counted = counted & oc.live(t)
    rows = t.mutate(
        _success=found.success if found.success is not None else ibis.null("boolean"),
        _value=found.value if found.value is not None else ibis.null("float64"),
        _wait=oc.wait_s(t),
    ).filter(counted)
    summary = (
        rows.aggregate(
            total=rows.count(),
            successes=rows._success.fill_null(False).cast("int64").sum(),
            mean=rows._value.mean(),
        )
        .to_pyarrow()
        .to_pylist()[0]
    )
    page = (
        rows.order_by([rows.arrived_at, rows.interaction_id])
        .select(
            "interaction_id", "arrived_at", "channel", "batch_id", "_success", "_value", "_wait"
        )
        .limit(limit, offset=offset)
        .to_pyarrow()
        .to_pylist()
    )
    return _sample(ws, engagement_id, metric, period.label, where, found, summary, page, offset)


def _sample(
    ws: Workspace,
    engagement_id: str,
    metric: str,
    month: str,
    where: Mapping[str, Sequence[str]] | None,
    found: _Population,
    summary: dict[str, object],
    page: list[dict[str, object]],
    offset: int,
) -> ContactSample:
    files = {b.batch_id: b.files for b in list_batches(ws, engagement_id=engagement_id)}
    total = int(summary["total"] or 0)  # type: ignore[call-overload]
    successes = int(summary["successes"] or 0) if found.success is not None else None  # type: ignore[call-overload]
    figure = (successes / total if total else None) if successes is not None else summary["mean"]
    return ContactSample(
        engagement_id=engagement_id,
        metric=metric,
        month=month,
        scope={k: list(v) for k, v in (where or {}).items()},
        population=found.words,
        total=total,
        successes=successes,
        figure=figure,
        contacts=[
            EvidenceContact(
                interaction_id=str(r["interaction_id"]),
                arrived_at=_utc(r["arrived_at"]),  # type: ignore[arg-type]
                channel=r["channel"],
                success=r["_success"],
                value=r["_value"],
                wait_s=r["_wait"],
                batch_id=r["batch_id"],
                files=files.get(str(r["batch_id"]), []),
            )
            for r in page
        ],
        offset=offset,
    )


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
