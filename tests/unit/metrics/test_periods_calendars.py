"""Periods, business-hours spans, CSV safety, and service-level invariants."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import ibis
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.cells import safe_cell
from fairshore.errors import InputError
from fairshore.metrics.calendars import BusinessCalendar
from fairshore.metrics.kpis import kpi_expression
from fairshore.metrics.model import KpiOptions
from fairshore.metrics.periods import parse_period, period_label


def test_parse_periods_and_shift() -> None:
    q = parse_period("2026-Q4")
    assert (q.start, q.end, len(q.months())) == (date(2026, 10, 1), date(2027, 1, 1), 3)
    m = parse_period("2026-01")
    assert m.shift(-3).label == "2025-10" and q.shift(1).label == "2027-Q1"
    for bad in ("2026-13", "2026-Q5", "July"):
        with pytest.raises(InputError):
            parse_period(bad)


def test_period_labels() -> None:
    start = datetime(2026, 6, 29, 10, 30, tzinfo=UTC)
    assert period_label(start, "week") == "2026-W27"
    assert period_label(start, "interval30") == "2026-06-29T10:30Z"
    assert period_label(start, "quarter") == "2026-Q2"


def test_business_spans_follow_daylight_saving() -> None:
    # Warsaw switches to summer time on Sunday 2026-03-29: 09:00 local is 08:00 UTC
    # before and 07:00 UTC after; a closed Saturday and a holiday have no span.
    cal = BusinessCalendar(
        "e", "Europe/Warsaw",
        {d: (time(9), time(17)) for d in range(5)} | {6: (time(0), time(23, 59, 59))},
        frozenset({date(2026, 3, 30)}),
    )  # fmt: skip
    spans = cal.spans(date(2026, 3, 27), date(2026, 4, 1))
    assert [(s.isoformat(), n) for s, n in spans] == [
        ("2026-03-27T08:00:00+00:00", 8 * 3600.0),  # Friday, UTC+1
        ("2026-03-28T23:00:00+00:00", 23 * 3600.0),  # Sunday: a 23-hour day
        ("2026-03-31T07:00:00+00:00", 8 * 3600.0),  # Tuesday, UTC+2 (Monday a holiday)
    ]
    assert not cal.always_open and BusinessCalendar("e").always_open


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+x", "'+x"), ("-2", "'-2"), ("@sum", "'@sum"), ("\tx", "'\tx"),
     ("voice", "voice"), (-2.5, -2.5), (None, None)],
)  # fmt: skip
def test_csv_cells_cannot_start_a_formula(value: object, expected: object) -> None:
    # OWASP "CSV Injection": cells starting with = + - @ or tab/CR are neutralised.
    assert safe_cell(value) == expected


contacts = st.lists(
    st.tuples(st.sampled_from(["answered", "abandoned"]), st.floats(0, 120)),
    min_size=1, max_size=40,
)  # fmt: skip


@settings(max_examples=12, deadline=None)
@given(contacts)
def test_service_level_variants_keep_their_order(rows: list[tuple[str, float]]) -> None:
    t0 = datetime(2026, 7, 1, tzinfo=UTC)
    ts = pa.timestamp("us", tz="UTC")
    waits = [t0 + timedelta(seconds=round(w, 3)) for _, w in rows]
    answered = [w if k == "answered" else None for (k, _), w in zip(rows, waits, strict=True)]
    abandoned = [w if k == "abandoned" else None for (k, _), w in zip(rows, waits, strict=True)]
    flags = ("escalated", "transferred", "first_contact_resolved")
    table = ibis.memtable(pa.table({
        "interaction_id": [str(i) for i in range(len(rows))],
        "engagement_id": ["e"] * len(rows),
        "channel": ["voice"] * len(rows),
        "customer_ref": pa.nulls(len(rows), pa.string()),
        "reason": pa.nulls(len(rows), pa.string()),
        "arrived_at": pa.array([t0] * len(rows), ts),
        "answered_at": pa.array(answered, ts),
        "abandoned_at": pa.array(abandoned, ts),
        **{c: pa.nulls(len(rows), pa.timestamp("us", tz="UTC")) for c in ("resolved_at",)},
        **{c: pa.nulls(len(rows), pa.float64()) for c in ("handle_seconds", "csat", "nps")},
        "reopened_count": pa.nulls(len(rows), pa.int64()),
        **{c: pa.nulls(len(rows), pa.bool_()) for c in flags},
    }))  # fmt: skip
    row = kpi_expression(table, options=KpiOptions()).to_pyarrow().to_pylist()[0]
    v = [row[f"sl_v{i}"] for i in range(1, 6)]
    present = [x for x in v if x is not None]
    assert all(0 <= x <= 1 for x in present)
    if v[2] is not None:  # (A + Ab) > 0
        assert v[2] <= v[4] <= v[0]  # v3 <= v5 <= v1: credits only add to the numerator
        assert v[3] is None or v[2] <= v[3]  # v4 drops abandons from the denominator
    assert row["offered"] == len(rows) == row["answered"] + row["abandoned"]


def _tickets(pairs: list[tuple[float, float]]) -> ibis.Table:
    t0 = datetime(2026, 7, 1, tzinfo=UTC)
    ts = pa.timestamp("us", tz="UTC")
    n = len(pairs)
    arrived = [t0 + timedelta(hours=a) for a, _ in pairs]
    answered = [x + timedelta(hours=d) for x, (_, d) in zip(arrived, pairs, strict=True)]
    flags = ("escalated", "transferred", "first_contact_resolved")
    return ibis.memtable(pa.table({
        "interaction_id": [str(i) for i in range(n)], "engagement_id": ["e"] * n,
        "channel": ["email"] * n, "customer_ref": pa.nulls(n, pa.string()),
        "reason": pa.nulls(n, pa.string()), "arrived_at": pa.array(arrived, ts),
        "answered_at": pa.array(answered, ts), "abandoned_at": pa.nulls(n, ts),
        "resolved_at": pa.array([a + timedelta(hours=5) for a in answered], ts),
        **{c: pa.nulls(n, pa.float64()) for c in ("handle_seconds", "csat", "nps")},
        "reopened_count": pa.nulls(n, pa.int64()),
        **{c: pa.nulls(n, pa.bool_()) for c in flags},
    }))  # fmt: skip


pairs = st.lists(st.tuples(st.floats(0, 24 * 20), st.floats(0, 24 * 9)), min_size=1, max_size=12)


@settings(max_examples=6, deadline=None)
@given(pairs)
def test_business_time_never_exceeds_calendar_time(rows: list[tuple[float, float]]) -> None:
    from fairshore.metrics.calendars import calendar_table

    office = BusinessCalendar("e", "Asia/Kolkata", {d: (time(9), time(18)) for d in range(5)},
                              frozenset({date(2026, 7, 15)}))  # fmt: skip
    always = BusinessCalendar("e")
    table = _tickets(rows)
    out = []
    for cal in (office, always):
        spans = calendar_table([cal], date(2026, 6, 1), date(2026, 9, 1))
        expr = kpi_expression(table, options=KpiOptions(), calendar=spans)
        out.append(expr.to_pyarrow().to_pylist()[0])
    (office_row, always_row) = out
    assert office_row["first_response_business_s"] <= office_row["first_response_s"] + 1e-6
    assert always_row["first_response_business_s"] == pytest.approx(always_row["first_response_s"])
    for stat in ("", "_median", "_p90"):
        business, calendar = f"resolution_business{stat}_s", f"resolution{stat}_s"
        assert office_row[business] <= office_row[calendar] + 1e-6
        assert always_row[business] == pytest.approx(always_row[calendar])
