"""A kept analytics result is dropped when a batch lands in the engagement's lake."""

from __future__ import annotations

import pyarrow.parquet as pq

from fairshore.adapters.lake import empty_schema
from fairshore.adapters.lake.upgrade import upgrade_lake
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.lake_memo import LakeMemo, lake_stamp


def _publish(ws: Workspace, engagement_id: str, batch: str) -> None:
    folder = ws.lake / "interactions" / f"engagement={engagement_id}" / "month=2026-07"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(
        empty_schema("interactions").to_pyarrow().empty_table(), folder / f"{batch}.parquet"
    )
    upgrade_lake(ws.lake)


def test_a_new_batch_changes_the_stamp_of_its_engagement_only(workspace: Workspace) -> None:
    before = {e: lake_stamp(workspace, [e]) for e in ("telco-mnl", "telco-blr")}
    _publish(workspace, "telco-mnl", "b1")
    assert lake_stamp(workspace, ["telco-mnl"]) != before["telco-mnl"]
    assert lake_stamp(workspace, ["telco-blr"]) == before["telco-blr"]


def test_the_memo_recomputes_after_a_batch(workspace: Workspace) -> None:
    memo, runs = LakeMemo(), []

    def rows() -> int:
        runs.append(1)
        return len(list((workspace.lake / "interactions").rglob("*.parquet")))

    first = memo.get("kpis", lake_stamp(workspace, ["telco-mnl"]), rows)
    again = memo.get("kpis", lake_stamp(workspace, ["telco-mnl"]), rows)
    _publish(workspace, "telco-mnl", "b2")
    after = memo.get("kpis", lake_stamp(workspace, ["telco-mnl"]), rows)
    assert (first, again, after, len(runs)) == (0, 0, 1, 2)
