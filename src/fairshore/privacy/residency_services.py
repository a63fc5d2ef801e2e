"""The ``data_residency`` clause provider: access events' origins, month by month.

One query counts each month's events by country and one fetches the first offending
events of each month, however many months are asked (a year's evaluation reads the
access log twice, not twenty-four times). Months are UTC calendar months, as the lake
partitions access events; the countries allowed are those of the contract in effect
in each month.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import ibis

from fairshore.contracts.model import EVIDENCE_ROWS, ClauseMeasurement, EvidenceRow
from fairshore.contracts.services import clauses_in_effect
from fairshore.metrics.periods import period_between
from fairshore.privacy.residency import OriginCounts, residency_measurement

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace

Span = tuple[date, date]
EVIDENCE_COLUMNS = ("event_id", "agent_ref", "at", "action", "site_id", "country", "source")


def measure_data_residency(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``data_residency`` over days [start, end]: share of access events with a logged
    country that came from a country the contract allows (1.0 = complied)."""
    return measure_data_residency_periods(ws, engagement_id, [(start, end)])[0]


def measure_data_residency_periods(
    ws: Workspace, engagement_id: str, spans: Sequence[Span]
) -> list[ClauseMeasurement | None]:
    """:func:`measure_data_residency` of each span, in the order given (None where no
    contract in effect names allowed countries)."""
    if not spans:
        return []
    allowed = [
        sorted({c.upper() for c in clause.data_residency})
        if clause and clause.data_residency
        else None
        for clause in clauses_in_effect(ws, engagement_id, spans)
    ]
    if all(countries is None for countries in allowed):
        return [None for _ in spans]
    events = _between(ws.lake_reader.table("access_events", engagement_id), spans)
    if all(period_between(s, e).kind == "month" for s, e in spans):
        # the usual case: a year of months in one grouped query per measure
        events = events.mutate(month=events.at.truncate("M").date())
        counts, offending = _counts(events, spans, allowed), _offending(events, spans, allowed)
    else:
        counts, offending = [], []
        for span, countries in zip(spans, allowed, strict=True):
            one = _between(events, [span]).mutate(month=ibis.literal(span[0]))
            counts += _counts(one, [span], [countries])
            offending += _offending(one, [span], [countries])
    return [
        None if ok is None else residency_measurement(c, rows, allowed=ok)
        for ok, c, rows in zip(allowed, counts, offending, strict=True)
    ]


def _between(events: ir.Table, spans: Sequence[Span]) -> ir.Table:
    lo = datetime.combine(min(s for s, _ in spans), time.min, UTC)
    hi = datetime.combine(max(e for _, e in spans) + timedelta(days=1), time.min, UTC)
    return events.filter((events.at >= lo) & (events.at < hi))


def _counts(
    events: ir.Table, spans: Sequence[Span], allowed: Sequence[list[str] | None]
) -> list[OriginCounts]:
    by = events.group_by(["month", "country"]).aggregate(n=ibis._.count())
    found: dict[date, dict[str | None, int]] = {}
    for r in by.to_pyarrow().to_pylist():
        found.setdefault(r["month"], {})[r["country"]] = int(r["n"])
    out = []
    for (start, _), countries in zip(spans, allowed, strict=True):
        rows, ok = found.get(start, {}), countries or []
        known = {c: n for c, n in rows.items() if c is not None}
        out.append(
            OriginCounts(
                events=sum(rows.values()),
                with_origin=sum(known.values()),
                allowed=sum(n for c, n in known.items() if c in ok),
                by_country={c: n for c, n in known.items() if c not in ok},
            )
        )
    return out


def _offending(
    events: ir.Table, spans: Sequence[Span], allowed: Sequence[list[str] | None]
) -> list[list[EvidenceRow]]:
    """The first ``EVIDENCE_ROWS`` events of each month from a country it does not allow."""
    months = ibis.memtable(
        {
            "r_month": [s for (s, _), c in zip(spans, allowed, strict=True) if c],
            "r_country": [",".join(c) for c in allowed if c],
        },
        schema={"r_month": "date", "r_country": "string"},
    )
    j = events.join(months, events.month == months.r_month)
    # countries are validated ISO alpha-2 codes: the only two letters of "PH,IN" are codes
    outside = j.filter(j.country.notnull() & ~j.r_country.contains(j.country))
    rank = ibis.row_number().over(group_by=outside.month, order_by=[outside.at, outside.event_id])
    first = outside.mutate(rank=rank).filter(ibis._.rank < EVIDENCE_ROWS)
    rows = first.select("month", *EVIDENCE_COLUMNS).order_by(["month", "at", "event_id"])
    found: dict[date, list[EvidenceRow]] = {}
    for r in rows.to_pyarrow().to_pylist():
        month = r.pop("month")
        row = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in r.items()}
        found.setdefault(month, []).append(row)
    return [found.get(s, []) for s, _ in spans]
