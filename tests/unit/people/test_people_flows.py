"""Headcount flows over generated rosters (Ibis on in-memory tables, no files)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import ibis
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.metrics.periods import parse_period
from fairshore.people import workforce

MONTHS = [m.start for m in parse_period("2026-01..2026-06").months()]


@st.composite
def spells(draw: st.DrawFn) -> list[dict[str, object]]:
    n = draw(st.integers(min_value=1, max_value=12))
    out = []
    for i in range(n):
        hired = date(2025, 10, 1) + timedelta(days=draw(st.integers(0, 300)))
        left = draw(st.one_of(st.none(), st.integers(0, 200)))
        out.append(
            {
                "agent_ref": f"a{i}",
                "hired_on": hired,
                "left_on": None if left is None else hired + timedelta(days=left),
            }
        )
    return out


@settings(max_examples=15, deadline=None)
@given(spells())
def test_end_equals_start_plus_hires_minus_leavers(rows: list[dict[str, object]]) -> None:
    table = ibis.memtable(
        rows, schema={"agent_ref": "string", "hired_on": "date", "left_on": "date"}
    )
    flows = workforce.monthly_flows(table, MONTHS).to_pyarrow().to_pylist()
    by_month = {r["month"]: r for r in flows}
    for m in MONTHS:
        r = by_month[m]
        assert r["headcount_end"] == r["headcount_start"] + r["hires"] - r["leavers"]
        assert 0 <= r["early_leavers"] <= r["leavers"]
    for a, b in itertools.pairwise(MONTHS):
        assert by_month[a]["headcount_end"] == by_month[b]["headcount_start"]
