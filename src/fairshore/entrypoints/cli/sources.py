"""``fairshore source`` and ``fairshore sync``: pull the evidence from where it lives."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, err_console, print_json, print_table
from fairshore.errors import InputError
from fairshore.sources import services
from fairshore.sources.model import FILE_KINDS, KINDS, SyncReport

source_app = typer.Typer(
    help="Feeds Fairshore pulls from: Zendesk Support (zendesk), Zendesk Talk calls "
    "(zendesk-talk), Freshdesk (freshdesk), a folder of vendor files (folder), Amazon "
    "Connect contact records (amazon-connect)."
)


def register(app: typer.Typer) -> None:
    app.add_typer(source_app, name="source")
    app.command("sync")(sync)


@source_app.command("add")
def add(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(help="zendesk, zendesk-talk, freshdesk, folder or amazon-connect."),
    ],
    engagement: Annotated[str, typer.Option(help="The engagement the records belong to.")],
    token_env: Annotated[
        str | None,
        typer.Option(
            help="APIs: environment variable holding the API token (Freshdesk: the API "
            "key); never stored."
        ),
    ] = None,
    email: Annotated[
        str | None, typer.Option(help="Zendesk, Zendesk Talk: the API user's e-mail.")
    ] = None,
    subdomain: Annotated[
        str | None, typer.Option(help="Zendesk, Zendesk Talk: acme for acme.zendesk.com.")
    ] = None,
    domain: Annotated[
        str | None, typer.Option(help="Freshdesk: acme.freshdesk.com (or acme).")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option(help="The API's address instead of the subdomain's.")
    ] = None,
    path: Annotated[
        str | None, typer.Option(help="folder, amazon-connect: a folder or s3://bucket/prefix.")
    ] = None,
    table: Annotated[str, typer.Option(help="folder: the table its files hold.")] = "interactions",
    pattern: Annotated[
        str | None, typer.Option(help="Files to read, a glob on the path under the folder.")
    ] = None,
    file_format: Annotated[
        str | None, typer.Option("--format", help="folder: the files' format (default detected).")
    ] = None,
    mapping: Annotated[str | None, typer.Option(help="folder: mapping YAML of the files.")] = None,
    source_tz: Annotated[
        str | None, typer.Option(help="folder: timezone of times without an offset.")
    ] = None,
    source_id: Annotated[
        str | None, typer.Option("--id", help="Name of the source (default ENGAGEMENT-KIND).")
    ] = None,
    cadence_hours: Annotated[int, typer.Option(help="Hours between syncs.")] = 24,
    as_json: bool = JsonOption,
) -> None:
    """Add a source: an API (and the environment variable with its token), or files.

    zendesk: tickets with metrics and satisfaction ratings (incremental cursor export);
    zendesk-talk: calls (incremental calls export); freshdesk: tickets with stats and
    satisfaction ratings (tickets changed since the cursor, updated_since); folder: new
    and changed vendor files of one table; amazon-connect: contact records from a folder
    or an S3 prefix.
    """
    ws, now = state(ctx).workspace(), services.utc_now()
    if kind in FILE_KINDS:
        if path is None:
            raise InputError(f"a {kind} source needs --path (a folder or s3://bucket/prefix)")
        source = services.add_file_source(
            ws, kind=kind, engagement_id=engagement, location=path, table=table,
            pattern=pattern or "*",
            format=file_format, mapping=mapping, source_tz=source_tz, source_id=source_id,
            cadence_hours=cadence_hours, now=now,
        )  # fmt: skip
    else:
        if token_env is None:
            raise InputError(f"a {kind} source needs --token-env")
        source = services.add_source(
            ws, kind=kind, engagement_id=engagement, email=email, token_env=token_env,
            subdomain=subdomain, domain=domain, base_url=base_url, source_id=source_id,
            cadence_hours=cadence_hours, now=now,
        )  # fmt: skip
    if as_json:
        print_json(source.model_dump(mode="json"))
        return
    console.print(f"Source [bold]{source.id}[/bold] added: {source.base_url}, every "
                  f"{source.cadence_hours} h; run 'fairshore sync {source.id}'")  # fmt: skip


@source_app.command("list")
def list_(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """Every source: last success, rows, last error and next run."""
    rows = [
        s.model_dump(mode="json") | {"next_run": services.next_run(s).isoformat()}
        for s in services.list_sources(state(ctx).workspace())
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(f"No source yet. Kinds: {', '.join(KINDS)} "
                      "(see 'fairshore source add --help').")  # fmt: skip
        return
    print_table("Sources", [
        {"source": r["id"], "engagement": r["engagement_id"], "kind": r["kind"],
         "last success": r["last_success_at"] or "never", "rows": r["rows_total"],
         "last error": r["last_error"] or "", "next run": r["next_run"]}
        for r in rows
    ])  # fmt: skip


def sync(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Argument(help="The source (default: --all).")] = None,
    all_due: Annotated[
        bool, typer.Option("--all", help="Every source whose cadence has come round.")
    ] = False,
    page_budget: Annotated[int, typer.Option(help="At most this many pages per source.")] = 200,
    batch_records: Annotated[
        int, typer.Option(help="API sources: records (whole pages) per ingest batch.", min=1)
    ] = services.BATCH_RECORDS,
    as_json: bool = JsonOption,
) -> None:
    """Pull new records from a source (or every due one, for cron) into the lake."""
    ws = state(ctx).workspace()
    if (source is None) == (not all_due):
        raise InputError("name one source, or give --all")
    now = services.utc_now()
    if all_due:
        reports = services.sync_due(ws, now=now)
    else:
        with Progress(SpinnerColumn(), TextColumn("[bold]sync[/bold] {task.fields[what]}"),
                      TimeElapsedColumn(), console=err_console, transient=True,
                      disable=as_json or not err_console.is_terminal) as bar:  # fmt: skip
            task = bar.add_task("sync", what="", total=None)

            def on_page(pages: int, report: SyncReport) -> None:
                bar.update(task, what=f"{pages} pages, {report.rows_read:,} records")

            reports = [
                services.sync_source(
                    ws,
                    source or "",
                    now=now,
                    page_budget=page_budget,
                    on_page=on_page,
                    batch_records=batch_records,
                )
            ]
    if as_json:
        print_json([r.model_dump(mode="json") for r in reports])
    else:
        print_table("Sync", [
            {"source": r.source_id, "status": r.status, "pages": r.pages,
             "read": r.rows_read, "inserted": r.rows_inserted, "updated": r.rows_updated,
             "retracted": r.rows_retracted, "quarantined": r.rows_quarantined,
             "error": r.error or ""}
            for r in reports
        ])  # fmt: skip
    if any(r.status == "failed" for r in reports):
        raise typer.Exit(1)
