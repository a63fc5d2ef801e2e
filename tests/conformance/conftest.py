"""One small demo lake, read by DuckDB and by Spark in local mode (one session per process).

The lake is the demo scenario at a small scale, generated and ingested once per test
process; ``duck`` and ``spark`` are two workspaces on the same home that differ only in
``FAIRSHORE_ENGINE``. Spark needs Java: without it the Spark tests are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fairshore.bootstrap import Workspace, init_workspace, open_workspace
from fairshore.config import load_settings
from fairshore.demo.pipeline import STEPS, DemoContext
from tests.system_packages import need_java

SCALE = 0.004
SEED = 7
# The JIT's first tier only (FAIRSHORE_SPARK_JAVA_OPTIONS): the tests' queries are small
# and run once, so the JVM's warm-up is most of their time; results do not depend on it.
SPARK_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"


@pytest.fixture(scope="session")
def duck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo lake (register, generate, ingest) in a workspace on DuckDB."""
    home = tmp_path_factory.mktemp("conformance")
    ws = init_workspace(load_settings(home=home, engine="duckdb"))
    ctx = DemoContext(ws=ws, scale=SCALE, seed=SEED, progress=None, incoming=home / "incoming")
    for step in STEPS:
        if step.name in ("register", "generate", "ingest"):
            ctx.results[step.name] = step.run(ctx)
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def _spark_can_run() -> None:
    """Every test here compares with Spark: skip before the lake is built if it cannot run."""
    pytest.importorskip("pyspark")
    need_java()


@pytest.fixture(scope="session")
def spark(duck: Workspace) -> Iterator[Workspace]:
    """The same home opened again, its analytics on Spark ``local[2]``: a workspace of its
    own keeps its own lake reader (a view of ``duck`` would share one and make it again
    at every switch of engine)."""
    settings = load_settings(
        home=duck.home, engine="pyspark", spark_java_options=SPARK_JAVA_OPTIONS
    )
    ws = open_workspace(settings)
    yield ws
    ws.close()
