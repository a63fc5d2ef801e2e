"""Vectorised parsing of text columns into canonical types (pyarrow.compute).

Each parser returns the typed array; a value that was present but could not be read
comes back null, so the caller flags ``present & result is null`` as unparseable.
The fast path casts a whole column at once; only a column with a bad value takes the
slower path (regex filter, then cast), and only values that pass the regex but still
fail (30 February) are tried one by one.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

TS_UTC = pa.timestamp("us", tz="UTC")
TS_NAIVE = pa.timestamp("us")
ISO_RE = (
    r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)?$"
)
OFFSET_RE = r"(Z|z|[+-]\d{2}(:?\d{2})?)$"
FLOAT_RE = r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$"
INT_RE = r"^\s*[+-]?\d+\s*$"
DATE_RE = r"^\d{4}-\d{2}(-\d{2})?$"
TRUE_WORDS = ["true", "t", "yes", "y", "1"]
FALSE_WORDS = ["false", "f", "no", "n", "0"]


def _is_text(arr: pa.Array) -> bool:
    return bool(pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type))


def _cast_each(arr: pa.Array, to: pa.DataType) -> pa.Array:
    """Cast value by value, nulls where a value cannot be cast (slow, rare path)."""
    out: list[Any] = []
    for value in arr:
        try:
            out.append(pa.array([value.as_py()], type=arr.type).cast(to)[0].as_py())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OverflowError):
            out.append(None)
    return pa.array(out, type=to)


def _cast_filtered(arr: pa.Array, pattern: str, to: pa.DataType) -> pa.Array:
    ok = pc.fill_null(pc.match_substring_regex(arr, pattern), False)
    kept = pc.if_else(ok, arr, pa.scalar(None, arr.type))
    try:
        return kept.cast(to)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return _cast_each(kept, to)


def _to_utc(naive: pa.Array, tz: str) -> pa.Array:
    if len(naive) == 0:
        return naive.cast(TS_UTC)
    return pc.assume_timezone(naive, tz, ambiguous="earliest", nonexistent="earliest").cast(TS_UTC)


def _has_offset(text: str) -> bool:
    text = text.strip()
    return text.endswith(("Z", "z")) or (len(text) > 6 and text[-6] in "+-" and ":" in text[-6:])


def parse_timestamps(arr: pa.Array, *, tz: str) -> pa.Array:
    """ISO 8601 text (with or without offset) or timestamps -> ``timestamp[us, UTC]``.

    Values without an offset are local times of ``tz``; values with one are exact.
    """
    if pa.types.is_timestamp(arr.type):
        if arr.type.tz is None:
            return _to_utc(arr.cast(TS_NAIVE), tz)
        return arr.cast(TS_UTC)
    if pa.types.is_date(arr.type):
        return _to_utc(arr.cast(TS_NAIVE), tz)
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), TS_UTC)
    if not _is_text(arr):
        arr = arr.cast(pa.string())
    # A failed whole-column cast is expensive: try first the form the data starts with.
    sample = pc.drop_null(arr.slice(0, 64)).to_pylist()
    aware_first = bool(sample) and _has_offset(sample[0])
    for attempt in (True, False) if aware_first else (False, True):
        try:
            return arr.cast(TS_UTC) if attempt else _to_utc(arr.cast(TS_NAIVE), tz)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
    arr = pc.utf8_trim_whitespace(arr)
    iso = pc.fill_null(pc.match_substring_regex(arr, ISO_RE), False)
    has_offset = pc.fill_null(pc.match_substring_regex(arr, OFFSET_RE), False)
    null = pa.scalar(None, arr.type)
    aware = pc.if_else(pc.and_(iso, has_offset), arr, null)
    naive = pc.if_else(pc.and_(iso, pc.invert(has_offset)), arr, null)
    aware_ts = _cast_filtered(aware, ISO_RE, TS_UTC)
    naive_ts = _to_utc(_cast_filtered(naive, ISO_RE, TS_NAIVE), tz)
    return pc.coalesce(aware_ts, naive_ts)


def parse_numbers(arr: pa.Array, *, integer: bool) -> pa.Array:
    """Text or numbers -> float64 (or int64 when ``integer``)."""
    to = pa.int64() if integer else pa.float64()
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), to)
    if not _is_text(arr):
        try:
            return arr.cast(to)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            arr = arr.cast(pa.string())
    try:
        return arr.cast(to)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return _cast_filtered(pc.utf8_trim_whitespace(arr), INT_RE if integer else FLOAT_RE, to)


def parse_bools(arr: pa.Array) -> pa.Array:
    """true/false, yes/no, 1/0, t/f, y/n (any case) or booleans -> bool."""
    if pa.types.is_boolean(arr.type):
        return arr
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), pa.bool_())
    text = pc.utf8_lower(pc.utf8_trim_whitespace(arr.cast(pa.string())))
    is_true = pc.is_in(text, value_set=pa.array(TRUE_WORDS))
    is_false = pc.is_in(text, value_set=pa.array(FALSE_WORDS))
    known = pc.or_(is_true, is_false)
    return pc.if_else(known, is_true, pa.scalar(None, pa.bool_()))


def parse_dates(arr: pa.Array) -> pa.Array:
    """ISO dates (``YYYY-MM-DD``; ``YYYY-MM`` means the first of the month) -> date32."""
    if pa.types.is_date(arr.type):
        return arr.cast(pa.date32())
    if pa.types.is_timestamp(arr.type):
        return arr.cast(TS_NAIVE if arr.type.tz is None else arr.type).cast(pa.date32())
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), pa.date32())
    text = pc.utf8_trim_whitespace(arr.cast(pa.string()))
    try:
        return text.cast(pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    month_only = pc.fill_null(pc.match_substring_regex(text, r"^\d{4}-\d{2}$"), False)
    text = pc.if_else(month_only, pc.binary_join_element_wise(text, "01", "-"), text)
    return _cast_filtered(text, DATE_RE, pa.date32())


def as_text(arr: pa.Array) -> pa.Array:
    """Any column as text (for quarantine files and string columns)."""
    if _is_text(arr):
        return arr.cast(pa.string())
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), pa.string())
    try:
        return arr.cast(pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array([None if v is None else str(v) for v in arr.to_pylist()], pa.string())
