"""Lake upkeep: a previous-layout workspace upgraded by ``fairshore init`` (row counts
checked), ``fairshore lake optimize`` and ``fairshore lake vacuum``."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from fairshore.adapters.lake import Lake
from fairshore.adapters.lake.upgrade import canonical_schema
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli
from fairshore.interactions.services import ingest_files

from .workspace_files import ENGAGEMENT, write

runner = CliRunner()


def _legacy_file(lake: Path, month: str, batch: str, ids: list[str]) -> Path:
    folder = lake / "interactions" / f"engagement={ENGAGEMENT}" / f"month={month}"
    folder.mkdir(parents=True, exist_ok=True)
    schema = canonical_schema("interactions", []).remove(
        canonical_schema("interactions", []).get_field_index("updated_at")
    )
    rows = [
        {"interaction_id": i, "engagement_id": ENGAGEMENT, "channel": "chat", "batch_id": batch}
        for i in ids
    ]
    path = folder / f"{batch}.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return path


def _cli(ws: Workspace, *args: str) -> object:
    result = runner.invoke(cli, ["--home", str(ws.home), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_init_upgrades_a_previous_lake_in_place(workspace: Workspace) -> None:
    from .workspace_files import add_engagement

    add_engagement(workspace)
    lake = workspace.lake
    _legacy_file(lake, "2026-01", "b-one", ["a", "b"])
    _legacy_file(lake, "2026-02", "b-one", ["c"])
    pending = _legacy_file(lake, "2026-02", "b-half", ["d"])
    (lake / "_pending").mkdir()
    (lake / "_pending" / "b-half").write_text("{}")

    out = _cli(workspace, "init")
    assert out["lake_upgraded"] == [{"table": "interactions", "files": 2, "rows": 3}]  # type: ignore[index]
    assert not (lake / "_pending").exists()
    assert pending not in Lake(lake).files("interactions")
    table = Lake(lake).table("interactions").to_pyarrow()
    assert sorted(table.column("interaction_id").to_pylist()) == ["a", "b", "c"]
    assert table.column("updated_at").null_count == 3  # the new column reads as null
    assert _cli(workspace, "init")["lake_upgraded"] == []  # type: ignore[index]


def test_optimize_compacts_and_vacuum_removes_the_old_files(
    workspace: Workspace, tmp_path: Path
) -> None:
    from .workspace_files import add_engagement

    add_engagement(workspace)
    for n in range(3):
        path = write(
            tmp_path,
            f"f{n}.csv",
            f"interaction_id,channel,arrived_at\nx{n},chat,2026-03-0{n + 1}T10:00:00\n",
        )
        ingest_files(workspace, table="interactions", paths=[path], engagement_id=ENGAGEMENT)
    lake = Lake(workspace.lake)
    assert len(lake.files("interactions")) == 3
    result = _cli(workspace, "lake", "optimize")
    assert {"table": "interactions", "files_added": 1, "files_removed": 3} in result  # type: ignore[operator]
    assert len(lake.files("interactions")) == 1
    assert lake.table("interactions").count().to_pyarrow().as_py() == 3
    on_disk = list((workspace.lake / "interactions").rglob("*.parquet"))
    assert len(on_disk) == 4
    history = _cli(workspace, "lake", "history")
    assert history[-1]["operation"] == "optimize"  # type: ignore[index]
    workspace.settings = workspace.settings.model_copy(update={"lake_retention_hours": 0})
    from fairshore.privacy.erasure import enforce_retention

    assert enforce_retention(workspace).table_files["interactions"] == 3
    assert len(list((workspace.lake / "interactions").rglob("*.parquet"))) == 1
