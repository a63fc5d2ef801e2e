"""A canonical column added in a later version keeps its type in an older Delta table."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from fairshore.adapters.lake import delta
from fairshore.adapters.lake.upgrade import canonical_schema


def test_training_topic_columns_join_an_older_table_as_floats(tmp_path: Path) -> None:
    full = canonical_schema("agent_months", [])
    older = pa.schema([f for f in full if not f.name.startswith("training_hours_")])
    delta.ensure_table(tmp_path, "agent_months", older)
    table = delta.ensure_table(tmp_path, "agent_months", full)
    types = {f.name: f.type for f in pa.schema(table.schema().to_arrow())}
    assert types["training_hours_ethics"] == pa.float64()
    assert types["training_hours"] == pa.float64()
