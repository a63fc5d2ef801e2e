"""Choosing the analytics engine and the lake's location (no engine is started)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairshore.adapters.lake import Lake
from fairshore.config import load_settings
from fairshore.errors import ConfigError, EngineError


def test_engine_and_spark_settings_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRSHORE_ENGINE", "pyspark")
    monkeypatch.setenv("FAIRSHORE_SPARK_MASTER", "spark://head:7077")
    monkeypatch.setenv("FAIRSHORE_SPARK_SHUFFLE_PARTITIONS", "200")
    monkeypatch.setenv("FAIRSHORE_SPARK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1")
    lake = Lake.from_settings(load_settings(home=Path("w")))
    assert lake.engine == "pyspark"
    assert lake.spark.master == "spark://head:7077"
    assert lake.spark.shuffle_partitions == 200
    assert lake.spark.java_options == "-XX:TieredStopAtLevel=1"
    assert lake.root == Path("w/lake")


@pytest.mark.parametrize(
    ("uri", "path", "remote"),
    [
        ("/data/lake", Path("/data/lake"), False),
        ("file:///data/lake", Path("/data/lake"), False),
        ("s3a://bucket/lake", Path("w/lake"), True),  # ingest writes <home>/lake
        ("hdfs://nn:8020/lake", Path("w/lake"), True),
    ],
)
def test_lake_uri_schemes(uri: str, path: Path, remote: bool) -> None:
    settings = load_settings(home=Path("w"), lake_uri=uri)
    assert settings.lake_path == path
    assert Lake.from_settings(settings).remote is remote


def test_an_unknown_lake_scheme_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="FAIRSHORE_LAKE_URI scheme 'http'"):
        load_settings(lake_uri="http://example.org/lake")


def test_duckdb_refuses_a_lake_on_object_storage() -> None:
    lake = Lake(Path("w/lake"), engine="duckdb", uri="s3a://bucket/lake")
    with pytest.raises(EngineError, match="FAIRSHORE_ENGINE=pyspark"):
        lake.table("interactions")


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(EngineError, match="duckdb or pyspark"):
        Lake(Path("w/lake"), engine="polars").con  # noqa: B018
