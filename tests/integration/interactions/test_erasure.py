"""Erasure of one customer (issue 22): after ``erase_customer`` and the vacuum, no file
of the workspace holds the reference (tables, their logs, quarantine, raw files, the
database), the KPIs no longer count them, and the audit log names the request by its
keyed digest only."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fairshore.adapters.db import accounts_repository as audit
from fairshore.adapters.lake import Lake
from fairshore.bootstrap import Workspace
from fairshore.interactions.services import ingest_files
from fairshore.metrics.services import compute_kpis
from fairshore.privacy.erasure import enforce_retention, erase_customer, subject_digest

from .workspace_files import ENGAGEMENT, write

REF = "cust-erase-me-0417"
H = "interaction_id,channel,arrived_at,customer_ref,csat\n"
FIRST = (
    f"i1,chat,2026-03-02T09:00:00,{REF},4\n"
    "i2,chat,2026-03-02T10:00:00,cust-keep-0001,5\n"
    f"i3,chat,2026-03-03T10:00:00,{REF},11\n"  # csat out of range: quarantined
    "i4,chat,2026-04-03T10:00:00,cust-keep-0002,3\n"
)
SECOND = f"i1,chat,2026-03-02T09:00:00,{REF},2\ni5,chat,2026-04-05T10:00:00,{REF},5\n"
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def _parquet_holds(lake: Lake, path: Path, ref: str) -> bool:
    data = lake.con.read_parquet(str(path), hive_partitioning=False).to_pyarrow()
    return any(ref in [str(v) for v in column.to_pylist()] for column in data.columns)


def _files_holding(ws: Workspace, ref: str) -> list[str]:
    lake = Lake(ws.lake)
    found = []
    for path in sorted(p for p in ws.home.rglob("*") if p.is_file()):
        if path.suffix == ".parquet" and not path.name.endswith(".tmp"):
            if _parquet_holds(lake, path, ref):
                found.append(str(path.relative_to(ws.home)))
        elif ref.encode() in path.read_bytes():
            found.append(str(path.relative_to(ws.home)))
    lake.close()
    return found


def _offered(ws: Workspace) -> int:
    return compute_kpis(ws, engagement_id=ENGAGEMENT).rows[0].offered


@pytest.mark.slow
def test_erased_customer_is_in_no_file(ws: Workspace, tmp_path: Path) -> None:
    ingest_files(
        ws,
        table="interactions",
        paths=[write(tmp_path, "a.csv", H + FIRST)],
        engagement_id=ENGAGEMENT,
    )
    report = ingest_files(
        ws,
        table="interactions",
        paths=[write(tmp_path, "b.csv", H + SECOND)],
        engagement_id=ENGAGEMENT,
    )
    assert (report.rows_updated, report.rows_inserted) == (1, 1)
    assert _offered(ws) == 4
    before = _files_holding(ws, REF)
    assert any(p.startswith("lake/interactions/") for p in before)
    assert any(p.startswith("quarantine/") for p in before)
    assert any(p.startswith("raw/") for p in before)

    result = erase_customer(ws, customer_ref=REF, now=NOW)
    assert result.table_rows["interactions"] == 2  # i1 (its newest version) and i5
    assert result.quarantine_rows == 1
    assert sorted(r.rows for r in result.raw_files) == [2, 2]
    enforce_retention(ws, now=NOW)

    assert _files_holding(ws, REF) == []
    assert _offered(ws) == 2
    digest = subject_digest(ws, REF)
    with ws.db.begin() as conn:
        entries = [e for e in audit.audit_entries(conn) if e.action == "privacy.erase"]
    assert [e.target for e in entries] == [f"subject:{digest}"]
    assert entries[0].details["table_rows"] == {"interactions": 2}
    assert REF not in str(entries[0].details)
