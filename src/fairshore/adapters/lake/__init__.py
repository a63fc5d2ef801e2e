"""The analytics lake: Delta tables read through Ibis on the configured engine.

Layout (one Delta table per canonical table, see :mod:`.delta`)::

    <lake>/<table>/_delta_log/...
    <lake>/<table>/part_engagement=<id>/part_month=<YYYY-MM>/<file>.parquet

Feature code asks for ``Lake.table(name)`` and builds Ibis expressions on it; this
module alone knows which engine runs them. A read takes the file list of a snapshot
of the table (the latest, or the one ``as_of`` names), so the engines read Parquet
files and no engine needs a Delta reader. A lake in an object store (``s3://``,
``gs://``, ``abfss://``, see :mod:`.store`) is read through delta-rs' Arrow dataset of
the snapshot, which DuckDB scans (its own object-store readers are extensions it would
download at run time).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import DeltaTable

from fairshore.adapters.lake import delta
from fairshore.adapters.lake.history import Snapshot, current_version, parse_as_of, snapshot_at
from fairshore.adapters.lake.store import LakeRoot
from fairshore.config import REMOTE_SCHEMES, ObjectStore, Settings, lake_scheme
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


@dataclass(frozen=True)
class SparkOptions:
    """Where Spark runs and how big its driver is (``FAIRSHORE_SPARK_*``)."""

    master: str = "local[2]"
    driver_memory: str = "2g"
    shuffle_partitions: int = 4
    java_options: str = ""


def empty_schema(table: str, extra: list[str] | None = None) -> ibis.Schema:
    """The Ibis schema of a canonical table (extra segment columns as strings)."""
    spec = TABLES[table]
    fields: dict[str, Any] = {c.name: IBIS_TYPES[c.type] for c in spec.columns}
    for name in extra or []:
        fields[name] = "string"
    return ibis.schema(fields)


class Lake:
    """Read access to the lake's tables through one Ibis backend.

    ``root`` is the lake folder on this machine (where ingest writes), or the object
    store that holds its tables. ``uri``, when given, is where the engine reads a local
    lake: a local path or ``file://`` URI for every engine, or a Hadoop file system URI
    (``s3a://``, ``hdfs://`` ...) for Spark only.
    """

    def __init__(
        self,
        root: LakeRoot,
        *,
        engine: str = "duckdb",
        uri: str | None = None,
        spark: SparkOptions | None = None,
        as_of: str | None = None,
    ) -> None:
        self.root = root
        self.engine = engine
        self.uri = uri
        self.spark = spark or SparkOptions()
        self.as_of = as_of
        self._snapshot: Snapshot | None = None
        self._con: Any = None
        self._views: dict[str, ir.Table] = {}  # read_parquet views of this connection

    @classmethod
    def from_settings(cls, settings: Settings) -> Lake:
        spark = SparkOptions(
            master=settings.spark_master,
            driver_memory=settings.spark_driver_memory,
            shuffle_partitions=settings.spark_shuffle_partitions,
            java_options=settings.spark_java_options,
        )
        root = settings.lake_root
        return cls(
            root,
            engine=settings.engine,
            uri=None if isinstance(root, ObjectStore) else settings.lake_uri,
            spark=spark,
            as_of=settings.lake_as_of,
        )

    @property
    def snapshot(self) -> Snapshot | None:
        """The table versions read when ``as_of`` pins the lake (None: the latest)."""
        if self.as_of is not None and self._snapshot is None:
            self._snapshot = snapshot_at(self.root, parse_as_of(self.as_of))
        return self._snapshot

    @property
    def version(self) -> int:
        """The lake version read (see :mod:`.history`): the pinned one, else the latest."""
        pinned = self.snapshot
        return pinned.lake_version if pinned is not None else current_version(self.root)

    def _delta_table(self, table: str) -> DeltaTable | None:
        pinned = self.snapshot
        if pinned is None:
            return delta.open_table(self.root, table)
        version = pinned.tables.get(table)
        return None if version is None else delta.open_table(self.root, table, version)

    @property
    def remote(self) -> bool:
        """True when the engine reads the lake through a Hadoop file system URI."""
        return self.uri is not None and lake_scheme(self.uri) in REMOTE_SCHEMES

    @property
    def con(self) -> Any:
        """The Ibis backend connection (created on first use)."""
        if self._con is None:
            if self.engine == "duckdb":
                if self.remote:
                    raise EngineError(
                        f"DuckDB reads a lake on this machine only, not {self.uri!r}: set "
                        "FAIRSHORE_ENGINE=pyspark for a lake on s3a:// or hdfs://, or mount "
                        "the lake and set FAIRSHORE_LAKE_URI to its local path"
                    )
                self._con = ibis.duckdb.connect()
                self._con.raw_sql("SET TimeZone = 'UTC'")
                # DuckDB's progress bar writes to stdout and would corrupt --json output.
                self._con.raw_sql("SET enable_progress_bar = false")
            elif self.engine == "pyspark":
                from fairshore.adapters.lake import spark

                self._con = spark.connect(
                    master=self.spark.master,
                    driver_memory=self.spark.driver_memory,
                    shuffle_partitions=self.spark.shuffle_partitions,
                    java_options=self.spark.java_options,
                )
            else:
                raise EngineError(
                    f"unknown engine {self.engine!r}: set FAIRSHORE_ENGINE to duckdb or pyspark"
                )
        return self._con

    def files(self, table: str, engagement_id: str | None = None) -> list[Path]:
        """The data files of a table's snapshot on this machine (one engagement, or all);
        files not committed to the table's log are never among them."""
        if isinstance(self.root, ObjectStore):
            raise EngineError(
                f"the lake is in an object store ({self.root.uri}): its files are not on "
                "this machine (ask Lake.has_rows or read Lake.table)"
            )
        dt = self._delta_table(table)
        if dt is None:
            return []
        return [Path(f) for f in delta.files(dt, engagement_id)]

    def has_rows(self, table: str, engagement_id: str | None = None) -> bool:
        """Whether the table's snapshot holds any file (of one engagement, or any)."""
        dt = self._delta_table(table)
        return dt is not None and bool(delta.files(dt, engagement_id))

    def months(self, table: str, engagement_id: str | None = None) -> list[str]:
        """The months (``YYYY-MM``) a table's snapshot holds rows of."""
        dt = self._delta_table(table)
        return [] if dt is None else delta.months(dt, engagement_id)

    def table(self, table: str, engagement_id: str | None = None) -> ir.Table:
        """A canonical table as an Ibis table expression (empty when nothing is ingested)."""
        if self.engine == "pyspark":
            return self._spark_table(table, engagement_id)
        if self.remote:
            self.con  # noqa: B018 (raises the engine's refusal)
        if isinstance(self.root, ObjectStore):
            return self._dataset_table(table, engagement_id)
        files = self.files(table, engagement_id)
        if not files:
            return ibis.memtable(empty_schema(table).to_pyarrow().empty_table())
        paths = [str(f) for f in files]
        # Named after what it reads, as on Spark: a workspace keeps its lake (one DuckDB
        # connection per thread) for as long as it is open, and reading the same files
        # again must replace the view, not add one per read.
        # A view already made for these files is read again as it is: making it anew
        # reads every file's footer for the schema, on each of a report's many reads
        # (files are never changed in place with another schema: a commit adds new ones).
        name = f"fairshore_{table}_{hashlib.sha256(chr(10).join(paths).encode()).hexdigest()[:16]}"
        expr = self._views.get(name)
        if expr is None:
            expr = self.con.read_parquet(
                paths, table_name=name, union_by_name=True, hive_partitioning=False
            )
            self._views[name] = expr
        return _complete(expr, table)

    def _dataset_table(self, table: str, engagement_id: str | None) -> ir.Table:
        """A table of an object-store lake: DuckDB scans delta-rs' dataset of the snapshot."""
        dt = self._delta_table(table)
        files = [] if dt is None else delta.files(dt, engagement_id)
        if dt is None or not files:
            return ibis.memtable(empty_schema(table).to_pyarrow().empty_table())
        dataset = delta.dataset(dt, engagement_id)
        # named after the files it reads, as a Spark view is (see _spark_table)
        name = f"fairshore_{table}_{hashlib.sha256(chr(10).join(files).encode()).hexdigest()[:16]}"
        self.con.con.register(name, dataset)
        expr = self.con.table(name).drop(*delta.PARTITIONS)
        return _complete(expr, table)

    def _spark_table(self, table: str, engagement_id: str | None) -> ir.Table:
        from fairshore.adapters.lake import spark

        if isinstance(self.root, ObjectStore):
            raise EngineError(
                f"Spark reads a lake in {self.root.uri} through Hadoop's file systems: "
                "set FAIRSHORE_LAKE_URI to its s3a:// URI for pyspark"
            )
        root_path = self.root

        con = self.con
        schema = None
        files = self.files(table, engagement_id)
        if self.uri is not None and lake_scheme(self.uri):  # through Hadoop's file systems
            base = self.uri.rstrip("/")
            root = root_path.resolve()
            uris = [f"{base}/{f.relative_to(root).as_posix()}" for f in files]
        else:
            # file:// so a cluster whose default file system is HDFS still reads local paths
            uris = [f"file://{f.resolve()}" for f in files]
            schema = pa.unify_schemas([_plain(pq.read_schema(f)) for f in files]) if files else None
        if not uris:
            return ibis.memtable(empty_schema(table).to_pyarrow().empty_table())
        # Named after what it reads: reading the same files again replaces the view with
        # an identical one, so a long-running process keeps one view per set of files
        # (per table, engagement and batch) in the shared session, not one per read.
        digest = hashlib.sha256("\n".join(uris).encode()).hexdigest()[:16]
        expr = spark.read_parquet(con, uris, name=f"fairshore_{table}_{digest}", schema=schema)
        return _complete(expr, table)

    @contextmanager
    def temporary(self, expr: ir.Table) -> Iterator[ir.Table]:
        """``expr`` computed once, into a temporary table of this lake's connection (a
        cached view on Spark), for many queries to read: each then compiles and runs
        against its rows, not against the joins that made them. Dropped on leaving."""
        name = f"fairshore_temporary_{uuid.uuid4().hex[:16]}"
        if self.engine == "pyspark":
            from fairshore.adapters.lake import spark

            with spark.cached_view(self.con, expr, name=name) as table:
                yield table
            return
        table = self.con.create_table(name, expr, temp=True)
        try:
            yield table
        finally:
            self.con.raw_sql(f'DROP TABLE IF EXISTS temp.main."{name}"')

    def close(self) -> None:
        self._views.clear()
        if self._con is not None:
            if self.engine == "duckdb":
                self._con.disconnect()
            # Spark's session is the process's (see adapters/lake/spark.py): kept.
            self._con = None


def _complete(expr: ir.Table, table: str) -> ir.Table:
    """Canonical columns that no file read holds (files written before the column
    existed, such as ``updated_at``) as typed nulls, so every snapshot has them."""
    schema = empty_schema(table)
    missing = {
        name: ibis.null().cast(dtype) for name, dtype in schema.items() if name not in expr.columns
    }
    return expr.mutate(**missing) if missing else expr


def _plain(schema: pa.Schema) -> pa.Schema:
    """String views (in files a Delta MERGE wrote) as strings: one type per column."""
    return pa.schema(
        [f.with_type(pa.string()) if pa.types.is_string_view(f.type) else f for f in schema]
    )
