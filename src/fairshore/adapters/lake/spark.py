"""Apache Spark as the lake's engine: one SparkSession per process, read through Ibis.

The session is created on first use (``local[2]`` unless ``FAIRSHORE_SPARK_MASTER``
names a cluster) and kept for the life of the process: starting a JVM costs seconds,
so every ``Lake`` of the process shares it. The Ibis compiler is Ibis' own PySpark
compiler taught the few DuckDB-named operations Fairshore's expressions use (see
``docs/scale-out.md``, "Declared gaps"), so feature code never names an engine.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ibis.expr.datatypes as dt
import ibis.expr.operations as ops
import sqlglot.expressions as sge
from ibis.backends.pyspark import Backend
from ibis.backends.sql.compilers.pyspark import PySparkCompiler

from fairshore.errors import EngineError

_LOCK = threading.Lock()
_SESSION: Any = None
# Spark writes a warehouse folder and Derby logs into the working directory unless told
# otherwise: keep them in one scratch folder per process.
_SCRATCH: Path | None = None

# Spark logs errors only, to stderr (stdout carries --json output).
_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
"""

# DuckDB builtin name -> Spark SQL function of the same meaning (and the same result).
_BUILTINS = {"epoch_us": "unix_micros"}


class FairshoreSparkCompiler(PySparkCompiler):  # type: ignore[misc]
    """Ibis' PySpark compiler plus the engine functions of ``lake.functions``."""

    __slots__ = ()

    UNSUPPORTED_OPS = tuple(
        op for op in PySparkCompiler.UNSUPPORTED_OPS if op is not ops.TimestampBucket
    )

    def __sql_name__(self, op: Any) -> str:
        name: str = super().__sql_name__(op)
        return _BUILTINS.get(name, name)

    def visit_CountStar(self, op: Any, *, arg: Any, where: Any) -> Any:  # noqa: N802
        # Ibis' PySpark compiler sums the condition cast to int, which is NULL when every
        # condition is NULL; DuckDB's count(*) FILTER gives 0. count_if gives 0 too.
        if where is not None:
            return self.f.count_if(where)
        return super().visit_CountStar(op, arg=arg, where=where)

    def visit_ExtractEpochSeconds(self, op: Any, *, arg: Any) -> Any:  # noqa: N802
        # DuckDB's epoch() keeps the fraction of a second; Spark's unix_timestamp drops it.
        return self.f.unix_micros(arg) / sge.convert(1_000_000)

    def visit_TimestampFromUNIX(self, op: Any, *, arg: Any, unit: Any) -> Any:  # noqa: N802
        # Ibis' compiler takes seconds only; Spark has exact functions for ms and us.
        exact = {"ms": self.f.timestamp_millis, "us": self.f.timestamp_micros}
        if op.unit is not None and op.unit.short in exact:
            return exact[op.unit.short](arg)
        return super().visit_TimestampFromUNIX(op, arg=arg, unit=unit)

    def visit_TimestampBucket(self, op: Any, *, arg: Any, interval: Any, offset: Any) -> Any:  # noqa: N802
        # Buckets aligned on the Unix epoch: floor(us / step) * step, exact in integers.
        # DuckDB's time_bucket aligns minute buckets on 2000-01-03 00:00, a whole number
        # of days after the epoch, so buckets that divide a day agree.
        unit = op.interval.dtype.unit.short
        micros = {"s": 1_000_000, "m": 60_000_000, "h": 3_600_000_000, "D": 86_400_000_000}
        if offset is not None or unit not in micros or not isinstance(op.interval, ops.Literal):
            raise EngineError(
                "pyspark: time buckets need a constant interval in seconds, minutes, hours "
                "or days and no offset"
            )
        step = int(op.interval.value) * micros[unit]
        if 86_400_000_000 % step:
            raise EngineError("pyspark: time buckets must divide a day (e.g. 15 or 30 minutes)")
        us = self.f.unix_micros(arg)
        return self.f.timestamp_micros(us - self.f.pmod(us, sge.convert(step)))


class FairshoreSparkBackend(Backend):  # type: ignore[misc]
    """Ibis' PySpark backend with Fairshore's compiler, fetching results as Arrow.

    Spark 4 hands results over as Arrow (``DataFrame.toArrow``); Ibis' own path goes
    through pandas, slower and noisy under pandas 3.
    """

    compiler = FairshoreSparkCompiler()

    def _register_in_memory_table(self, op: Any) -> None:
        # Spark 4 reads Arrow itself: Ibis' pandas round trip is slower and cannot carry
        # list columns (numpy arrays do not pickle into the JVM).
        from ibis.backends.pyspark import PySparkSchema

        frame = self._session.createDataFrame(
            op.data.to_pyarrow(op.schema), schema=PySparkSchema.from_ibis(op.schema)
        )
        frame.createOrReplaceTempView(op.name)

    def to_pyarrow(self, expr: Any, /, *, params: Any = None, limit: Any = None, **kw: Any) -> Any:
        from ibis.formats.pyarrow import PyArrowData

        table_expr = expr.as_table()
        self._run_pre_execute_hooks(table_expr)
        sql = self.compile(table_expr, params=params, limit=limit, **kw)
        with self._safe_raw_sql(sql) as query, warnings.catch_warnings():
            # pyspark leaves the socket it streamed the result through to the collector
            warnings.simplefilter("ignore", ResourceWarning)
            arrow = query.toArrow()
        table = PyArrowData.convert_table(arrow, table_expr.schema())
        return expr.__pyarrow_result__(table)

    def execute(self, expr: Any, /, *, params: Any = None, limit: Any = None, **kw: Any) -> Any:
        from ibis.backends.pyspark import PySparkPandasData

        table_expr = expr.as_table()
        arrow = self.to_pyarrow(table_expr, params=params, limit=limit, **kw)
        frame = PySparkPandasData.convert_table(arrow.to_pandas(), table_expr.schema())
        return expr.__pandas_result__(frame)


def _scratch() -> Path:
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = Path(tempfile.mkdtemp(prefix="fairshore-spark-"))
    return _SCRATCH


def session(
    *, master: str, driver_memory: str, shuffle_partitions: int, java_options: str = ""
) -> Any:
    """The process's SparkSession (created once; later calls return the same one).

    ``java_options`` are added to the driver JVM's options (``FAIRSHORE_SPARK_JAVA_OPTIONS``).
    """
    global _SESSION
    with _LOCK:
        if _SESSION is not None:
            return _SESSION
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise EngineError(
                "engine 'pyspark' needs the spark extra: pip install 'fairshore[spark]' "
                "(and Java 17 or 21 on the PATH)"
            ) from None
        scratch = _scratch()
        log4j = scratch / "log4j2.properties"
        log4j.write_text(_LOG4J, encoding="utf-8")
        java_opts = (
            f"-Dderby.system.home={scratch / 'derby'} -Djava.io.tmpdir={scratch} "
            f"-Dlog4j.configurationFile=file:{log4j} {java_options}"
        ).strip()
        builder = (
            SparkSession.builder.master(master)
            .appName("fairshore")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
            .config("spark.driver.memory", driver_memory)
            .config("spark.driver.extraJavaOptions", java_opts)
            .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
            .config("spark.local.dir", str(scratch / "local"))
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.parquet.mergeSchema", "false")
            .config("spark.sql.adaptive.enabled", "true")
        )
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # the JVM failed to start: say what to check
            raise EngineError(
                f"cannot start Spark (master {master!r}): {exc}. Check that Java 17 or 21 "
                "is installed and FAIRSHORE_SPARK_MASTER is reachable"
            ) from None
        spark.sparkContext.setLogLevel("ERROR")
        _SESSION = spark
        atexit.register(stop)
        return spark


def stop() -> None:
    """Stop the process's SparkSession and remove its scratch folder (at exit)."""
    global _SESSION, _SCRATCH
    with _LOCK:
        if _SESSION is not None:
            _SESSION.stop()
            _SESSION = None
        if _SCRATCH is not None:
            shutil.rmtree(_SCRATCH, ignore_errors=True)
            _SCRATCH = None


def connect(
    *, master: str, driver_memory: str, shuffle_partitions: int, java_options: str = ""
) -> Any:
    """An Ibis PySpark backend on the process's session, with Fairshore's compiler."""
    spark = session(
        master=master,
        driver_memory=driver_memory,
        shuffle_partitions=shuffle_partitions,
        java_options=java_options,
    )
    import ibis

    ibis.pyspark  # noqa: B018 (loading the backend registers its options)
    return FairshoreSparkBackend().connect(spark)


def read_parquet(con: Any, uris: list[str], *, name: str, schema: Any = None) -> Any:
    """Register Parquet files (union by column name) as a view; the Ibis table of it.

    ``schema`` (a pyarrow schema, the union of the files' columns) spares Spark the job
    that merges the files' schemas; without it Spark merges them itself. Timestamps come
    back from Spark without a time zone in Ibis' schema; they are instants in UTC (the
    session's zone), so they are typed ``timestamp('UTC')``.
    """
    spark = con._session
    reader = spark.read
    if schema is None:
        reader = reader.option("mergeSchema", "true")
    else:
        reader = reader.schema(", ".join(f"`{f.name}` {_spark_type(f.type)}" for f in schema))
    frame = reader.parquet(*uris)
    frame.createOrReplaceTempView(name)
    table = con.table(name)
    casts = {
        c: dt.Timestamp(timezone="UTC", scale=6)
        for c, t in table.schema().items()
        if t.is_timestamp()
    }
    return table.cast(casts) if casts else table


@contextmanager
def cached_view(con: Any, expr: Any, *, name: str) -> Iterator[Any]:
    """``expr`` computed by Spark, kept in its memory as the view ``name``: the Ibis
    table of it (with ``expr``'s schema), while the block runs."""
    con._run_pre_execute_hooks(expr)  # its in-memory tables, registered with Spark
    frame = con._session.sql(con.compile(expr)).cache()
    frame.createOrReplaceTempView(name)
    try:
        yield con.table(name).cast(expr.schema())
    finally:
        con._session.catalog.dropTempView(name)
        frame.unpersist()


def _spark_type(type_: Any) -> str:
    import pyarrow as pa

    checks = (
        (pa.types.is_string, "STRING"),
        (pa.types.is_large_string, "STRING"),
        (pa.types.is_string_view, "STRING"),
        (pa.types.is_timestamp, "TIMESTAMP"),
        (pa.types.is_date32, "DATE"),
        (pa.types.is_float64, "DOUBLE"),
        (pa.types.is_int64, "BIGINT"),
        (pa.types.is_boolean, "BOOLEAN"),
    )
    for check, name in checks:
        if check(type_):
            return name
    raise EngineError(
        f"pyspark: the lake holds a column of type {type_} that Fairshore never writes"
    )
