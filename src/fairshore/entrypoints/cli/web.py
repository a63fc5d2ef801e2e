"""``fairshore serve|user|audit-log``: the web application and its accounts."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from fairshore.accounts import audit
from fairshore.accounts import services as accounts
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.errors import InputError

user_app = typer.Typer(help="Accounts of the web application.", no_args_is_help=True)
audit_log_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")
    app.add_typer(audit_log_app, name="audit-log")


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes: one per core under load.")] = 1,
) -> None:
    """Serve the web application (pages, vendor portal, API under /api/v1)."""
    import uvicorn

    from fairshore.entrypoints.web.app import create_app

    settings = state(ctx).settings()
    state(ctx).workspace()  # fail early, with a message, if the workspace is missing
    console.print(f"Fairshore on http://{host}:{port} (workspace {settings.home})")
    if workers == 1:
        uvicorn.run(
            create_app(settings, freeze_at_startup=True), host=host, port=port, log_level="warning"
        )
        return
    # Worker processes import the app themselves (uvicorn needs an import string); they
    # read the workspace folder from the environment like every other setting.
    os.environ["FAIRSHORE_HOME"] = str(settings.home)
    uvicorn.run(
        "fairshore.entrypoints.web.app:served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def _password(from_env: str | None) -> str:
    if from_env:
        value = os.environ.get(from_env)
        if not value:
            raise InputError(f"environment variable {from_env} is empty or not set")
        return value
    if sys.stdin.isatty():
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    return sys.stdin.readline().rstrip("\n")


PasswordEnv = Annotated[
    str | None,
    typer.Option(help="Read the password from this environment variable (else prompt/stdin)."),
]


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Sign-in email.")],
    role: Annotated[str, typer.Option(help="admin, analyst, auditor, vendor or executive.")],
    vendor: Annotated[str | None, typer.Option(help="The vendor of a vendor user.")] = None,
    password_env: PasswordEnv = None,
    as_json: bool = JsonOption,
) -> None:
    """Create a user (the password is hashed with argon2id; never stored in clear)."""
    who = accounts.add_user(
        state(ctx).workspace(),
        email=email,
        password=_password(password_env),
        role=role,
        vendor_id=vendor,
    )
    if as_json:
        print_json(who.model_dump(exclude={"scopes"}))
    else:
        console.print(f"User {who.email} ({who.role}) added.")


@user_app.command("set-password")
def user_set_password(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Sign-in email.")],
    password_env: PasswordEnv = None,
    as_json: bool = JsonOption,
) -> None:
    """Give a user a new password; ends all the user's sessions and clears a lockout."""
    ended = accounts.set_password(
        state(ctx).workspace(), email=email, password=_password(password_env)
    )
    if as_json:
        print_json({"email": email.strip().lower(), "sessions_ended": ended})
    else:
        console.print(f"Password of {email} changed; {ended} session(s) ended.")


@user_app.command("list")
def user_list(ctx: typer.Context, as_json: bool = JsonOption) -> None:
    """List users of the organisation."""
    rows = [u.model_dump(exclude={"scopes"}) for u in accounts.list_users(state(ctx).workspace())]
    if as_json:
        print_json(rows)
    else:
        print_table("Users", rows)


@audit_log_app.command("verify")
def audit_log_verify(
    ctx: typer.Context,
    checkpoint: Annotated[
        Path | None,
        typer.Option(help="Also hold the log against this file from 'audit-log checkpoint'."),
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Recompute the keyed hash chain and hold it against the checkpoints; exit 1 if tampered.

    Tampered means an entry was changed, removed or reordered, or the log holds fewer
    entries, or another entry at the checkpoint's position, than a checkpoint recorded
    (the workspace's own, and --checkpoint if given).
    """
    check = audit.verify_audit_log(state(ctx).workspace(), checkpoint=checkpoint)
    if as_json:
        print_json(dataclasses.asdict(check))
    elif check.ok:
        console.print(
            f"Audit log intact: {check.entries} entries, {check.checkpoints} checkpoint(s) held."
        )
    else:
        where = f" at entry {check.first_bad_id}" if check.first_bad_id is not None else ""
        console.print(f"[bold red]Audit log tampered[/bold red]{where}: {check.problem}.")
    raise typer.Exit(code=0 if check.ok else 1)


@audit_log_app.command("checkpoint")
def audit_log_checkpoint(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option(help="File to write the signed checkpoint to.")],
    as_json: bool = JsonOption,
) -> None:
    """Write the log's head (entries, last hash, time) signed with the audit key.

    Keep the file where whoever can change the database cannot; 'audit-log verify
    --checkpoint FILE' then detects any later change to, or deletion of, those entries.
    """
    made = audit.make_checkpoint(state(ctx).workspace(), out=out)
    cp = made.checkpoint
    if as_json:
        print_json({"file": str(out), **dataclasses.asdict(cp), "at": cp.at.isoformat()})
    else:
        console.print(f"Checkpoint of {cp.entries} entries written to {out}.")
