"""``fairshore lake``: the lake's commits (history) and how to pin a read to one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fairshore.adapters.lake.history import lake_history, parse_as_of
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import print_json, print_table

lake_app = typer.Typer(
    help="The lake's Delta tables: commits (history), retractions, retention (vacuum), optimize."
)

AsOfOption = typer.Option(
    "--as-of",
    help="Read the lake as it was at a lake version (see 'fairshore lake history') or an "
    "ISO date-time; default the latest.",
)


def register(app: typer.Typer) -> None:
    app.add_typer(lake_app, name="lake")


def pin_lake(ws: Workspace, as_of: str | None) -> Workspace:
    """The workspace reading the lake at ``as_of`` (checked now: a bad value fails early)."""
    if as_of is not None:
        parse_as_of(as_of)
        ws.settings = ws.settings.model_copy(update={"lake_as_of": as_of})
    return ws


@lake_app.command("history")
def history(
    ctx: typer.Context,
    table: Annotated[str | None, typer.Option(help="One table only.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """Every commit of the lake, oldest first: lake version, table, batch, operation, rows."""
    ws = state(ctx).workspace()
    commits = [c for c in lake_history(ws.lake) if table is None or c.table == table]
    records = [
        {
            "lake_version": c.lake_version,
            "table": c.table,
            "table_version": c.table_version,
            "at": c.at.isoformat(),
            "operation": c.operation,
            "batch_id": c.batch_id,
            "rows": c.rows,
        }
        for c in commits
    ]
    if as_json:
        print_json(records)
        return
    print_table("Lake history", records)


@lake_app.command("vacuum")
def vacuum(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """Enforce retention: delete table versions older than FAIRSHORE_LAKE_RETENTION_HOURS
    (and files no commit added), raw files and quarantine past their retention days.
    Schedule it (daily)."""
    from fairshore.privacy.erasure import enforce_retention

    result = enforce_retention(state(ctx).workspace())
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    print_table(
        "Lake vacuum",
        [{"what": f"table {t}", "files deleted": n} for t, n in result.table_files.items()]
        + [
            {"what": "raw files", "files deleted": result.raw_files},
            {"what": "quarantine batches", "files deleted": result.quarantine_batches},
        ],
    )


@lake_app.command("optimize")
def optimize(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """Compact small files per partition (many small ingests) into larger ones."""
    from fairshore.adapters.lake import delta
    from fairshore.interactions.schema import TABLES

    ws = state(ctx).workspace()
    records = [{"table": t, **delta.optimize(ws.lake, t)} for t in TABLES]
    if as_json:
        print_json(records)
        return
    print_table("Lake optimize", records)


@lake_app.command("retract")
def retract(
    ctx: typer.Context,
    table: Annotated[str, typer.Argument(help="The table the records are in.")],
    file: Annotated[Path, typer.Argument(help="CSV whose header names the table's key.")],
    engagement: Annotated[str, typer.Option(help="Engagement the records belong to.")],
    as_json: bool = JsonOption,
) -> None:
    """Withdraw records a vendor sent (a CSV of their keys): they leave the current
    snapshot in one commit; the batch report counts them (rows_retracted)."""
    from fairshore.interactions.retractions import retract_records

    report = retract_records(
        state(ctx).workspace(), table=table, path=file, engagement_id=engagement
    )
    if as_json:
        print_json(report.model_dump(mode="json"))
        return
    print_table(
        "Retraction",
        [
            {
                "batch": report.batch_id,
                "status": report.status,
                "keys read": report.rows_read,
                "retracted": report.rows_retracted,
                "not in the lake": report.rows_unchanged,
                "quarantined": report.rows_quarantined,
            }
        ],
    )
