"""``fairshore init``: create or upgrade a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fairshore.bootstrap import init_workspace
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    ctx: typer.Context,
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Workspace folder (default: --home).")
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Create a workspace (database, lake, quarantine, raw, evidence), or migrate one."""
    st = state(ctx)
    settings = st.settings(home=directory) if directory else st.settings()
    ws = init_workspace(settings)
    try:
        result = {
            "home": str(ws.home.resolve()),
            "database": ws.settings.resolved_database_url,
            "migrations_applied": ws.migrated,
            "revision": sorted(ws.db.current_revisions()),
            "lake_upgraded": [
                {"table": u.table, "files": u.files, "rows": u.rows_after} for u in ws.lake_upgraded
            ],
        }
    finally:
        ws.close()
    if as_json:
        print_json(result)
        return
    verb = "created or migrated" if ws.migrated else "up to date"
    console.print(f"Workspace [bold]{result['home']}[/bold] {verb}.")
    for u in ws.lake_upgraded:
        console.print(
            f"Lake table {u.table}: {u.files} files upgraded to Delta, "
            f"{u.rows_after} rows before and after."
        )
