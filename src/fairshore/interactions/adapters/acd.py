"""Generic ACD call-detail CSV through a column-mapping YAML (:class:`AcdMapping`).

A call passes through up to three segments: IVR, queue, service (agent). Each has
clock columns (time of day on the row's date) and a duration. Outcome codes say
whether the call was answered, abandoned, or is not a real call (quarantined).
Negative IVR times and one-second clock disagreements are real in vendor logs: they
are counted as warnings (``negative_ivr_time``, ``clock_skew``), not rejected.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from fairshore.errors import IngestError
from fairshore.interactions.adapters.base import chunked
from fairshore.interactions.adapters.canonical_csv import read_header
from fairshore.interactions.file_checks import check_file
from fairshore.interactions.mapping import AcdMapping, Segment, acd_mapping
from fairshore.interactions.model import (
    EXCLUDED_OUTCOME,
    MISSING_ANSWER_TIME,
    NEGATIVE_DURATION,
    UNKNOWN_OUTCOME,
    UNPARSEABLE_NUMBER,
    UNPARSEABLE_TIME,
    ReadContext,
)

MIDNIGHT_WINDOW = timedelta(hours=12)


class RowProblemError(Exception):
    """A row-level problem: the row is quarantined with ``reason``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass
class Stage:
    """A segment of one call, resolved to local datetimes."""

    start: datetime
    end: datetime
    seconds: float | None


class AcdCallDetail:
    """ACD call-detail rows -> voice interactions, driven by a mapping file."""

    name: ClassVar[str] = "acd"
    tables: ClassVar[tuple[str, ...]] = ("interactions",)

    def sniff(self, path: Path, head: str) -> bool:
        first = head.splitlines()[0] if head else ""
        return "vru_entry" in first or ("q_start" in first and "ser_start" in first)

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        mapping = acd_mapping(ctx.mapping)
        for path in paths:
            check_file(path, max_bytes=ctx.max_bytes, kind="text")
            header = read_header(path, mapping.delimiter)
            missing = [c for c in mapping.source_columns() if c not in header]
            if missing:
                raise IngestError(
                    f"{path.name}: wrong columns for this ACD mapping: missing "
                    f"{', '.join(missing)}; found {', '.join(header[:20])}. Check the "
                    "mapping's delimiter and column names"
                )
            yield from chunked(self._records(path, mapping, ctx), ctx.chunk_rows)

    def _records(
        self, path: Path, mapping: AcdMapping, ctx: ReadContext
    ) -> Iterator[dict[str, Any]]:
        with path.open("r", encoding=mapping.encoding, newline="") as fh:
            reader = csv.DictReader(fh, delimiter=mapping.delimiter)
            for number, rec in enumerate(reader, start=1):
                row: dict[str, Any] = {"_row": number}
                try:
                    row.update(convert_call(rec, mapping, ctx))
                except RowProblemError as problem:
                    row.update(_plain(rec, mapping))
                    row["_reason"], row["_detail"] = problem.reason, problem.detail
                yield row


def _plain(rec: dict[str, Any], mapping: AcdMapping) -> dict[str, Any]:
    out = {canon: rec.get(src) for canon, src in mapping.columns.items()}
    out["interaction_id"] = mapping.id_separator.join(
        str(rec.get(c) or "") for c in mapping.id_columns
    )
    return out


def convert_call(rec: dict[str, Any], mapping: AcdMapping, ctx: ReadContext) -> dict[str, Any]:
    """One call-detail record -> canonical values (naive local ISO times)."""
    row = _plain(rec, mapping)
    if any(not (rec.get(c) or "").strip() for c in mapping.id_columns):
        row["interaction_id"] = None
    for canon, src in mapping.columns.items():
        value = (rec.get(src) or "").strip()
        row[canon] = None if value in mapping.null_values.get(src, []) or not value else value
    for canon, rule in mapping.derive.items():
        if canon.startswith("seg_") and canon not in ctx.segment_columns:
            continue
        row[canon] = rule.values.get((rec.get(rule.column) or "").strip(), rule.default)
    row.update(mapping.constants)
    code = (rec.get(mapping.outcome.column) or "").strip()
    action = mapping.outcome.codes.get(code)
    if action is None:
        raise RowProblemError(UNKNOWN_OUTCOME, code or "(empty)")
    if action == "quarantine":
        raise RowProblemError(EXCLUDED_OUTCOME, code)
    day = _day(rec, mapping)
    ivr, queue, service = (
        _stage(rec, seg, day, mapping) if seg is not None else None
        for seg in (mapping.ivr, mapping.queue, mapping.service)
    )
    anchor = next((s.start for s in (ivr, queue, service) if s is not None), None)
    if anchor is None:
        raise RowProblemError(UNPARSEABLE_TIME, "no segment times")
    ivr, queue, service = (_roll(s, anchor) for s in (ivr, queue, service))
    _durations(ivr, queue, service, ctx)
    arrived = _arrival(ivr, queue, service, mapping)
    row["arrived_at"] = arrived.isoformat()
    if action == "answered":
        _answered(row, arrived, service, mapping, ctx)
    else:
        _abandoned(row, arrived, ivr, queue, mapping, ctx)
    return row


def _day(rec: dict[str, Any], mapping: AcdMapping) -> date:
    text = (rec.get(mapping.date.column) or "").strip()
    try:
        return datetime.strptime(text, mapping.date.format).date()
    except ValueError:
        raise RowProblemError(UNPARSEABLE_TIME, mapping.date.column) from None


def _clock(text: str, column: str, mapping: AcdMapping) -> time:
    for fmt in mapping.time_formats:
        try:
            return datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    raise RowProblemError(UNPARSEABLE_TIME, column)


def _seconds(rec: dict[str, Any], column: str | None) -> float | None:
    if column is None:
        return None
    text = (rec.get(column) or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise RowProblemError(UNPARSEABLE_NUMBER, column) from None


def _stage(rec: dict[str, Any], seg: Segment, day: date, mapping: AcdMapping) -> Stage | None:
    start_text = (rec.get(seg.start) or "").strip()
    end_text = (rec.get(seg.end) or "").strip()
    seconds = _seconds(rec, seg.seconds)
    empty = set(mapping.empty_times)
    if start_text in empty and end_text in empty and not seconds:
        return None
    start = datetime.combine(day, _clock(start_text or "0:00:00", seg.start, mapping))
    end = datetime.combine(day, _clock(end_text or "0:00:00", seg.end, mapping))
    return Stage(start, end, seconds)


def _roll(stage: Stage | None, anchor: datetime) -> Stage | None:
    """Times far before the call's first time belong to the next day (midnight)."""
    if stage is None:
        return None
    start, end = stage.start, stage.end
    if start < anchor - MIDNIGHT_WINDOW:
        start += timedelta(days=1)
    if end < anchor - MIDNIGHT_WINDOW:
        end += timedelta(days=1)
    return Stage(start, end, stage.seconds)


def _durations(
    ivr: Stage | None, queue: Stage | None, service: Stage | None, ctx: ReadContext
) -> None:
    if ivr is not None and ((ivr.seconds or 0) < 0 or ivr.end < ivr.start):
        ctx.warnings["negative_ivr_time"] += 1
    for name, stage in (("queue", queue), ("service", service)):
        if stage is not None and (stage.seconds or 0) < 0:
            raise RowProblemError(NEGATIVE_DURATION, name)


def _arrival(
    ivr: Stage | None, queue: Stage | None, service: Stage | None, mapping: AcdMapping
) -> datetime:
    if mapping.arrival == "ivr" and ivr is not None:
        return ivr.start
    if queue is not None:
        return queue.start
    if ivr is not None:
        # Straight from the IVR to an agent: IVR and service clocks overlap in real
        # logs, so the call reached the agent at whichever came first.
        return min(ivr.end, service.start) if service is not None else ivr.end
    assert service is not None
    return service.start


def _not_before(
    moment: datetime, arrived: datetime, mapping: AcdMapping, ctx: ReadContext
) -> datetime:
    gap = (arrived - moment).total_seconds()
    if 0 < gap <= mapping.clock_tolerance_seconds:
        ctx.warnings["clock_skew"] += 1
        return arrived
    return moment


def _answered(
    row: dict[str, Any],
    arrived: datetime,
    service: Stage | None,
    mapping: AcdMapping,
    ctx: ReadContext,
) -> None:
    if service is None:
        raise RowProblemError(MISSING_ANSWER_TIME, "service")
    answered = _not_before(service.start, arrived, mapping, ctx)
    row["answered_at"] = answered.isoformat()
    row["ended_at"] = max(service.end, answered).isoformat()
    seconds = service.seconds
    if seconds is None:
        seconds = (service.end - service.start).total_seconds()
    row["handle_seconds"] = seconds


def _abandoned(
    row: dict[str, Any],
    arrived: datetime,
    ivr: Stage | None,
    queue: Stage | None,
    mapping: AcdMapping,
    ctx: ReadContext,
) -> None:
    if queue is None:
        ctx.warnings["ivr_hangup"] += 1
        if mapping.ivr_hangups == "quarantine":
            raise RowProblemError("ivr_hangup", "queue")
        left = ivr.end if ivr is not None else arrived
    else:
        left = queue.end
    left = _not_before(left, arrived, mapping, ctx)
    row["abandoned_at"] = left.isoformat()
    row["ended_at"] = left.isoformat()
