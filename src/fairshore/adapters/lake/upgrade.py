"""Upgrading a lake of the previous layout to Delta tables, in place.

The previous layout was ``<lake>/<table>/engagement=<id>/month=<YYYY-MM>/<batch>.parquet``
with ``_pending`` markers and ``_staging`` folders. Its published files already hold
every column, so upgrading commits them where they are (one Delta commit per table
and engagement, no row rewritten) and checks the rows a snapshot reads equal the rows
the files held. Files of a batch still marked pending were never visible and are
deleted (their ingest re-runs), and the markers and staging go. Running it again
commits only files not committed yet.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.adapters.lake import delta
from fairshore.errors import EngineError
from fairshore.interactions.schema import TABLES
from fairshore.interactions.validation import ARROW_TYPES


@dataclass(frozen=True)
class TableUpgrade:
    """One table's upgrade: files committed and rows before and after."""

    table: str
    files: int
    rows_before: int
    rows_after: int


def canonical_schema(table: str, extra: list[str]) -> pa.Schema:
    """The Arrow schema of a canonical table plus extra (segment) string columns."""
    fields = [pa.field(c.name, ARROW_TYPES[c.type]) for c in TABLES[table].columns]
    fields += [pa.field(n, pa.string()) for n in extra]
    return pa.schema(fields)


def upgrade_lake(root: Path) -> list[TableUpgrade]:
    """Commit the previous layout's files to Delta tables; the tables upgraded."""
    pending = _names(root / "_pending")
    done = []
    for table in TABLES:
        found = sorted((root / table).glob("engagement=*/month=*/*.parquet"))
        for path in found:
            if path.stem in pending:  # never visible; its ingest re-runs
                path.unlink()
        legacy = [p for p in found if p.stem not in pending]
        if legacy:
            upgraded = _adopt(root, table, legacy)
            if upgraded is not None:
                done.append(upgraded)
    for folder in ("_pending", "_staging"):
        shutil.rmtree(root / folder, ignore_errors=True)
    return done


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def _adopt(root: Path, table: str, legacy: list[Path]) -> TableUpgrade | None:
    dt = delta.open_table(root, table)
    known = set(delta.files(dt)) if dt is not None else set()
    legacy = [p.resolve() for p in legacy]
    new = [p for p in legacy if str(p) not in known]
    if not new:
        return None
    canonical = set(TABLES[table].names)
    extra = sorted({n for p in new for n in pq.read_schema(p).names} - canonical)
    dt = delta.ensure_table(root, table, canonical_schema(table, extra))
    before = delta.count_rows([str(p) for p in new])
    by_engagement: dict[str, list[delta.StagedFile]] = {}
    for path in new:
        engagement = path.parent.parent.name.removeprefix("engagement=")
        month = path.parent.name.removeprefix("month=")
        rows = pq.ParquetFile(path).metadata.num_rows
        by_engagement.setdefault(engagement, []).append(delta.StagedFile(path, month, rows))
    for engagement, files in sorted(by_engagement.items()):
        delta.add_files(
            dt,
            files,
            root=root,
            engagement_id=engagement,
            batch_id=f"upgrade-{engagement}-{dt.version() + 1}",
            operation="upgrade",
        )
    committed = set(delta.files(dt))
    after = delta.count_rows([str(p) for p in new if str(p) in committed])
    if after != before:
        raise EngineError(
            f"upgrading the lake's {table} table read {after} rows where its files hold "
            f"{before}: its commits are kept (see 'fairshore lake history'); report this"
        )
    return TableUpgrade(table, len(new), before, after)
