"""``fairshore ingest`` and ``fairshore batches``: vendor files into the lake."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, err_console, print_json, print_table
from fairshore.interactions import services
from fairshore.interactions.model import BatchReport

batches_app = typer.Typer(
    help="Ingest batches: list them, show one with its quarantine.",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.add_typer(batches_app, name="batches")


def ingest(
    ctx: typer.Context,
    table: Annotated[
        str,
        typer.Argument(help="interactions, agents, agent_months, access_events, qa_evaluations."),
    ],
    files: Annotated[list[Path], typer.Argument(help="The vendor's files (one batch).")],
    engagement: Annotated[str, typer.Option(help="Engagement the rows belong to.")],
    format: Annotated[
        str | None,
        typer.Option(
            help="csv, parquet, jsonl, xlsx, zendesk, zendesk-talk, freshdesk, acd "
            "(default: detected)."
        ),
    ] = None,
    mapping: Annotated[
        str | None, typer.Option(help="Mapping YAML (or 'anonbank', the shipped ACD mapping).")
    ] = None,
    source_tz: Annotated[
        str | None, typer.Option(help="Timezone of times without offset (default: engagement).")
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(help="Excel workbooks: the sheet to read (default: the first that fits)."),
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Ingest vendor files into the lake: every row accepted or quarantined with a reason."""
    ws = state(ctx).workspace()
    show = not as_json and err_console.is_terminal
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold] {task.fields[rows]:,} rows"),
        TextColumn("{task.fields[rate]:,.0f} rows/s"),
        TimeElapsedColumn(),
        console=err_console,
        disable=not show,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", rows=0, rate=0.0, total=None)
        started = time.monotonic()

        def progress(rows: int, _total_bytes: int) -> None:
            rate = rows / max(time.monotonic() - started, 1e-6)
            bar.update(task, rows=rows, rate=rate)

        report = services.ingest_files(
            ws,
            table=table,
            paths=files,
            engagement_id=engagement,
            format=format,
            mapping=mapping,
            source_tz=source_tz,
            progress=progress,
            sheet=sheet,
        )
    if as_json:
        print_json(report)
    else:
        _print_report(report)
    if report.status == "rejected":
        raise typer.Exit(2)  # the file is the input error; the report says why


def _print_report(report: BatchReport) -> None:
    colour = {"accepted": "green", "duplicate": "yellow", "rejected": "red", "failed": "red"}.get(
        report.status, "white"
    )
    console.print(
        f"Batch [bold]{report.batch_id}[/bold] [{colour}]{report.status}[/{colour}] "
        f"({report.format or 'unknown format'}, {', '.join(report.files)})"
    )
    if report.error:
        console.print(f"[red]{report.error}[/red]", highlight=False)
        return
    console.print(
        f"rows read {report.rows_read:,}, accepted {report.rows_accepted:,}, "
        f"quarantined {report.rows_quarantined:,}"
    )
    if report.time_min:
        console.print(
            f"time range {report.time_min:%Y-%m-%d %H:%M} .. {report.time_max:%Y-%m-%d %H:%M} UTC"
        )
    if report.reasons:
        print_table(
            "Quarantined by reason", [{"reason": k, "rows": v} for k, v in report.reasons.items()]
        )
    if report.warnings:
        print_table("Warnings", [{"warning": k, "count": v} for k, v in report.warnings.items()])


@batches_app.callback()
def batches(
    ctx: typer.Context,
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """List ingest batches, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    reports = services.list_batches(state(ctx).workspace(), engagement_id=engagement)
    if as_json:
        print_json(reports)
        return
    rows = [
        r.model_dump(
            include={
                "batch_id",
                "engagement_id",
                "table",
                "format",
                "status",
                "rows_read",
                "rows_accepted",
                "rows_quarantined",
            }
        )
        for r in reports
    ]
    print_table(
        "Batches",
        rows,
        [
            "batch_id",
            "engagement_id",
            "table",
            "format",
            "status",
            "rows_read",
            "rows_accepted",
            "rows_quarantined",
        ],
    )


@batches_app.command("show")
def batches_show(
    ctx: typer.Context,
    batch_id: Annotated[str, typer.Argument(help="Batch id (see 'fairshore batches').")],
    limit: Annotated[int, typer.Option(help="Quarantined rows to show.")] = 20,
    as_json: bool = JsonOption,
) -> None:
    """Show one batch and its quarantined rows."""
    detail = services.get_batch(state(ctx).workspace(), batch_id, limit=limit)
    if as_json:
        print_json(detail)
        return
    _print_report(detail.report)
    rows = [
        {
            "row": q.row,
            "reason": q.reason,
            "detail": q.detail,
            "values": ", ".join(f"{k}={v}" for k, v in list(q.values.items())[:6]),
        }
        for q in detail.quarantine
    ]
    print_table(f"Quarantine ({detail.quarantine_total:,} rows)", rows)
