"""Engine-neutral functions of ``adapters/lake/functions.py`` against Python's own."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import ibis
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.adapters.lake.functions import asof_join, epoch_us, stable_bucket


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=20))
def test_stable_bucket_is_md5s_first_32_bits(texts: list[str]) -> None:
    # oracle: Python's hashlib, int(md5(text)[:8], 16) % n
    t = ibis.memtable(pa.table({"s": pa.array(texts, pa.string())}))
    got = t.select(b=stable_bucket(t.s, 1_000_000)).to_pyarrow().column("b").to_pylist()
    want = [int(hashlib.md5(s.encode()).hexdigest()[:8], 16) % 1_000_000 for s in texts]
    assert got == want


def test_epoch_us_is_microseconds_since_1970() -> None:
    moment = datetime(2026, 7, 1, 10, 30, 0, 123456, tzinfo=UTC)
    ts = pa.array([moment], pa.timestamp("us", tz="UTC"))
    t = ibis.memtable(pa.table({"ts": ts}))
    got = t.select(us=epoch_us(t.ts)).to_pyarrow().column("us").to_pylist()
    assert got == [int(moment.timestamp()) * 1_000_000 + 123456]


def test_asof_join_takes_the_last_span_at_or_before() -> None:
    ts = pa.timestamp("us", tz="UTC")

    def at(h: int) -> datetime:
        return datetime(2026, 7, 1, h, tzinfo=UTC)

    left = ibis.memtable(
        pa.table(
            {
                "k": ["a", "a", "a", "b"],
                "t": pa.array([at(1), at(5), at(9), at(5)], ts),
            }
        )
    )
    right = ibis.memtable(
        pa.table({"rk": ["a", "a", "b"], "rt": pa.array([at(2), at(6), at(8)], ts), "v": [1, 2, 3]})
    )
    joined = asof_join(left, right, on=("t", "rt"), by=("k", "rk"))
    rows = joined.select("k", "t", "v").order_by(["k", "t"]).to_pyarrow().to_pylist()
    assert [r["v"] for r in rows] == [None, 1, 2, None]
