"""One page a connector fetched: the files of one ingest batch and where the next starts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page: its bytes (the batch's first file), its record count, the source's
    position after it (saved once the batch is in the lake), whether the stream ends
    here, the format adapter that reads it and further files of the same batch
    (Freshdesk's satisfaction ratings of the page's tickets)."""

    content: bytes
    records: int
    after_cursor: str | None
    end_of_stream: bool
    format: str = "zendesk"
    extra: tuple[bytes, ...] = ()
