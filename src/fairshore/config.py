"""One typed settings object, read from ``FAIRSHORE_*`` environment variables.

Settings are validated when they are read, so a misconfigured deployment stops at
start-up with a message that names the variable, instead of failing later.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from fairshore.errors import ConfigError

Environment = Literal["development", "test", "production"]
Engine = Literal["duckdb", "pyspark"]


class Settings(BaseSettings):
    """Fairshore's settings; each field is the variable ``FAIRSHORE_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="FAIRSHORE_", extra="forbid", frozen=True)

    home: Path = Field(
        default=Path("fairshore-workspace"),
        description="Workspace folder: SQLite database, lake, quarantine, raw files.",
    )
    env: Environment = "development"
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default SQLite in the workspace."
    )
    engine: Engine = Field(default="duckdb", description="Analytics engine for the lake.")
    lake_uri: str | None = Field(
        default=None,
        description="Lake location: a path or file:// URI; an s3://, gs://, abfss:// or az:// "
        "object store (through delta-rs; options from AWS_*, GOOGLE_* or AZURE_* variables; "
        "with pyspark gs:// and abfss:// are Hadoop's); or s3a://, hdfs:// (pyspark only); "
        "default <home>/lake.",
    )
    lake_storage_options: dict[str, str] = Field(
        default_factory=dict,
        description="delta-rs storage options of an object-store lake (JSON object), over "
        "those read from the environment (docs/lake.md lists the variables per store).",
    )
    lake_as_of: str | None = Field(
        default=None,
        description="Read the lake as it was at a lake version or ISO date-time "
        "(see 'fairshore lake history'); default the latest.",
    )
    lake_retention_hours: int = Field(
        default=168,
        ge=0,
        description="Old table versions stay readable (--as-of) this long after a newer "
        "one replaced their files; 'fairshore lake vacuum' deletes them afterwards.",
    )
    erasure_grace_hours: int = Field(
        default=0,
        ge=0,
        description="After 'fairshore privacy erase', the old table versions that still "
        "hold the subject are vacuumed once this many hours have passed.",
    )
    raw_retention_days: int | None = Field(
        default=None,
        ge=1,
        description="Received files (raw/) are deleted by 'fairshore lake vacuum' this "
        "many days after arrival; default kept.",
    )
    quarantine_retention_days: int | None = Field(
        default=None,
        ge=1,
        description="Quarantined rows are deleted by 'fairshore lake vacuum' this many "
        "days after their batch; default kept.",
    )
    spark_master: str = Field(
        default="local[2]", description="Spark master URL when the engine is pyspark."
    )
    spark_driver_memory: str = Field(default="2g", description="Spark driver memory (JVM heap).")
    spark_shuffle_partitions: int = Field(
        default=4, gt=0, description="spark.sql.shuffle.partitions (raise it on a cluster)."
    )
    spark_java_options: str = Field(
        default="",
        description="Extra options of Spark's driver JVM, e.g. '-XX:TieredStopAtLevel=1' "
        "(starts short local runs three times faster).",
    )
    secret_key: SecretStr | None = Field(
        default=None, description="Signs sessions and keys pseudonyms; required in production."
    )
    today: date | None = Field(
        default=None,
        description="Judge as of this day (YYYY-MM-DD) instead of the clock: verdicts, "
        "overdue findings, scorecards. Default: the day the workspace is pinned to "
        "(a demo scenario's own day), else today.",
    )
    sync_interval_minutes: int = Field(
        default=15,
        ge=0,
        description="How often 'fairshore serve' looks for due source syncs; 0: never "
        "(then schedule 'fairshore sync --all' in cron).",
    )
    file_feed_days: int = Field(
        default=35,
        gt=0,
        description="Days without an accepted batch after which an engagement that "
        "received files raises a 'no vendor files' finding (monthly files and a grace).",
    )
    ingest_max_bytes: int = Field(default=2 * 1024**3, gt=0)
    ingest_chunk_rows: int = Field(default=250_000, gt=0)
    web_upload_max_bytes: int = Field(
        default=200 * 1024**2,
        gt=0,
        description="Largest request body of a web or API upload, counted as it streams.",
    )
    upload_max_rows: int = Field(
        default=5_000_000,
        gt=0,
        description="Rows one web or API upload may hold; larger exports go through the CLI.",
    )
    base_url: str = Field(
        default="http://127.0.0.1:8000",
        pattern=r"^https?://[^\s/]+(/[^\s]*)?$",
        description="Where people reach the web app; the links in e-mails start with it.",
    )
    smtp_host: str | None = Field(
        default=None, description="SMTP server for e-mail notifications (unset: none sent)."
    )
    smtp_port: int = Field(default=587, gt=0, lt=65536)
    smtp_user: str | None = Field(default=None, description="SMTP login, if it needs one.")
    smtp_password: SecretStr | None = Field(default=None, description="SMTP password.")
    smtp_from: str | None = Field(
        default=None, description="Sender address; required in production when SMTP is set."
    )
    smtp_starttls: bool = Field(default=True, description="Upgrade the connection with STARTTLS.")
    smtp_timeout_s: float = Field(default=10.0, gt=0)
    sign_in_failures_per_client: int = Field(
        default=20,
        gt=0,
        description="Failed sign-ins one client address may make in 15 minutes before "
        "it must wait (429 with Retry-After).",
    )

    @model_validator(mode="after")
    def _lake_uri_scheme(self) -> Settings:
        if self.lake_uri is not None:
            scheme = lake_scheme(self.lake_uri)
            if scheme not in ("", "file", *OBJECT_SCHEMES, *REMOTE_SCHEMES):
                raise ValueError(
                    f"FAIRSHORE_LAKE_URI scheme {scheme!r} is not supported: use a path, "
                    f"file://, {', '.join(f'{o}://' for o in OBJECT_SCHEMES)}, or (with "
                    f"FAIRSHORE_ENGINE=pyspark) {', '.join(REMOTE_SCHEMES)}"
                )
        return self

    @model_validator(mode="after")
    def _production_needs_secrets(self) -> Settings:
        if self.env == "production":
            if self.secret_key is None or len(self.secret_key.get_secret_value()) < 32:
                raise ValueError(
                    "FAIRSHORE_SECRET_KEY must be set to at least 32 random characters "
                    "in production (for example: python -c 'import secrets; "
                    "print(secrets.token_urlsafe(48))')"
                )
            if self.database_url is None:
                raise ValueError("FAIRSHORE_DATABASE_URL must be set in production")
            if self.smtp_host is not None and self.smtp_from is None:
                raise ValueError("FAIRSHORE_SMTP_FROM must be set in production with SMTP")
            if self.smtp_user is not None and self.smtp_password is None:
                raise ValueError("FAIRSHORE_SMTP_PASSWORD must be set with FAIRSHORE_SMTP_USER")
        return self

    @property
    def known_base_url(self) -> str | None:
        """``FAIRSHORE_BASE_URL`` when it was set, else None: a report file carries links
        to the app only then (the default is this machine's own address, which a file
        sent to someone else would point at in vain)."""
        return self.base_url if "base_url" in self.model_fields_set else None

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to SQLite inside the workspace."""
        return self.database_url or f"sqlite:///{self.home.resolve() / 'fairshore.db'}"

    @property
    def lake_path(self) -> Path:
        """The lake folder on this machine, where ingest writes.

        For a lake on a Hadoop file system (``s3a://``, ``hdfs://`` ...) only the engine
        reads it; ingest then writes ``<home>/lake``, which is published to the shared
        lake with the store's own copy tool (see ``docs/scale-out.md``).
        """
        if self.lake_uri is None or lake_scheme(self.lake_uri) not in ("", "file"):
            return self.home / "lake"
        return Path(self.lake_uri.removeprefix("file://"))

    @property
    def lake_root(self) -> Path | ObjectStore:
        """Where the lake's Delta tables are: ``lake_path``, or the object store (with
        pyspark, ``gs://`` and ``abfss://`` are Hadoop's file systems: ``lake_path``)."""
        scheme = "" if self.lake_uri is None else lake_scheme(self.lake_uri)
        hadoop = self.engine == "pyspark" and scheme in REMOTE_SCHEMES
        if self.lake_uri is not None and scheme in OBJECT_SCHEMES and not hadoop:
            return object_store(
                self.lake_uri, environ=os.environ, overrides=self.lake_storage_options
            )
        return self.lake_path

    @property
    def lake_staging(self) -> Path:
        """Where ingest writes a batch's files before its commit: beside the tables' logs
        for a lake on this machine (the commit adds them where they are), else a folder
        of the workspace (the commit uploads them)."""
        root = self.lake_root
        return root if isinstance(root, Path) else self.home / "lake-staging"


# Hadoop file systems Spark reads (DuckDB reads local lakes only).
REMOTE_SCHEMES = ("s3a", "hdfs", "abfss", "gs")

OBJECT_SCHEMES = ("s3", "gs", "abfss", "az")
"""Lake URI schemes delta-rs reads and writes itself (gs:// and abfss:// are Hadoop's
with FAIRSHORE_ENGINE=pyspark, see ``Settings.lake_root``)."""

AWS_VARIABLES = (
    "AWS_ENDPOINT_URL",
    "AWS_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_ALLOW_HTTP",
)
GOOGLE_VARIABLES = (
    "GOOGLE_SERVICE_ACCOUNT",  # the path of a service account's JSON key file
    "GOOGLE_SERVICE_ACCOUNT_PATH",
    "GOOGLE_SERVICE_ACCOUNT_KEY",  # the JSON key itself
    "GOOGLE_APPLICATION_CREDENTIALS",
)
AZURE_VARIABLES = (
    "AZURE_STORAGE_ACCOUNT_NAME",
    "AZURE_STORAGE_ACCOUNT_KEY",
    "AZURE_STORAGE_SAS_TOKEN",
    "AZURE_STORAGE_ENDPOINT",  # e.g. Azurite's http://127.0.0.1:10000/devstoreaccount1
    "AZURE_STORAGE_USE_EMULATOR",  # Azurite at AZURITE_BLOB_STORAGE_URL or :10000
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "AZURE_TENANT_ID",
)
STORE_VARIABLES = {
    "s3": AWS_VARIABLES,
    "gs": GOOGLE_VARIABLES,
    "abfss": AZURE_VARIABLES,
    "az": AZURE_VARIABLES,
}
"""The environment variables handed to delta-rs per object-store scheme: S3's under their
own names (as before), Google's and Azure's as delta-rs' lower-case option keys."""


@dataclass(frozen=True)
class ObjectStore:
    """A lake in an object store (``s3://``, ``gs://``, ``abfss://``, ``az://``) and its
    delta-rs options."""

    uri: str
    options: tuple[tuple[str, str], ...] = ()

    def table_uri(self, table: str) -> str:
        return f"{self.uri.rstrip('/')}/{table}"

    @property
    def storage_options(self) -> dict[str, str]:
        return dict(self.options)

    def __repr__(self) -> str:  # never print keys
        return f"ObjectStore({self.uri!r})"


def object_store(
    uri: str, *, environ: Mapping[str, str], overrides: Mapping[str, str]
) -> ObjectStore:
    """The object store at ``uri``, its options from its scheme's environment variables
    (``STORE_VARIABLES``) and overrides."""
    scheme = lake_scheme(uri)
    found = {
        name if scheme == "s3" else name.lower(): environ[name]
        for name in STORE_VARIABLES.get(scheme, ())
        if environ.get(name)
    }
    found.update(overrides)
    return ObjectStore(uri, tuple(sorted(found.items())))


def lake_scheme(uri: str) -> str:
    """The scheme of a lake URI, lower case (``""`` for a plain path)."""
    head, sep, _ = uri.partition("://")
    return head.lower() if sep and head.isalnum() else ""


def load_settings(**overrides: object) -> Settings:
    """Read and validate settings, raising ``ConfigError`` with the variable named."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"FAIRSHORE_{'_'.join(str(p) for p in e['loc']).upper() or 'SETTINGS'}: {e['msg']}"
            for e in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached after the first successful read)."""
    return load_settings()
