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
