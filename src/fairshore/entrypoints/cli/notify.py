"""``fairshore notify``: e-mail digests and reminders, and the outbox of every notice."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from fairshore.attention import services
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import print_json, print_table

notify_app = typer.Typer(
    help="E-mail notifications (FAIRSHORE_SMTP_*): digests, reminders, the outbox.",
    no_args_is_help=True,
)
DryRun = typer.Option(False, "--dry-run", help="List what would be sent; send nothing.")


def register(app: typer.Typer) -> None:
    app.add_typer(notify_app, name="notify")


def _print(title: str, sent: list[services.Sent], as_json: bool) -> None:
    rows = [asdict(s) for s in sent]
    if as_json:
        print_json(rows)
    else:
        print_table(title, [r | {"status": r["status"] or "dry run"} for r in rows])


@notify_app.command("digest")
def digest(ctx: typer.Context, dry_run: bool = DryRun, as_json: bool = JsonOption) -> None:
    """Send each user their week (once per ISO week; schedule it weekly, e.g. cron)."""
    ws = state(ctx).workspace()
    _print("Weekly digest", services.weekly_digest(ws, today=ws.today(), dry_run=dry_run), as_json)


@notify_app.command("due")
def due(ctx: typer.Context, dry_run: bool = DryRun, as_json: bool = JsonOption) -> None:
    """Remind owners of findings due within a week or overdue (once per due date)."""
    ws = state(ctx).workspace()
    _print("Due reminders", services.due_reminders(ws, today=ws.today(), dry_run=dry_run), as_json)


@notify_app.command("retry")
def retry(ctx: typer.Context, dry_run: bool = DryRun, as_json: bool = JsonOption) -> None:
    """Send again every notice that failed or waited unsent (e.g. after fixing SMTP)."""
    ws = state(ctx).workspace()
    _print("Notices tried again", services.retry_unsent(ws, dry_run=dry_run), as_json)


@notify_app.command("outbox")
def outbox(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="sent, failed or unsent.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
    as_json: bool = JsonOption,
) -> None:
    """The newest notices, sent or not, with why a failed one failed."""
    rows = [asdict(e) for e in services.outbox(state(ctx).workspace(), status=status, limit=limit)]
    if as_json:
        print_json(rows)
    else:
        print_table(
            "Outbox", rows, ["id", "created_at", "kind", "to", "subject", "status", "error"]
        )
