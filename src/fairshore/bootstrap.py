"""Opening a workspace: folders, database migrated, ready for the services.

A workspace is one folder holding everything a single-machine install needs::

    <home>/fairshore.db     SQLite (or FAIRSHORE_DATABASE_URL elsewhere)
    <home>/lake/            one Delta table per table, partitioned by engagement and month
    <home>/quarantine/      rejected rows with reasons, per batch
    <home>/raw/             every received file, unchanged, by sha256
    <home>/evidence/        evidence documents, by sha256
    <home>/reports/         rendered reports
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from fairshore.adapters.db import Database
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.config import ObjectStore, Settings, get_settings
from fairshore.errors import WorkspaceError

# The file that pins a workspace to a day (``Workspace.today``).
PINNED_DAY = "today"

if TYPE_CHECKING:
    from fairshore.adapters.lake import Lake
    from fairshore.adapters.lake.upgrade import TableUpgrade
    from fairshore.composition import Registries

FOLDERS = ("lake", "quarantine", "raw", "evidence", "reports")
T = TypeVar("T")
DEFAULT_ORGANISATION = "default"


class _Parts:
    """What a workspace shares with its views (``dataclasses.replace(ws,
    organisation_id=...)``, one tenant's view per web request): its registries and its
    lake readers, one per thread, all closed with the workspace."""

    def __init__(self, registries: Registries | None = None) -> None:
        self.registries = registries
        self.local = threading.local()
        self.lock = threading.Lock()
        self.lakes: list[Lake] = []

    def lake_reader(self, settings: Settings) -> Lake:
        lake: Lake | None = getattr(self.local, "lake", None)
        if lake is None or getattr(self.local, "settings", None) is not settings:
            from fairshore.adapters.lake import Lake  # Ibis, PyArrow: not at start-up

            lake = Lake.from_settings(settings)
            self.local.lake, self.local.settings = lake, settings
            with self.lock:
                self.lakes.append(lake)
        return lake

    def kept_results(self) -> dict[Hashable, Any] | None:
        """This thread's results of the open :meth:`Workspace.reading`, if one is open."""
        kept: dict[Hashable, Any] | None = getattr(self.local, "kept", None)
        return kept

    def close(self) -> None:
        with self.lock:
            lakes, self.lakes = self.lakes, []
            self.local = threading.local()
        for lake in lakes:
            lake.close()


@dataclass
class Workspace:
    """An open workspace: its settings, folders, migrated database, lake and registries.

    Services receive the workspace and read the lake through :attr:`lake_reader`; none
    builds a :class:`~fairshore.adapters.lake.Lake` of its own, and :meth:`close` closes
    every one the workspace (and its views) opened.
    """

    settings: Settings
    db: Database
    organisation_id: str = DEFAULT_ORGANISATION
    migrated: list[str] = field(default_factory=list)
    lake_upgraded: list[TableUpgrade] = field(default_factory=list)
    # an init field, so a view made with dataclasses.replace shares it
    parts: _Parts = field(default_factory=_Parts, repr=False, compare=False)

    @property
    def home(self) -> Path:
        return self.settings.home

    @property
    def lake(self) -> Path | ObjectStore:
        """Where the lake's tables are: a folder, or an object store."""
        return self.settings.lake_root

    @property
    def lake_reader(self) -> Lake:
        """The lake as the analytics engine reads it, at ``settings.lake_as_of``.

        One per thread (a DuckDB connection is not shared between threads: the web app
        answers requests on a pool), made again when the settings change (``--as-of``
        pins the lake after the workspace opened); all closed with the workspace.
        """
        return self.parts.lake_reader(self.settings)

    @property
    def registries(self) -> Registries:
        """Clause providers, alert providers and format adapters this workspace runs with:
        given when opened, else the composition root's (:mod:`fairshore.composition`)."""
        if self.parts.registries is None:
            from fairshore.composition import default_registries  # imports every feature

            self.parts.registries = default_registries()
        return self.parts.registries

    def registers_version(self) -> int:
        """Moves whenever a register row is written (a finding, audit, incident, evaluation,
        answer, evidence, grievance ...; not sign-ins or the audit log), in any process:
        a result kept in memory is stamped with it (with the lake's files) and recomputed
        when it moves. Workspace-wide: another organisation's write moves it too."""
        return self.db.registers_version()

    def today(self) -> date:
        """The day this workspace judges as of (verdicts, overdue findings, scorecards).

        ``FAIRSHORE_TODAY`` when set; else the day the workspace is pinned to
        (:func:`pin_today`: a demo scenario judges as of its own day, whatever day it
        runs); else the clock's day, in UTC. Events (a worker's report, a sign-in) keep
        the clock's time.
        """
        if self.settings.today is not None:
            return self.settings.today
        pinned = self.home / PINNED_DAY
        if pinned.is_file():
            try:
                return date.fromisoformat(pinned.read_text(encoding="utf-8").strip())
            except ValueError:
                raise WorkspaceError(
                    f"{pinned} does not hold a day (YYYY-MM-DD): fix or delete it"
                ) from None
        return datetime.now(UTC).date()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """A stretch of work that only reads (building a report): inside it, each result
        asked for through :meth:`kept` is computed once, whichever section asks again;
        outside it (and once it ends) every call computes afresh.

        Nested stretches share the outermost one's results. Per thread, like the lake
        readers: a web request's report does not see another request's results.
        """
        local = self.parts.local
        if getattr(local, "kept", None) is not None:
            yield
            return
        local.kept = {}
        try:
            with ExitStack() as local.held:  # what kept_open opened, closed at the end
                yield
        finally:
            local.kept = local.held = None

    def kept(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, or inside :meth:`reading` the result computed for ``key`` before.

        ``key`` names the use case and every argument it reads; the organisation and the
        settings (a pinned lake version) are added here. A failure is not kept.
        """
        kept = self.parts.kept_results()
        if kept is None:
            return compute()
        full = (self.organisation_id, id(self.settings), key)
        if full not in kept:
            kept[full] = compute()
        return cast(T, kept[full])

    def kept_open(
        self, key: Hashable, open_: Callable[[], AbstractContextManager[T]], stack: ExitStack
    ) -> T:
        """Like :meth:`kept`, for a value held open (the engine's temporary table of a
        computation's shared rows): inside :meth:`reading` it is opened once and closed
        when the reading ends, else it is opened on ``stack``, the caller's."""
        kept = self.parts.kept_results()
        if kept is None:
            return stack.enter_context(open_())
        full = (self.organisation_id, id(self.settings), key)
        if full not in kept:
            kept[full] = self.parts.local.held.enter_context(open_())
        return cast(T, kept[full])

    def folder(self, name: str) -> Path:
        """One of the workspace folders (``lake``, ``quarantine``, ``raw`` ...); the lake's
        is where ingest stages a batch's files."""
        if name == "lake":
            return self.settings.lake_staging
        return self.home / name

    def close(self) -> None:
        self.parts.close()
        self.db.dispose()


def init_workspace(
    settings: Settings | None = None, *, registries: Registries | None = None
) -> Workspace:
    """Create (or open and migrate) the workspace at ``settings.home``; ``registries``
    default to the composition root's (:func:`fairshore.composition.default_registries`)."""
    settings = settings or get_settings()
    try:
        settings.home.mkdir(parents=True, exist_ok=True)
        for name in FOLDERS:
            (settings.lake_path if name == "lake" else settings.home / name).mkdir(
                parents=True, exist_ok=True
            )
    except OSError as exc:
        raise WorkspaceError(f"cannot create the workspace at {settings.home}: {exc}") from None
    ws = _connect(settings, registries)
    # a lake of the previous layout (Parquet files and _pending markers) becomes Delta tables
    if _previous_lake_layout(settings.lake_path):
        from fairshore.adapters.lake.upgrade import upgrade_lake  # pyarrow, deltalake: ~2 s

        ws.lake_upgraded = upgrade_lake(settings.lake_path)
    return ws


def _previous_lake_layout(root: Path) -> bool:
    """True when the lake holds files of the layout before Delta tables."""
    return any((root / marker).is_dir() for marker in ("_pending", "_staging")) or any(
        root.glob("*/engagement=*")
    )


def open_workspace(
    settings: Settings | None = None, *, registries: Registries | None = None
) -> Workspace:
    """Open an existing workspace, migrating its database when it is older; ``registries``
    as in :func:`init_workspace`."""
    settings = settings or get_settings()
    if settings.database_url is None and not (settings.home / "fairshore.db").exists():
        raise WorkspaceError(
            f"no workspace at {settings.home.resolve()}: run "
            f"'fairshore init --dir {settings.home}' or set FAIRSHORE_HOME"
        )
    return _connect(settings, registries)


def _connect(settings: Settings, registries: Registries | None) -> Workspace:
    # Imported here: the accounts feature imports this module for ``Workspace``.
    from fairshore.accounts.audit import audit_chain, rekey_legacy_chain

    db = Database(settings.resolved_database_url, audit=audit_chain(settings))
    applied = db.migrate()
    rekey_legacy_chain(db, settings)
    with db.begin() as conn:
        ensure_organisation(conn, DEFAULT_ORGANISATION, "Default organisation")
    return Workspace(settings=settings, db=db, migrated=applied, parts=_Parts(registries))


def pin_today(ws: Workspace, day: date) -> None:
    """Make ``ws`` judge as of ``day`` from now on (a scenario's own day)."""
    (ws.home / PINNED_DAY).write_text(day.isoformat() + "\n", encoding="utf-8")
