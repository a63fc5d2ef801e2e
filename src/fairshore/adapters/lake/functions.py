"""Engine functions that Ibis has no portable operation for, named once here.

Feature code calls these as ordinary Ibis expressions; only this module knows the
engine's own function name (DuckDB today; Spark's equivalent is noted beside each).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis
import ibis.expr.datatypes as dt

if TYPE_CHECKING:
    import ibis.expr.types as ir


@ibis.udf.scalar.builtin(name="epoch_us")  # type: ignore[untyped-decorator]
def _epoch_us(ts: dt.Timestamp(timezone="UTC", scale=6)) -> dt.int64:  # type: ignore[valid-type]
    """Microseconds since 1970-01-01 UTC (DuckDB ``epoch_us``; Spark ``unix_micros``)."""


def epoch_us(ts: ir.TimestampValue) -> ir.IntegerValue:
    """Microseconds since the Unix epoch of a UTC timestamp.

    DuckDB's ``date_diff`` on time-zone-aware timestamps goes through ICU and costs
    ten times more than subtracting epoch microseconds, which is exact.
    """
    result: ir.IntegerValue = _epoch_us(ts)
    return result


def stable_bucket(text: ir.StringValue, buckets: int) -> ir.IntegerValue:
    """A pseudo-random bucket ``0 .. buckets-1`` of a string, the same on every engine.

    The first eight hex digits of the string's MD5 (32 bits) modulo ``buckets``: each
    engine has MD5 and ASCII codes, while engines' own ``hash`` functions differ.
    """
    digest = text.hexdigest("md5")
    value: ir.IntegerValue = ibis.literal(0, "int64")
    for i in range(8):
        code = digest.substr(i, 1).ascii_str().cast("int64")
        # '0'..'9' are ASCII 48..57, 'a'..'f' 97..102
        digit = code - 48 - ibis.ifelse(code >= 97, 39, 0)
        value = value * 16 + digit
    result: ir.IntegerValue = value % buckets
    return result


_DAY_US = 86_400_000_000


def asof_join(
    left: ir.Table,
    right: ir.Table,
    *,
    on: tuple[str, str],
    by: tuple[str, str],
    days: str | None = None,
) -> ir.Table:
    """Each left row with the last right row of the same key at or before it (or nulls).

    ``on`` names the left and right time columns, ``by`` the left and right key columns.
    DuckDB runs Ibis' as-of join. Spark SQL has none, so there each right row is given the
    time of the next one and the rows join on ``time <= t < next``: the same pairs when
    the right times are distinct per key (as spans' opening times are).

    ``days`` (optional) names a right column listing, for each right row, the UTC days
    (whole days since 1970-01-01) its reach ``[time, next time)`` touches, the last row
    of each key reaching to the last day listed anywhere in the column. Spark then also
    joins on the day of ``t`` (a later day taken as that last one): an equality key that
    leaves a few candidate rows per left row instead of every row of its key. DuckDB's
    as-of join does not need it.
    """
    (t_left, t_right), (k_left, k_right) = on, by
    if ibis.get_backend(left).name != "pyspark":
        right = right.drop(days) if days is not None else right
        joined: ir.Table = left.asof_join(
            right, on=left[t_left] >= right[t_right], predicates=[left[k_left] == right[k_right]]
        )
        return joined
    window = ibis.window(group_by=right[k_right], order_by=right[t_right])
    spans = right.mutate(_asof_next=right[t_right].lead().over(window))
    cond = []
    if days is not None:
        spans = spans.unnest(days)
        last = spans[days].max().as_scalar()
        left = left.mutate(_asof_day=ibis.least(epoch_us(left[t_left]) // _DAY_US, last))
        cond.append(left._asof_day == spans[days])
    cond += [
        left[k_left] == spans[k_right],
        left[t_left] >= spans[t_right],
        spans._asof_next.isnull() | (left[t_left] < spans._asof_next),
    ]
    ranged: ir.Table = left.left_join(spans, cond).select(
        *[left[c] for c in left.columns if c != "_asof_day"],
        *[spans[c] for c in right.columns if c not in left.columns and c != days],
    )
    return ranged
