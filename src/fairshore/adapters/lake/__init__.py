"""The analytics lake: Parquet files read through Ibis on the configured engine.

Layout (hive partitions)::

    <lake>/<table>/engagement=<id>/month=<YYYY-MM>/<batch_id>.parquet

Feature code asks for ``Lake.table(name)`` and builds Ibis expressions on it; this
module alone knows which engine runs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis

from fairshore.adapters.lake.writer import pending_batches
from fairshore.config import Settings
from fairshore.errors import EngineError
from fairshore.interactions.schema import TABLES

if TYPE_CHECKING:
    import ibis.expr.types as ir

IBIS_TYPES = {
    "string": "string",
    "timestamp": "timestamp('UTC', 6)",
    "date": "date",
    "float": "float64",
    "int": "int64",
    "bool": "boolean",
}


def empty_schema(table: str, extra: list[str] | None = None) -> ibis.Schema:
    """The Ibis schema of a canonical table (extra segment columns as strings)."""
    spec = TABLES[table]
    fields: dict[str, Any] = {c.name: IBIS_TYPES[c.type] for c in spec.columns}
    for name in extra or []:
        fields[name] = "string"
    return ibis.schema(fields)


class Lake:
    """Read access to the lake's tables through one Ibis backend."""

    def __init__(self, root: Path, *, engine: str = "duckdb") -> None:
        self.root = root
        self.engine = engine
        self._con: Any = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Lake:
        return cls(settings.lake_path, engine=settings.engine)

    @property
    def con(self) -> Any:
        """The Ibis backend connection (created on first use)."""
        if self._con is None:
            if self.engine == "duckdb":
                self._con = ibis.duckdb.connect()
                self._con.raw_sql("SET TimeZone = 'UTC'")
                # DuckDB's progress bar writes to stdout and would corrupt --json output.
                self._con.raw_sql("SET enable_progress_bar = false")
            else:
                raise EngineError(
                    f"engine {self.engine!r} is not available in this build; use duckdb"
                )
        return self._con

    def files(self, table: str, engagement_id: str | None = None) -> list[Path]:
        """The published Parquet files of a table (one engagement, or all); files of a
        batch still being published are hidden."""
        base = self.root / table
        pattern = (
            f"engagement={engagement_id}/month=*/*.parquet" if engagement_id else "*/*/*.parquet"
        )
        hidden = pending_batches(self.root)
        return sorted(p for p in base.glob(pattern) if p.stem not in hidden)

    def table(self, table: str, engagement_id: str | None = None) -> ir.Table:
        """A canonical table as an Ibis table expression (empty when nothing is ingested)."""
        files = self.files(table, engagement_id)
        if not files:
            return ibis.memtable(empty_schema(table).to_pyarrow().empty_table())
        expr = self.con.read_parquet(
            [str(f) for f in files], union_by_name=True, hive_partitioning=False
        )
        return expr

    def close(self) -> None:
        if self._con is not None:
            self._con.disconnect()
            self._con = None
