"""Canonical CSV: a header of canonical column names, comma-separated, UTF-8.

Read with pyarrow's streaming CSV reader (every column as text, in blocks), so memory
stays bounded whatever the file size; rows with the wrong number of fields are
quarantined as ``malformed_record`` instead of failing the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from fairshore.errors import IngestError
from fairshore.interactions.file_checks import check_file
from fairshore.interactions.model import MALFORMED_RECORD, ReadContext
from fairshore.interactions.schema import TABLES
from fairshore.read_ahead import read_ahead

SAMPLE, MIN_BLOCK, MAX_BLOCK = 1 << 20, 64 << 10, 256 << 20


def block_bytes(path: Path, chunk_rows: int) -> int:
    """A read block that holds about ``chunk_rows`` rows (estimated from the first MiB)."""
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE)
    per_row = len(sample) / max(sample.count(b"\n"), 1)
    return int(min(max(per_row * chunk_rows, MIN_BLOCK), MAX_BLOCK))


def check_header(path: Path, header: list[str], ctx: ReadContext) -> list[str]:
    """The header's columns that will be read; reject the file when required ones lack."""
    spec = TABLES[ctx.table]
    known = set(spec.names) | set(ctx.segment_columns)
    required = [c for c in spec.required if c not in ("engagement_id", "batch_id")]
    missing = [c for c in required if c not in header]
    if missing:
        hint = ""
        if len(header) == 1 and any(d in header[0] for d in ";\t|"):
            hint = " (the file does not seem comma-separated: export it with commas)"
        raise IngestError(
            f"{path.name}: wrong columns for table {ctx.table}: missing {', '.join(missing)}"
            f"{hint}; found {', '.join(header[:20]) or 'nothing'}. "
            f"Expected the canonical columns: {', '.join(required)} (required) and optional ones"
        )
    for col in header:
        if col not in known:
            key = "undeclared_segment_column" if col.startswith("seg_") else "ignored_column"
            ctx.warnings[key] += 1
    return [c for c in header if c in known]


def read_header(path: Path, delimiter: str = ",") -> list[str]:
    """The first line of a delimited text file, parsed as a header."""
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        line = fh.readline()
    return [c.strip() for c in next(csv.reader(io.StringIO(line), delimiter=delimiter), [])]


def stream_csv(
    path: Path, columns: list[str], ctx: ReadContext, *, delimiter: str = ","
) -> Iterator[pa.Table]:
    """Stream ``columns`` of a delimited file as text chunks with ``_row`` numbers.

    One thread cuts and parses the next block while the caller validates and writes
    this one (pyarrow releases the GIL); a queue of two blocks bounds memory.
    """
    done = 0
    try:
        blocks = read_ahead(
            lambda: _parse_blocks(path, columns, ctx, delimiter), ahead=2, name="csv-reader"
        )
        for table, bad in blocks:
            done = yield from _emit(table, done, bad)
    except pa.ArrowInvalid as exc:
        message = str(exc)
        if "UTF8" in message or "utf8" in message.lower():
            raise IngestError(f"{path.name}: not valid UTF-8 text; re-export it as UTF-8") from None
        raise IngestError(f"{path.name}: cannot read it as CSV ({message})") from None


Parsed = tuple[pa.Table, list[dict[str, object]]]


def _parse_blocks(
    path: Path, columns: list[str], ctx: ReadContext, delimiter: str
) -> Iterator[Parsed]:
    """Each block of the file, cut at a line end outside quotes, parsed on its own.

    pyarrow's streaming CSV reader buffers the whole remaining file ahead of the
    consumer; cutting the blocks here keeps one block (plus the queue) in memory.
    """
    with path.open("rb") as fh:
        first = fh.readline()
        names = next(
            csv.reader([first.decode("utf-8-sig", errors="replace")], delimiter=delimiter), []
        )
        names = [n.strip() for n in names]
        size = block_bytes(path, ctx.chunk_rows)
        carry = b""
        while True:
            block = fh.read(size)
            data = carry + block
            if not block:
                if data.strip():
                    yield _parse(data, names, columns, delimiter)
                return
            cut = _safe_cut(data)
            if cut < 0:
                carry = data
                continue
            carry = data[cut + 1 :]
            yield _parse(data[: cut + 1], names, columns, delimiter)


def _safe_cut(data: bytes) -> int:
    """The last line end not inside a quoted value (an even number of quotes before it)."""
    pos = data.rfind(b"\n")
    while pos >= 0:
        if data.count(b'"', 0, pos) % 2 == 0:
            return pos
        pos = data.rfind(b"\n", 0, pos)
    return -1


def _parse(data: bytes, names: list[str], columns: list[str], delimiter: str) -> Parsed:
    bad: list[dict[str, object]] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad.append(
            {
                "_row": None,
                "_reason": MALFORMED_RECORD,
                "_detail": f"{row.actual_columns} fields, expected {row.expected_columns}: "
                f"{row.text[:200]}",
            }
        )
        return "skip"

    table = pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(
            column_names=names, use_threads=True, block_size=max(len(data) // 4, MIN_BLOCK)
        ),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(columns, pa.string()),
            include_columns=columns,
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            null_values=[""],
        ),
    )
    return table, bad


def _emit(
    table: pa.Table, done: int, bad: list[dict[str, object]]
) -> Generator[pa.Table, None, int]:
    if table.num_rows:
        rows = pa.array(np.arange(done + 1, done + 1 + table.num_rows, dtype=np.int64))
        yield table.combine_chunks().append_column("_row", rows)
        done += table.num_rows
    if bad:
        yield pa.Table.from_pylist(
            list(bad),
            schema=pa.schema(
                [("_row", pa.int64()), ("_reason", pa.string()), ("_detail", pa.string())]
            ),
        )
    return done


class CanonicalCsv:
    """Canonical tables as comma-separated UTF-8 text with a header row."""

    name: ClassVar[str] = "csv"
    tables: ClassVar[tuple[str, ...]] = tuple(TABLES)

    def sniff(self, path: Path, head: str) -> bool:
        first = head.splitlines()[0] if head else ""
        return "," in first and not first.lstrip().startswith(("{", "["))

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        for path in paths:
            check_file(path, max_bytes=ctx.max_bytes, kind="text")
            columns = check_header(path, read_header(path), ctx)
            yield from stream_csv(path, columns, ctx)
