"""Reading and writing tabular files in chunks: CSV, JSON lines, Parquet.

Large files never sit whole in memory: CSV and Parquet are read in Arrow batches,
JSON lines a chunk of lines at a time; writers append chunk after chunk. CSV columns
are read as text, so a file comes back out with its values exactly as they were.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Literal, TextIO

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from fairshore.errors import PrivacyError

FileFormat = Literal["csv", "jsonl", "parquet"]


def file_format(path: Path) -> FileFormat:
    """The format of a file, from its suffix."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise PrivacyError(f"cannot tell the format of {path.name}: use .csv, .jsonl or .parquet")


def read_chunks(path: Path, *, chunk_rows: int = 50_000) -> Iterator[pa.Table]:
    """The file's rows, ``chunk_rows`` at a time (about, for CSV)."""
    if not path.exists():
        raise PrivacyError(f"no such file: {path}")
    fmt = file_format(path)
    try:
        if fmt == "parquet":
            yield from _parquet(path, chunk_rows)
        elif fmt == "csv":
            yield from _csv(path, chunk_rows)
        else:
            yield from _jsonl(path, chunk_rows)
    except (pa.ArrowInvalid, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PrivacyError(f"cannot read {path.name}: {exc}") from None


def _parquet(path: Path, chunk_rows: int) -> Iterator[pa.Table]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_rows):
        yield pa.Table.from_batches([batch])


def _csv(path: Path, chunk_rows: int) -> Iterator[pa.Table]:
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh), None)
    if not header:
        return
    reader = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(block_size=max(1 << 16, chunk_rows * 256)),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in header},
            strings_can_be_null=False,
        ),
    )
    for batch in reader:
        yield pa.Table.from_batches([batch])


def _jsonl(path: Path, chunk_rows: int) -> Iterator[pa.Table]:
    rows: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if len(rows) >= chunk_rows:
                yield pa.Table.from_pylist(rows)
                rows = []
    if rows:
        yield pa.Table.from_pylist(rows)


class ChunkWriter:
    """Writes Arrow chunks to one file in the format of its suffix."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.format = file_format(path)
        self._parquet: pq.ParquetWriter | None = None
        self._csv: pacsv.CSVWriter | None = None
        self._text: TextIO | None = None
        self._schema: pa.Schema | None = None

    def write(self, chunk: pa.Table) -> None:
        if self._schema is None:
            self._schema = chunk.schema
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.format == "parquet":
                self._parquet = pq.ParquetWriter(self.path, self._schema)
            elif self.format == "csv":
                self._csv = pacsv.CSVWriter(self.path, self._schema)
            else:
                self._text = self.path.open("w", encoding="utf-8")
        if self.format != "jsonl":  # JSON lines may vary by row; Arrow files may not
            chunk = chunk.select(self._schema.names).cast(self._schema)
        if self._parquet is not None:
            self._parquet.write_table(chunk)
        elif self._csv is not None:
            self._csv.write_table(chunk)
        elif self._text is not None:
            for row in chunk.to_pylist():
                self._text.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")

    def close(self) -> None:
        for closer in (self._parquet, self._csv, self._text):
            if closer is not None:
                closer.close()

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
