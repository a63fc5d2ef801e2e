"""The demo's vendor files arrive as they would in production: through folder sources.

Each manifest row (the files of one table of one engagement, in one vendor format)
becomes a folder source on the folder the generator wrote them to, with a pattern that
matches exactly those files; the demo then syncs each source, which ingests the files
as one batch through the normal ingest path, as ``fairshore ingest`` of the same files
would. The Sources page lists the demo's feeds with their last success, rows and next
run, and ``fairshore sync --all`` picks up any file added to those folders later.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from fairshore.errors import NotFoundError
from fairshore.interactions.services import list_batches
from fairshore.sources import services as sources
from fairshore.sources.model import Source

if TYPE_CHECKING:
    from fairshore.demo.model import FileEntry
    from fairshore.demo.pipeline import DemoContext


def source_id(entry: FileEntry) -> str:
    """``<engagement>-<table>-<format>``: one source per manifest row."""
    return f"{entry.engagement_id}-{entry.table}-{entry.format}".replace("_", "-")


def file_pattern(names: list[str]) -> str:
    """A ``stem*.ext`` glob of file names that later files of the same series match too
    (the name itself for one file): the names' common start without its trailing
    digits and dashes, and their common extension. ``calls-2025-11.tsv`` and
    ``calls-2025-12.tsv`` give ``calls*.tsv``; ``tickets-00001.json`` and
    ``ticket_metrics-00001.json`` give ``ticket*.json``."""
    if len(set(names)) == 1:
        return names[0]
    stem = os.path.commonprefix(names).rstrip("0123456789-_")  # noqa: RUF071 (characters)
    ends = {PurePosixPath(n).suffix for n in names}
    return f"{stem}*{ends.pop() if len(ends) == 1 else ''}"


def folder_source(ctx: DemoContext, entry: FileEntry) -> Source:
    """The folder source of ``entry`` (added on the first run), checked to read exactly
    the entry's files."""
    rel = [PurePosixPath(p) for p in entry.paths]
    folders = {p.parent for p in rel}
    if len(folders) != 1:
        raise ValueError(f"{source_id(entry)}: its files are in several folders {sorted(folders)}")
    folder = ctx.incoming / folders.pop()
    pattern = file_pattern([p.name for p in rel])
    matched = sorted(p.name for p in folder.glob(pattern) if p.is_file())
    if matched != sorted(p.name for p in rel):
        raise ValueError(f"{source_id(entry)}: {pattern} in {folder} also matches other files")
    try:
        return sources.get_source(ctx.ws, source_id(entry))
    except NotFoundError:
        return sources.add_file_source(
            ctx.ws, kind="folder", engagement_id=entry.engagement_id, location=str(folder),
            table=entry.table, pattern=pattern, format=entry.format,
            mapping=str(ctx.incoming / entry.mapping) if entry.mapping else None,
            source_tz=entry.source_tz, source_id=source_id(entry), now=sources.utc_now(),
        )  # fmt: skip


def sync_vendor_feeds(ctx: DemoContext) -> dict[str, Any]:
    """Every file of the manifest through a folder source and its sync (the Sources page)."""
    assert ctx.generation is not None
    reports = []
    for entry in ctx.generation.files:
        source = folder_source(ctx, entry)
        reports.append(sources.sync_source(ctx.ws, source.id, now=sources.utc_now()))
    status = {b.batch_id: b.status for b in list_batches(ctx.ws)}
    statuses = Counter(status[b] for r in reports for b in r.batches)
    rows = {
        "read": sum(r.rows_read for r in reports),
        "accepted": sum(r.rows_accepted for r in reports),
        "quarantined": sum(r.rows_quarantined for r in reports),
    }
    return {"batches": dict(statuses), "rows": rows}
