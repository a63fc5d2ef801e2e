"""The interface every format adapter implements, and what adapters share.

An adapter reads one or more vendor files and yields chunks (pyarrow tables) whose
columns carry canonical names, plus ``_row`` (the record's number in the source),
and optionally ``_reason``/``_detail`` for rows the adapter itself rejects. Values
may be text or typed; :mod:`fairshore.interactions.validation` does the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

import pyarrow as pa

from fairshore.errors import IngestError
from fairshore.interactions.file_checks import check_file
from fairshore.interactions.model import ReadContext

META = ("_row", "_reason", "_detail")


class FormatAdapter(Protocol):
    """One vendor format: how to recognise its files and read them as canonical rows."""

    name: ClassVar[str]
    tables: ClassVar[tuple[str, ...]]

    def sniff(self, path: Path, head: str) -> bool:
        """Whether ``path`` (whose first characters are ``head``) is in this format."""
        ...

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        """Yield chunks of at most ``ctx.chunk_rows`` rows; raise ``IngestError`` when a
        file cannot be read at all."""
        ...


def rows_to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Python records -> a table of text columns (``_row`` stays an integer)."""
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    columns: dict[str, pa.Array] = {}
    for name in names:
        values = [row.get(name) for row in rows]
        if name == "_row":
            columns[name] = pa.array(values, pa.int64())
        else:
            columns[name] = pa.array([_text(v) for v in values], pa.string())
    return pa.table(columns)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return str(value)


def chunked(rows: Iterator[dict[str, Any]], size: int) -> Iterator[pa.Table]:
    """Group records into tables of at most ``size`` rows."""
    buffer: list[dict[str, Any]] = []
    for row in rows:
        buffer.append(row)
        if len(buffer) >= size:
            yield rows_to_table(buffer)
            buffer = []
    if buffer:
        yield rows_to_table(buffer)


def load_json(path: Path, ctx: ReadContext) -> Any:
    """A whole JSON document (an API page), rejecting truncated or invalid JSON."""
    check_file(path, max_bytes=ctx.max_bytes, kind="text")
    text = path.read_text(encoding="utf-8-sig")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = (
            "ends before the JSON is complete (truncated?)"
            if exc.pos >= len(text.rstrip()) - 1
            else f"is not valid JSON at line {exc.lineno} column {exc.colno} ({exc.msg})"
        )
        raise IngestError(f"{path.name} {where}; download the export again") from None


def head_text(path: Path, size: int = 4096) -> str:
    """The first characters of a file as text (undecodable bytes replaced)."""
    with path.open("rb") as fh:
        return fh.read(size).decode("utf-8", errors="replace").lstrip("\ufeff")
