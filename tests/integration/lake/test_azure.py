"""The lake in an Azure container (``abfss://``) through delta-rs, against Azurite.

What holds on Azurite 3.35 with deltalake 1.6.6: the storage options from the
``AZURE_STORAGE_*`` variables reach delta-rs, the table is created, a batch is
committed, and DuckDB reads it through delta-rs' dataset. What does not: any later
commit (a second batch, new or updated rows alike) fails in delta-rs with ``Invalid
table version: 1``; the strict xfail below records it and fails the day it passes.
Whether real Azure Storage behaves the same is not verified here (docs/lake.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from deltalake.exceptions import DeltaError

from fairshore.adapters.lake import Lake
from fairshore.bootstrap import Workspace
from fairshore.config import ObjectStore
from fairshore.interactions.services import ingest_files
from tests.integration.interactions.workspace_files import ENGAGEMENT, write
from tests.integration.lake.test_stores import OPEN, OTHER, H, _ids


def test_an_azure_lake_takes_a_batch_and_reads_it(azure_ws: Workspace, tmp_path: Path) -> None:
    assert isinstance(azure_ws.lake, ObjectStore)
    assert azure_ws.lake.storage_options["azure_storage_account_name"] == "devstoreaccount1"
    first = write(tmp_path, "first.csv", H + OPEN + OTHER)
    report = ingest_files(azure_ws, table="interactions", paths=[first], engagement_id=ENGAGEMENT)
    assert (report.status, report.rows_inserted, report.rows_quarantined) == ("accepted", 2, 0)
    assert _ids(azure_ws) == ["t1", "t2"]
    assert Lake(azure_ws.lake).has_rows("interactions", ENGAGEMENT)
    assert not any((azure_ws.home / "lake-staging").rglob("*.parquet"))  # uploaded


@pytest.mark.xfail(
    strict=True,
    raises=DeltaError,
    reason="delta-rs on Azurite: 'Invalid table version: 1' (delta-io/delta-rs#3716)",
)
def test_a_second_batch_commits_on_azure(azure_ws: Workspace, tmp_path: Path) -> None:
    first = write(tmp_path, "first.csv", H + OPEN)
    ingest_files(azure_ws, table="interactions", paths=[first], engagement_id=ENGAGEMENT)
    second = write(tmp_path, "second.csv", H + OTHER)
    ingest_files(azure_ws, table="interactions", paths=[second], engagement_id=ENGAGEMENT)
    assert _ids(azure_ws) == ["t1", "t2"]
