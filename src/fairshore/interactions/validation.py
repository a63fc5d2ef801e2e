"""Turning one chunk of adapter output into accepted and quarantined rows, vectorised.

The first reason that applies to a row is the one it is quarantined for, in this
order: the adapter's own reason, wrong engagement, then column by column in schema
order (missing required field, unparseable value, unknown value), the table's logic
checks, then duplicates.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fairshore.interactions import model as m
from fairshore.interactions.duplicates import KeyIndex, first_occurrences, key_hashes
from fairshore.interactions.parsing import (
    TS_UTC,
    as_text,
    parse_bools,
    parse_dates,
    parse_numbers,
    parse_timestamps,
)
from fairshore.interactions.schema import TRAINING_TOPICS, TableSchema

ARROW_TYPES = {
    "string": pa.string(),
    "timestamp": TS_UTC,
    "date": pa.date32(),
    "float": pa.float64(),
    "int": pa.int64(),
    "bool": pa.bool_(),
}
FILLED = ("engagement_id", "batch_id")
LONG_HANDLE_SECONDS = 4 * 3600


def arrow_schema(spec: TableSchema, segments: list[str]) -> pa.Schema:
    """The Parquet schema of a canonical table with the engagement's segment columns."""
    fields = [pa.field(c.name, ARROW_TYPES[c.type]) for c in spec.columns]
    fields += [pa.field(s, pa.string()) for s in segments]
    return pa.schema(fields)


def quarantine_schema(spec: TableSchema, segments: list[str]) -> pa.Schema:
    """Quarantined rows: ``_row`` (number in the source), ``_reason``, ``_detail``, then
    every value as text."""
    names = [c.name for c in spec.columns if c.name != "batch_id"] + segments
    return pa.schema(
        [
            pa.field("_row", pa.int64()),
            pa.field("_reason", pa.string()),
            pa.field("_detail", pa.string()),
        ]
        + [pa.field(n, pa.string()) for n in names]
    )


@dataclass
class CheckedChunk:
    """A validated chunk: accepted rows (canonical types), quarantined rows (text), and
    the keys of rows the source marks deleted (``withdrawn``: they retract the key)."""

    accepted: pa.Table
    quarantined: pa.Table
    reasons: Counter[str]
    warnings: Counter[str]
    withdrawn: pa.Table


class _Flags:
    """The reason (and detail) of each row; the first reason set wins."""

    def __init__(self, chunk: pa.Table) -> None:
        n = chunk.num_rows
        self.reason = self._col(chunk, "_reason", n)
        self.detail = self._col(chunk, "_detail", n)

    @staticmethod
    def _col(chunk: pa.Table, name: str, n: int) -> pa.Array:
        if name in chunk.column_names:
            return chunk.column(name).combine_chunks().cast(pa.string())
        return pa.nulls(n, pa.string())

    def flag(self, mask: pa.Array, reason: str, detail: str | None = None) -> None:
        new = pc.and_(pc.fill_null(mask, False), pc.is_null(self.reason))
        if not pc.any(new).as_py():
            return
        self.reason = pc.if_else(new, pa.scalar(reason), self.reason)
        self.detail = pc.if_else(new, pa.scalar(detail, pa.string()), self.detail)

    @property
    def ok(self) -> pa.Array:
        return pc.is_null(self.reason)


class Validator:
    """Validates the chunks of one batch, remembering keys across chunks."""

    def __init__(
        self,
        spec: TableSchema,
        *,
        engagement_id: str,
        batch_id: str,
        source_tz: str,
        segments: list[str],
        default_site: str | None = None,
        channels: list[str] | None = None,
        languages: list[str] | None = None,
    ) -> None:
        self.spec = spec
        self.engagement_id = engagement_id
        self.batch_id = batch_id
        self.source_tz = source_tz
        self.segments = segments
        self.batch_keys = KeyIndex()
        self.default_site = default_site
        self.expected = {"channel": channels or [], "language": languages or []}
        self.schema = arrow_schema(spec, segments)
        self.qschema = quarantine_schema(spec, segments)
        self.now = datetime.now(UTC)

    def check(self, chunk: pa.Table) -> CheckedChunk:
        """Split ``chunk`` into accepted and quarantined rows."""
        flags = _Flags(chunk)
        n = chunk.num_rows
        self._engagement(chunk, flags)
        typed: dict[str, pa.Array] = {}
        for col in self.spec.columns:
            if col.name in FILLED:
                continue
            raw = _raw(chunk, col.name, n)
            if col.required:
                flags.flag(pc.is_null(raw), m.MISSING_REQUIRED, col.name)
            typed[col.name] = self._convert(raw, col.type, col.name, flags)
            if col.allowed is not None:
                self._allowed(typed, col.name, col.allowed, flags)
        for seg in self.segments:
            typed[seg] = as_text(_raw(chunk, seg, n))
        # An access without a site came from elsewhere (a remote network): never filled.
        if self.default_site and "site_id" in typed and self.spec.name != "access_events":
            typed["site_id"] = pc.fill_null(typed["site_id"], self.default_site)
        _LOGIC[self.spec.name](typed, flags)
        self._duplicates(typed, flags)
        return self._split(chunk, typed, flags)

    def _engagement(self, chunk: pa.Table, flags: _Flags) -> None:
        if "engagement_id" in chunk.column_names:
            given = as_text(chunk.column("engagement_id").combine_chunks())
            flags.flag(pc.not_equal(given, self.engagement_id), m.WRONG_ENGAGEMENT, "engagement_id")

    def _convert(self, raw: pa.Array, kind: str, name: str, flags: _Flags) -> pa.Array:
        if kind == "string":
            return as_text(raw)
        if kind == "timestamp":
            out = parse_timestamps(raw, tz=self.source_tz)
            reason = m.UNPARSEABLE_TIME
        elif kind == "date":
            out = parse_dates(raw)
            reason = m.UNPARSEABLE_TIME
        elif kind == "bool":
            out = parse_bools(raw)
            reason = m.UNPARSEABLE_BOOL
        else:
            out = parse_numbers(raw, integer=kind == "int")
            reason = m.UNPARSEABLE_NUMBER
        flags.flag(pc.and_(pc.is_valid(raw), pc.is_null(out)), reason, name)
        return out

    def _allowed(
        self, typed: dict[str, pa.Array], name: str, allowed: tuple[str, ...], flags: _Flags
    ) -> None:
        value = pc.utf8_lower(pc.utf8_trim_whitespace(typed[name]))
        typed[name] = value
        unknown = pc.and_(pc.is_valid(value), pc.invert(pc.is_in(value, pa.array(allowed))))
        flags.flag(unknown, m.UNKNOWN_CHANNEL if name == "channel" else m.UNKNOWN_VALUE, name)

    def _duplicates(self, typed: dict[str, pa.Array], flags: _Flags) -> None:
        """Quarantine a key seen earlier in the batch (a key already in the lake is a new
        version of its row: publishing decides whether it replaces it)."""
        ok = flags.ok.to_numpy(zero_copy_only=False)
        idx = np.flatnonzero(ok)
        if len(idx) == 0:
            return
        names = self.key
        take = pa.array(idx)
        hashes = key_hashes([pc.take(typed[k], take) for k in names])
        in_batch = self.batch_keys.contains(hashes) | ~first_occurrences(hashes)
        batch_mask = np.zeros(len(ok), dtype=bool)
        batch_mask[idx[in_batch]] = True
        flags.flag(pa.array(batch_mask), m.DUPLICATE_IN_BATCH, ",".join(names))
        self.batch_keys.add(hashes[~in_batch], fresh=True)

    def _split(self, chunk: pa.Table, typed: dict[str, pa.Array], flags: _Flags) -> CheckedChunk:
        n = chunk.num_rows
        ok = flags.ok
        columns: dict[str, pa.Array] = {}
        for f in self.schema:
            if f.name == "engagement_id":
                columns[f.name] = pa.repeat(pa.scalar(self.engagement_id), n)
            elif f.name == "batch_id":
                columns[f.name] = pa.repeat(pa.scalar(self.batch_id), n)
            else:
                columns[f.name] = typed[f.name].cast(f.type)
        full = pa.Table.from_pydict(columns, schema=self.schema)
        accepted = full if pc.all(ok).as_py() else full.filter(ok)
        withdraw = self._withdrawals(typed, flags)
        withdrawn = full.select(self.key).filter(withdraw)
        quarantined = self._quarantine(chunk, pc.invert(pc.or_(ok, withdraw)), flags)
        reasons = Counter(
            {str(k): int(v) for k, v in _value_counts(quarantined.column("_reason")).items()}
        )
        warnings = _WARNINGS[self.spec.name](accepted, self.now)
        warnings.update(self._unexpected(accepted))
        return CheckedChunk(accepted, quarantined, reasons, warnings, withdrawn)

    @property
    def key(self) -> list[str]:
        """The key columns within an engagement."""
        return [k for k in self.spec.key if k != "engagement_id"]

    def _withdrawals(self, typed: dict[str, pa.Array], flags: _Flags) -> pa.Array:
        """Rows the source itself marks deleted, with a readable key: they withdraw it."""
        marked = pc.fill_null(pc.is_in(flags.reason, pa.array(sorted(m.WITHDRAWALS))), False)
        for name in self.key:
            marked = pc.and_(marked, pc.is_valid(typed[name]))
        return marked

    def _unexpected(self, accepted: pa.Table) -> Counter[str]:
        """Channels and languages the engagement does not declare (valid, but odd)."""
        out: Counter[str] = Counter()
        for name, allowed in self.expected.items():
            if allowed and name in accepted.column_names:
                col = accepted.column(name)
                odd = pc.and_(pc.is_valid(col), pc.invert(pc.is_in(col, pa.array(allowed))))
                out[f"unexpected_{name}"] = _count(odd)
        return +out

    def _quarantine(self, chunk: pa.Table, bad: pa.Array, flags: _Flags) -> pa.Table:
        if not pc.any(bad).as_py():
            return self.qschema.empty_table()
        rows = chunk.filter(bad)
        n = rows.num_rows
        qcols: dict[str, pa.Array] = {
            "_row": _raw(rows, "_row", n).cast(pa.int64()),
            "_reason": flags.reason.filter(bad),
            "_detail": flags.detail.filter(bad),
        }
        for f in self.qschema:
            if f.name not in qcols:
                qcols[f.name] = as_text(_raw(rows, f.name, n))
        return pa.Table.from_pydict(qcols, schema=self.qschema)


def _raw(chunk: pa.Table, name: str, n: int) -> pa.Array:
    if name in chunk.column_names:
        return chunk.column(name).combine_chunks()
    if name == "_row":
        return pa.array(np.arange(n, dtype=np.int64))
    return pa.nulls(n, pa.string())


def _value_counts(arr: pa.ChunkedArray) -> dict[str, int]:
    counts = pc.value_counts(arr)
    return {
        v.as_py(): c.as_py()
        for v, c in zip(counts.field("values"), counts.field("counts"), strict=True)
    }


def _before(later: pa.Array, earlier: pa.Array) -> pa.Array:
    return pc.less(later, earlier)


def _check_interactions(t: dict[str, pa.Array], flags: _Flags) -> None:
    arrived = t["arrived_at"]
    flags.flag(_before(t["answered_at"], arrived), m.ANSWERED_BEFORE_ARRIVAL, "answered_at")
    flags.flag(_before(t["abandoned_at"], arrived), m.ABANDONED_BEFORE_ARRIVAL, "abandoned_at")
    flags.flag(_before(t["ended_at"], arrived), m.ENDED_BEFORE_ARRIVAL, "ended_at")
    both = pc.and_(pc.is_valid(t["answered_at"]), pc.is_valid(t["abandoned_at"]))
    flags.flag(both, m.ANSWERED_AND_ABANDONED, "answered_at,abandoned_at")
    flags.flag(pc.less(t["handle_seconds"], 0), m.NEGATIVE_DURATION, "handle_seconds")
    flags.flag(pc.less(t["reopened_count"], 0), m.NEGATIVE_COUNT, "reopened_count")
    csat = t["csat"]
    flags.flag(pc.or_(pc.less(csat, 1), pc.greater(csat, 5)), m.CSAT_OUT_OF_RANGE, "csat")
    nps = t["nps"]
    flags.flag(pc.or_(pc.less(nps, 0), pc.greater(nps, 10)), m.NPS_OUT_OF_RANGE, "nps")


def _check_agents(t: dict[str, pa.Array], flags: _Flags) -> None:
    flags.flag(_before(t["left_on"], t["hired_on"]), m.LEFT_BEFORE_HIRED, "left_on")


def _check_agent_months(t: dict[str, pa.Array], flags: _Flags) -> None:
    t["month"] = pc.floor_temporal(t["month"], unit="month")
    for name in (
        "scheduled_hours",
        "paid_hours",
        "logged_in_hours",
        "overtime_hours",
        "max_weekly_hours",
        "training_hours",
        *[f"training_hours_{topic}" for topic in TRAINING_TOPICS],
        "sick_days",
        "gross_pay",
    ):
        flags.flag(pc.less(t[name], 0), m.NEGATIVE_DURATION, name)
    flags.flag(pc.less(t["days_off"], 0), m.NEGATIVE_COUNT, "days_off")
    topics = [pc.fill_null(t[f"training_hours_{topic}"], 0.0) for topic in TRAINING_TOPICS]
    by_topic = functools.reduce(pc.add, topics)
    # the topics split the training total: more hours by topic than in all is an error
    flags.flag(
        pc.greater(by_topic, pc.add(t["training_hours"], 0.01)), m.TOPICS_OVER_TRAINING,
        "training_hours",
    )  # fmt: skip


def _check_access_events(t: dict[str, pa.Array], flags: _Flags) -> None:
    flags.flag(pc.less(t["records_count"], 0), m.NEGATIVE_COUNT, "records_count")
    # ISO 3166 alpha-2, stored upper case: the data-residency clause compares codes
    t["country"] = pc.utf8_upper(pc.utf8_trim_whitespace(t["country"]))
    alpha2 = pc.match_substring_regex(t["country"], pattern=r"^[A-Z]{2}$")
    flags.flag(pc.invert(alpha2), m.UNKNOWN_COUNTRY, "country")


def _check_qa_evaluations(t: dict[str, pa.Array], flags: _Flags) -> None:
    total = t["total"]
    flags.flag(pc.or_(pc.less(total, 0), pc.greater(total, 100)), m.SCORE_OUT_OF_RANGE, "total")
    # QA files are small (thousands of rows): a Python pass over the item JSON is fine.
    bad = [v is not None and not _items_ok(v) for v in t["items_json"].to_pylist()]
    flags.flag(pa.array(bad, pa.bool_()), m.MALFORMED_ITEMS, "items_json")


def _items_ok(text: str) -> bool:
    """``items_json`` is a list of objects with an ``item_id`` and numeric score <= max."""
    try:
        items = json.loads(text)
    except ValueError:
        return False
    if not isinstance(items, list):
        return False
    for item in items:
        if not isinstance(item, dict) or not item.get("item_id"):
            return False
        score, top = item.get("score"), item.get("max")
        if not isinstance(score, int | float) or not isinstance(top, int | float):
            return False
        if score < 0 or score > top:
            return False
    return True


_LOGIC = {
    "qa_evaluations": _check_qa_evaluations,
    "interactions": _check_interactions,
    "agents": _check_agents,
    "agent_months": _check_agent_months,
    "access_events": _check_access_events,
}


def _count(mask: pa.Array) -> int:
    return int(pc.sum(pc.fill_null(mask, False).cast(pa.int64())).as_py() or 0)


def _future(ts: pa.ChunkedArray, now: datetime) -> int:
    return _count(pc.greater(ts, pa.scalar(now + timedelta(days=1), TS_UTC)))


def _warn_interactions(t: pa.Table, now: datetime) -> Counter[str]:
    out: Counter[str] = Counter()
    out["long_handle_time"] = _count(pc.greater(t["handle_seconds"], LONG_HANDLE_SECONDS))
    out["future_time"] = _future(t["arrived_at"], now)
    # Microsecond integers: seconds_between on zoned timestamps converts each value.
    wait_us = pc.subtract(t["answered_at"].cast(pa.int64()), t["arrived_at"].cast(pa.int64()))
    out["long_wait"] = _count(pc.greater(wait_us, 24 * 3600 * 1_000_000))
    return +out


def _warn_agent_months(t: pa.Table, now: datetime) -> Counter[str]:
    out: Counter[str] = Counter()
    out["paid_hours_over_300"] = _count(pc.greater(t["paid_hours"], 300))
    return +out


def _warn_access_events(t: pa.Table, now: datetime) -> Counter[str]:
    return +Counter({"future_time": _future(t["at"], now)})


def _warn_none(t: pa.Table, now: datetime) -> Counter[str]:
    return Counter()


def _warn_qa_evaluations(t: pa.Table, now: datetime) -> Counter[str]:
    return +Counter({"future_time": _future(t["evaluated_at"], now)})


_WARNINGS = {
    "qa_evaluations": _warn_qa_evaluations,
    "interactions": _warn_interactions,
    "agents": _warn_none,
    "agent_months": _warn_agent_months,
    "access_events": _warn_access_events,
}
