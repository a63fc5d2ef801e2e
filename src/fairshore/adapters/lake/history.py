"""Lake versions: one number for the state of every table, read from the Delta logs.

Each commit Fairshore makes carries ``fairshore.lake_version`` in its commit info: one
more than the highest of any table's, so the lake versions order every commit of the
lake. The lake *at* version N is, per table, its last commit numbered N or less (a
commit that carries no number, such as a table's creation or a column added, belongs
to the lake version before it). A timestamp works the same way with commit times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fairshore.adapters.lake import delta
from fairshore.adapters.lake.store import LakeRoot
from fairshore.errors import InputError
from fairshore.interactions.schema import TABLES

LAKE_VERSION_KEY = delta.LAKE_VERSION_KEY


@dataclass(frozen=True)
class LakeCommit:
    """One commit of one table."""

    lake_version: int
    table: str
    table_version: int
    at: datetime
    operation: str
    batch_id: str | None
    rows: int | None


def _commits(root: LakeRoot, table: str) -> list[LakeCommit]:
    dt = delta.open_table(root, table)
    if dt is None:
        return []
    out: list[LakeCommit] = []
    number = 0
    for entry in sorted(dt.history(), key=lambda e: int(e["version"])):
        number = int(entry.get(LAKE_VERSION_KEY) or number)
        out.append(_commit(table, number, entry))
    return out


def _commit(table: str, number: int, entry: dict[str, Any]) -> LakeCommit:
    rows = entry.get(delta.ROWS_KEY)
    return LakeCommit(
        lake_version=number,
        table=table,
        table_version=int(entry["version"]),
        at=datetime.fromtimestamp(int(entry["timestamp"]) / 1000, tz=UTC),
        operation=str(entry.get(delta.OPERATION_KEY) or entry.get("operation") or ""),
        batch_id=entry.get(delta.BATCH_KEY),
        rows=None if rows is None else int(rows),
    )


def lake_history(root: LakeRoot) -> list[LakeCommit]:
    """Every commit of every table, oldest first."""
    found = [c for table in TABLES for c in _commits(root, table)]
    return sorted(found, key=lambda c: (c.lake_version, c.at, c.table, c.table_version))


def current_version(root: LakeRoot) -> int:
    """The lake's latest version (0 before its first commit)."""
    return delta.current_lake_version(root)


def parse_as_of(text: str) -> int | datetime:
    """A lake version (an integer) or an ISO 8601 instant (UTC when no offset)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"--as-of {text!r}: give a lake version (see 'fairshore lake history') or a "
            "date-time such as 2026-10-31T18:00:00Z"
        ) from None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Snapshot:
    """The lake at one version: each table's Delta version (None: no table yet)."""

    lake_version: int
    tables: dict[str, int | None]


def snapshot_at(root: LakeRoot, as_of: int | datetime) -> Snapshot:
    """The table versions that make up the lake at a lake version or instant."""
    tables: dict[str, int | None] = {}
    chosen = 0
    for table in TABLES:
        version = None
        for commit in _commits(root, table):
            inside = commit.lake_version <= as_of if isinstance(as_of, int) else commit.at <= as_of
            if inside:
                version = commit.table_version
                chosen = max(chosen, commit.lake_version)
        tables[table] = version
    if isinstance(as_of, int):
        latest = current_version(root)
        if as_of > latest:
            raise InputError(f"lake version {as_of} does not exist yet (the latest is {latest})")
        chosen = as_of
    return Snapshot(lake_version=chosen, tables=tables)
