"""Canonical Parquet: columns with canonical names, any reasonable types."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.errors import IngestError
from fairshore.interactions.adapters.canonical_csv import check_header
from fairshore.interactions.file_checks import check_file, check_row_count
from fairshore.interactions.model import ReadContext
from fairshore.interactions.schema import TABLES


class CanonicalParquet:
    """Canonical tables as Parquet files, read one row group batch at a time."""

    name: ClassVar[str] = "parquet"
    tables: ClassVar[tuple[str, ...]] = tuple(TABLES)

    def sniff(self, path: Path, head: str) -> bool:
        return head.startswith("PAR1")

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        before = 0  # rows of the batch's earlier files
        for path in paths:
            check_file(path, max_bytes=ctx.max_bytes, kind="parquet")
            try:
                source = pq.ParquetFile(path)
            except (pa.ArrowInvalid, OSError) as exc:
                raise IngestError(f"{path.name}: not a readable Parquet file ({exc})") from None
            # The footer tells the row count: refuse before reading a row.
            before += source.metadata.num_rows
            check_row_count(path.name, before, max_rows=ctx.max_rows)
            columns = check_header(path, source.schema_arrow.names, ctx)
            done = 0
            try:
                for batch in source.iter_batches(batch_size=ctx.chunk_rows, columns=columns):
                    table = pa.Table.from_batches([batch])
                    rows = np.arange(done + 1, done + 1 + table.num_rows, dtype=np.int64)
                    done += table.num_rows
                    yield table.append_column("_row", pa.array(rows))
            except (pa.ArrowInvalid, OSError) as exc:
                raise IngestError(f"{path.name}: the Parquet file is damaged ({exc})") from None
