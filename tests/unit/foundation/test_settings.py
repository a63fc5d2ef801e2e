"""Settings validation: typed, from FAIRSHORE_* variables, refusing unsafe production."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairshore.config import load_settings
from fairshore.errors import ConfigError


def test_defaults_are_an_embedded_workspace(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FAIRSHORE_HOME", "FAIRSHORE_DATABASE_URL", "FAIRSHORE_ENV", "FAIRSHORE_ENGINE"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.env == "development"
    assert settings.engine == "duckdb"
    assert settings.resolved_database_url.startswith("sqlite:///")
    assert settings.resolved_database_url.endswith("fairshore.db")
    assert settings.lake_path == settings.home / "lake"


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FAIRSHORE_HOME", str(tmp_path))
    monkeypatch.setenv("FAIRSHORE_ENGINE", "pyspark")
    monkeypatch.setenv("FAIRSHORE_LAKE_URI", "file:///data/lake")
    settings = load_settings()
    assert settings.home == tmp_path
    assert settings.engine == "pyspark"
    assert settings.lake_path == Path("/data/lake")


def test_unknown_engine_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRSHORE_ENGINE", "excel")
    with pytest.raises(ConfigError, match="FAIRSHORE_ENGINE"):
        load_settings()


def test_production_refuses_to_start_without_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRSHORE_ENV", "production")
    monkeypatch.setenv("FAIRSHORE_DATABASE_URL", "postgresql+psycopg://db/fairshore")
    monkeypatch.delenv("FAIRSHORE_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="FAIRSHORE_SECRET_KEY"):
        load_settings()


def test_production_refuses_a_short_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRSHORE_ENV", "production")
    monkeypatch.setenv("FAIRSHORE_DATABASE_URL", "postgresql+psycopg://db/fairshore")
    monkeypatch.setenv("FAIRSHORE_SECRET_KEY", "changeme")
    with pytest.raises(ConfigError, match="at least 32"):
        load_settings()


def test_production_needs_a_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRSHORE_ENV", "production")
    monkeypatch.setenv("FAIRSHORE_SECRET_KEY", "x" * 48)
    monkeypatch.delenv("FAIRSHORE_DATABASE_URL", raising=False)
    with pytest.raises(ConfigError, match="FAIRSHORE_DATABASE_URL"):
        load_settings()


def test_production_with_secrets_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRSHORE_ENV", "production")
    monkeypatch.setenv("FAIRSHORE_SECRET_KEY", "x" * 48)
    monkeypatch.setenv("FAIRSHORE_DATABASE_URL", "postgresql+psycopg://db/fairshore")
    settings = load_settings()
    assert settings.secret_key is not None
    assert "x" * 48 not in repr(settings)


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ConfigError, match="FAIRSHORE_COLOUR"):
        load_settings(colour="blue")
