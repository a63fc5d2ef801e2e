"""Streaming redaction of CSV, JSON lines and Parquet files, in small chunks."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fairshore.bootstrap import Workspace
from fairshore.errors import InputError
from fairshore.privacy import services

ROWS = [
    {
        "id": "1",
        "customer_name": "Liwayway Dimaculangan",
        "text": "Liwayway says mail ana@example.com",
    },
    {"id": "2", "customer_name": "Juan Cruz", "text": "call +63 917 123 4567 after 5"},
    {"id": "3", "customer_name": "", "text": "no personal data here"},
] * 5


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_redact_file_each_format(workspace: Workspace, tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"tickets{suffix}"
    if suffix == ".csv":
        src.write_text(
            "id,customer_name,text\n"
            + "".join(f'{r["id"]},{r["customer_name"]},"{r["text"]}"\n' for r in ROWS)
        )
    elif suffix == ".jsonl":
        src.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    else:
        pq.write_table(pa.Table.from_pylist(ROWS), src)
    summary = services.redact_file(workspace, path=src, chunk_rows=4)
    assert summary.rows == 15 and summary.rows_changed == 10
    assert summary.entities["EMAIL_ADDRESS"] == 5 and summary.entities["PERSON"] == 5
    out = Path(summary.output)
    if suffix == ".parquet":
        texts = pq.read_table(out).column("text").to_pylist()
    elif suffix == ".jsonl":
        texts = [json.loads(line)["text"] for line in out.read_text().splitlines()]
    else:
        texts = [line.rsplit(",", 1)[-1] for line in out.read_text().splitlines()[1:]]
    assert len(texts) == 15
    joined = "\n".join(texts)
    assert "ana@example.com" not in joined and "917 123" not in joined and "Liwayway" not in joined
    assert "no personal data here" in joined


def test_missing_column_is_an_input_error(workspace: Workspace, tmp_path: Path) -> None:
    src = tmp_path / "t.jsonl"
    src.write_text('{"body": "x"}\n')
    with pytest.raises(InputError, match="no column 'text'"):
        services.redact_file(workspace, path=src)
