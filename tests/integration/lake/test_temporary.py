"""``Lake.temporary``: an expression computed once into a temporary table that many
queries read, dropped when the block ends (a server's connection lives for days)."""

from __future__ import annotations

from pathlib import Path

import ibis
import pyarrow as pa
import pytest

from fairshore.adapters.lake import Lake


def _temporary_tables(lake: Lake) -> list[str]:
    rows = lake.con.raw_sql("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()
    return [name for (name,) in rows]


def test_a_temporary_table_holds_the_rows_and_is_dropped_at_the_end(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    rows = pa.table({"agent": ["a1", "a2", "a1"], "hours": [7.5, 8.0, 2.5]})
    source = ibis.memtable(rows)  # also what an empty lake table reads as
    expr = source.group_by("agent").aggregate(hours=source.hours.sum())
    with lake.temporary(expr) as kept:
        assert kept.get_backend() is lake.con  # read on the lake's own connection
        assert kept.schema() == expr.schema()
        got = kept.order_by("agent").to_pyarrow().to_pylist()
        assert got == [{"agent": "a1", "hours": 10.0}, {"agent": "a2", "hours": 8.0}]
        assert len(_temporary_tables(lake)) == 1
    assert _temporary_tables(lake) == []
    lake.close()


def test_a_failing_block_still_drops_its_table(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    with pytest.raises(RuntimeError), lake.temporary(ibis.memtable(pa.table({"x": [1]}))):
        raise RuntimeError("a measure failed")
    assert _temporary_tables(lake) == []
    lake.close()
