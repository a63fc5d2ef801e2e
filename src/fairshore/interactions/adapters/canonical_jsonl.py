"""Canonical JSON Lines: one JSON object per line with canonical keys."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from fairshore.errors import IngestError
from fairshore.interactions.adapters.base import chunked
from fairshore.interactions.adapters.canonical_csv import check_header
from fairshore.interactions.file_checks import check_file
from fairshore.interactions.model import MALFORMED_RECORD, ReadContext
from fairshore.interactions.schema import TABLES


class CanonicalJsonl:
    """Canonical tables as JSON Lines (a malformed line is quarantined, not fatal)."""

    name: ClassVar[str] = "jsonl"
    tables: ClassVar[tuple[str, ...]] = tuple(TABLES)

    def sniff(self, path: Path, head: str) -> bool:
        lines = [x for x in head.splitlines() if x.strip()]
        if not lines or not lines[0].lstrip().startswith("{"):
            return False
        try:
            return isinstance(json.loads(lines[0]), dict)
        except json.JSONDecodeError:
            return False

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        for path in paths:
            check_file(path, max_bytes=ctx.max_bytes, kind="text")
            yield from chunked(self._records(path, ctx), ctx.chunk_rows)

    def _records(self, path: Path, ctx: ReadContext) -> Iterator[dict[str, Any]]:
        known: set[str] | None = None
        allowed = set(TABLES[ctx.table].names) | set(ctx.segment_columns)
        seen: set[str] = set()
        with path.open("r", encoding="utf-8-sig") as fh:
            number = 0
            for line in fh:
                if not line.strip():
                    continue
                number += 1
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict):
                        raise ValueError("not an object")
                except ValueError:
                    if number == 1:
                        raise IngestError(
                            f"{path.name}: the first line is not a JSON object; JSON Lines "
                            "needs one object per line (a JSON array is not JSON Lines)"
                        ) from None
                    yield {"_row": number, "_reason": MALFORMED_RECORD, "_detail": "json"}
                    continue
                if known is None:
                    known = set(check_header(path, list(record), ctx))
                    seen.update(record)
                for key in record.keys() - seen:
                    seen.add(key)
                    if key in allowed:
                        known.add(key)
                    else:
                        bucket = (
                            "undeclared_segment_column"
                            if key.startswith("seg_")
                            else "ignored_column"
                        )
                        ctx.warnings[bucket] += 1
                row = {k: v for k, v in record.items() if k in known}
                row["_row"] = number
                yield row
