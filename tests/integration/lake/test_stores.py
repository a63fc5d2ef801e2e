"""The lake's life on every store (issue 22 item 6): the same batches give the same
reports, snapshots, history, time travel and housekeeping on a folder and on an
S3-compatible object store; on the object store nothing of the lake lands in the
workspace folder, while raw files and quarantine stay there (``docs/lake.md``)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.compute as pc
import pytest

from fairshore.adapters.lake import Lake, delta
from fairshore.adapters.lake.history import lake_history
from fairshore.bootstrap import Workspace
from fairshore.config import ObjectStore, object_store
from fairshore.errors import EngineError
from fairshore.interactions.retractions import retract_records
from fairshore.interactions.services import ingest_files
from fairshore.metrics.services import compute_kpis
from fairshore.privacy.erasure import enforce_retention
from tests.integration.interactions.test_source_deletions import zendesk_page, zendesk_ticket
from tests.integration.interactions.workspace_files import ENGAGEMENT, write

H = "interaction_id,channel,arrived_at,resolved_at,updated_at,customer_ref\n"
OPEN = "t1,email,2026-03-02T09:00:00,,2026-03-02T09:00:00,c1\n"
RESOLVED = "t1,email,2026-03-02T09:00:00,2026-03-03T10:00:00,2026-03-03T10:00:00,c1\n"
OTHER = "t2,email,2026-04-04T09:00:00,2026-04-04T11:00:00,2026-04-04T11:00:00,c2\n"
BAD = "t3,email,not a time,,,c3\n"


def _ingest(ws: Workspace, path: Path, **kw: object) -> dict[str, object]:
    report = ingest_files(ws, table="interactions", paths=[path], engagement_id=ENGAGEMENT, **kw)  # type: ignore[arg-type]
    assert report.rows_read == report.rows_accepted + report.rows_quarantined
    return report.model_dump(
        include={
            "status",
            "rows_read",
            "rows_quarantined",
            "rows_inserted",
            "rows_updated",
            "rows_unchanged",
            "rows_stale",
            "rows_retracted",
        }
    )


def _ids(ws: Workspace, as_of: str | None = None) -> list[str]:
    lake = Lake(ws.lake, as_of=as_of)
    try:
        data = lake.table("interactions", ENGAGEMENT).to_pyarrow()
    finally:
        lake.close()
    return sorted(str(v) for v in data.column("interaction_id").to_pylist())


def _resolved(ws: Workspace) -> int:
    return sum(r.resolved for r in compute_kpis(ws, engagement_id=ENGAGEMENT).rows)


def test_a_lake_lives_the_same_on_every_store(store_ws: Workspace, tmp_path: Path) -> None:
    ws = store_ws
    first = _ingest(ws, write(tmp_path, "open.csv", H + OPEN + BAD))
    assert first == {
        "status": "accepted",
        "rows_read": 2,
        "rows_quarantined": 1,
        "rows_inserted": 1,
        "rows_updated": 0,
        "rows_unchanged": 0,
        "rows_stale": 0,
        "rows_retracted": 0,
    }
    after_first = str(delta.current_lake_version(ws.lake))
    second = _ingest(ws, write(tmp_path, "later.csv", H + RESOLVED + OTHER))
    assert (second["rows_updated"], second["rows_inserted"]) == (1, 1)
    assert _resolved(ws) == 2
    resend = _ingest(ws, tmp_path / "open.csv")
    assert (resend["status"], resend["rows_stale"], resend["rows_quarantined"]) == (
        "duplicate",
        1,
        1,
    )

    deletion = write(
        tmp_path,
        "zendesk.json",
        zendesk_page(zendesk_ticket(2, status="deleted", updated_at="2026-04-05T09:00:00Z")),
    )
    # a Zendesk id is the ticket number: withdraw "t2" through a key file, "2" by status
    assert _ingest(ws, deletion)["rows_unchanged"] == 1
    keys = write(tmp_path, "keys.csv", "interaction_id\nt2\n")
    gone = retract_records(ws, table="interactions", path=keys, engagement_id=ENGAGEMENT)
    assert gone.rows_retracted == 1
    assert _ids(ws) == ["t1"]
    assert _ids(ws, as_of=after_first) == ["t1"]  # time travel: the open version
    lake = Lake(ws.lake, as_of=after_first)
    open_row = lake.table("interactions", ENGAGEMENT).to_pyarrow()
    lake.close()
    assert pc.all(pc.is_null(open_row.column("resolved_at"))).as_py()

    operations = [(c.table, c.operation) for c in lake_history(ws.lake)]
    assert operations.count(("interactions", "ingest")) == 2
    assert ("interactions", "retract") in operations
    months = Lake(ws.lake).months("interactions", ENGAGEMENT)
    assert months == ["2026-03"]

    compacted = delta.optimize(ws.lake, "interactions")
    assert compacted["files_removed"] >= compacted["files_added"]
    enforce_retention(ws)
    assert _ids(ws) == ["t1"] and _resolved(ws) == 1

    # raw files and quarantine stay in the workspace folder on every store
    assert len(list(ws.folder("raw").iterdir())) == 4
    assert len(list(ws.folder("quarantine").glob("*/rows.parquet"))) == 1
    if isinstance(ws.lake, ObjectStore):
        staged = [p for p in ws.folder("lake").rglob("*") if p.is_file()]
        assert staged == []  # every staged file was uploaded and deleted
        assert not (ws.home / "lake").exists() or not any((ws.home / "lake").rglob("*.parquet"))


def test_an_object_store_lake_has_no_local_files(store_ws: Workspace) -> None:
    lake = Lake(store_ws.lake)
    assert not lake.has_rows("interactions", ENGAGEMENT)
    if isinstance(store_ws.lake, ObjectStore):
        with pytest.raises(EngineError, match="object store"):
            lake.files("interactions")
    else:
        assert lake.files("interactions") == []


def test_storage_options_come_from_aws_variables_and_the_setting() -> None:
    environ = {
        "AWS_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "from-env",
        "AWS_PROFILE": "ignored",
        "AWS_ALLOW_HTTP": "",
    }
    store = object_store(
        "s3://b/lake", environ=environ, overrides={"AWS_ACCESS_KEY_ID": "from-setting"}
    )
    assert store.storage_options == {"AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "from-setting"}
    assert store.table_uri("agents") == "s3://b/lake/agents"
    assert "from-setting" not in repr(store)  # keys never printed
    json.dumps(store.uri)
