"""Record versions: a newer version of a row replaces it, an older one changes nothing.

The cases of issue 22: a ticket exported open, then resolved in a later file; the
first file's version arriving again late; a roster re-sent with a leaver.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fairshore.adapters.lake import Lake, delta, writer
from fairshore.bootstrap import Workspace
from fairshore.interactions.services import ingest_files
from fairshore.metrics.services import compute_kpis
from fairshore.people import workforce

from .workspace_files import ENGAGEMENT, lake_rows, write

H = "interaction_id,channel,arrived_at,resolved_at,updated_at\n"
OPEN = "t1,email,2026-03-02T09:00:00,,2026-03-02T09:00:00\n"
RESOLVED = "t1,email,2026-03-02T09:00:00,2026-03-03T10:00:00,2026-03-03T10:00:00\n"
OTHER = "t2,email,2026-03-04T09:00:00,2026-03-04T11:00:00,2026-03-04T11:00:00\n"


def _ingest(ws: Workspace, path: Path, table: str = "interactions") -> dict[str, object]:
    report = ingest_files(ws, table=table, paths=[path], engagement_id=ENGAGEMENT)
    assert report.status == "accepted", report.error
    assert report.rows_read == report.rows_accepted + report.rows_quarantined
    outcomes = (report.rows_inserted, report.rows_updated, report.rows_unchanged)
    assert sum(outcomes) + report.rows_stale == report.rows_accepted
    return report.model_dump()


def _resolved(ws: Workspace) -> int:
    kpis = compute_kpis(ws, engagement_id=ENGAGEMENT)
    return kpis.rows[0].resolved


def test_a_resolved_ticket_replaces_its_open_version(ws: Workspace, tmp_path: Path) -> None:
    first = _ingest(ws, write(tmp_path, "open.csv", H + OPEN))
    assert (first["rows_inserted"], first["rows_updated"]) == (1, 0)
    assert _resolved(ws) == 0

    second = _ingest(ws, write(tmp_path, "later.csv", H + RESOLVED + OTHER))
    assert (second["rows_updated"], second["rows_inserted"], second["rows_stale"]) == (1, 1, 0)
    assert _resolved(ws) == 2
    rows = lake_rows(ws)
    assert [r["interaction_id"] for r in rows] == ["t1", "t2"]  # one row per key
    table = delta.open_table(ws.lake, "interactions")
    assert table is not None
    version = table.version()

    # the open version again, re-exported with another ticket: stale, nothing changes
    late = _ingest(ws, write(tmp_path, "late.csv", H + OPEN + OTHER))
    assert (late["rows_stale"], late["rows_unchanged"], late["rows_inserted"]) == (1, 1, 0)
    assert late["rows_updated"] == 0 and late["table_version"] is None
    assert lake_rows(ws) == rows
    assert delta.open_table(ws.lake, "interactions").version() == version  # type: ignore[union-attr]
    assert _resolved(ws) == 2

    # the very same first file: same content, same batch, nothing done; its row is
    # stale (the lake holds the resolved version)
    again = ingest_files(
        ws, table="interactions", paths=[tmp_path / "open.csv"], engagement_id=ENGAGEMENT
    )
    assert again.status == "duplicate"
    assert (again.rows_accepted, again.rows_stale, again.rows_unchanged) == (1, 1, 0)
    assert (again.rows_inserted, again.rows_updated, again.table_version) == (0, 0, None)
    assert lake_rows(ws) == rows
    assert _resolved(ws) == 2

    # the latest file again: its rows are the lake's as they are
    latest = ingest_files(
        ws, table="interactions", paths=[tmp_path / "later.csv"], engagement_id=ENGAGEMENT
    )
    assert latest.status == "duplicate"
    assert (latest.rows_unchanged, latest.rows_stale) == (2, 0)


def test_without_updated_at_the_later_batch_wins(ws: Workspace, tmp_path: Path) -> None:
    header = "interaction_id,channel,arrived_at,csat\n"
    _ingest(ws, write(tmp_path, "a.csv", header + "c1,chat,2026-03-02T09:00:00,2\n"))
    report = _ingest(ws, write(tmp_path, "b.csv", header + "c1,chat,2026-03-02T09:00:00,5\n"))
    assert (report["rows_updated"], report["rows_inserted"]) == (1, 0)
    assert [r["csat"] for r in lake_rows(ws)] == [5.0]


ROSTER = "agent_ref,employment_type,hired_on,left_on,exit_reason\n"
AGENTS = "a1,employee,2025-01-06,,\na2,employee,2025-02-03,,\n"


def _leavers(ws: Workspace) -> int:
    spells = workforce.roster_spells(Lake(ws.lake).table("agents", ENGAGEMENT))
    months = [date(2026, 3, 1)]
    rows = workforce.monthly_flows(spells, months).to_pyarrow().to_pylist()
    return workforce.summarise(workforce.flow_months(rows)).leavers


def test_a_roster_resent_with_a_leaver_counts_the_leaver(ws: Workspace, tmp_path: Path) -> None:
    _ingest(ws, write(tmp_path, "roster-feb.csv", ROSTER + AGENTS), table="agents")
    assert _leavers(ws) == 0
    resent = AGENTS.replace(
        "a2,employee,2025-02-03,,", "a2,employee,2025-02-03,2026-03-13,voluntary"
    )
    report = _ingest(ws, write(tmp_path, "roster-mar.csv", ROSTER + resent), table="agents")
    assert (report["rows_updated"], report["rows_unchanged"]) == (1, 1)
    assert _leavers(ws) == 1


def test_resent_by_batch_order_the_first_file_is_stale(ws: Workspace, tmp_path: Path) -> None:
    """Without ``updated_at`` the later batch is the newer version: the first file sent
    again after it must not count as the lake's version."""
    header = "interaction_id,channel,arrived_at,csat\n"
    first = write(tmp_path, "a.csv", header + "c1,chat,2026-03-02T09:00:00,2\n")
    _ingest(ws, first)
    _ingest(ws, write(tmp_path, "b.csv", header + "c1,chat,2026-03-02T09:00:00,5\n"))
    again = ingest_files(ws, table="interactions", paths=[first], engagement_id=ENGAGEMENT)
    assert (again.status, again.rows_stale, again.rows_unchanged) == ("duplicate", 1, 0)
    assert [r["csat"] for r in lake_rows(ws)] == [5.0]


def test_a_new_version_rewrites_only_the_file_that_holds_it(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files of a batch are cut every ``FILE_ROWS`` rows in arrival order, and a merge
    rewrites only the files holding a replaced key (Delta replaces whole files)."""
    monkeypatch.setattr(writer, "FILE_ROWS", 4)
    header = "interaction_id,channel,arrived_at,csat\n"
    rows = "".join(f"c{i:02d},chat,2026-03-02T09:{i:02d}:00,3\n" for i in range(10))
    _ingest(ws, write(tmp_path, "ten.csv", header + rows))
    before = sorted(Lake(ws.lake).files("interactions"))
    assert len(before) == 3  # 4 + 4 + 2 rows

    changed = "c05,chat,2026-03-02T09:05:00,5\nc10,chat,2026-03-02T09:10:00,4\n"
    report = _ingest(ws, write(tmp_path, "two.csv", header + changed))
    assert (report["rows_updated"], report["rows_inserted"]) == (1, 1)
    after = sorted(Lake(ws.lake).files("interactions"))
    assert len(set(before) - set(after)) == 1  # only the file of c04..c07 was replaced
    assert len(set(after) - set(before)) == 2  # it without c05, and the batch's rows
    csat = {r["interaction_id"]: r["csat"] for r in lake_rows(ws)}
    assert len(csat) == 11 and (csat["c05"], csat["c10"], csat["c04"]) == (5.0, 4.0, 3.0)
