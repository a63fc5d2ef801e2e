"""Retractions (issue 22): a vendor withdraws records with a file of their keys."""

from __future__ import annotations

from pathlib import Path

from fairshore.adapters.lake import Lake
from fairshore.bootstrap import Workspace
from fairshore.interactions.retractions import retract_records
from fairshore.interactions.services import ingest_files

from .workspace_files import ENGAGEMENT, lake_rows, write

H = "interaction_id,channel,arrived_at\n"
ROWS = "r1,chat,2026-03-02T09:00:00\nr2,chat,2026-03-02T10:00:00\nr3,chat,2026-04-01T10:00:00\n"


def test_retracted_records_leave_the_snapshot(ws: Workspace, tmp_path: Path) -> None:
    ingest_files(
        ws,
        table="interactions",
        paths=[write(tmp_path, "a.csv", H + ROWS)],
        engagement_id=ENGAGEMENT,
    )
    first = Lake(ws.lake).version
    keys = write(tmp_path, "withdrawn.csv", "interaction_id\nr1\nr3\nnever-sent\n  \n")
    report = retract_records(ws, table="interactions", path=keys, engagement_id=ENGAGEMENT)
    assert report.status == "accepted"
    assert (report.rows_read, report.rows_accepted, report.rows_quarantined) == (4, 3, 1)
    assert report.reasons == {"missing_required_field": 1}
    assert (report.rows_retracted, report.rows_unchanged) == (2, 1)
    assert [r["interaction_id"] for r in lake_rows(ws)] == ["r2"]
    then = Lake(ws.lake, as_of=str(first)).table("interactions").count().to_pyarrow().as_py()
    assert then == 3  # still readable as of the earlier lake version
    again = retract_records(ws, table="interactions", path=keys, engagement_id=ENGAGEMENT)
    assert again.status == "duplicate"


def test_a_retraction_file_without_the_key_is_refused(ws: Workspace, tmp_path: Path) -> None:
    import pytest

    from fairshore.errors import InputError

    keys = write(tmp_path, "k.csv", "agent_ref\na1\n")
    with pytest.raises(InputError, match="needs the key column"):
        retract_records(ws, table="agent_months", path=keys, engagement_id=ENGAGEMENT)
