"""What every command shares: the chosen workspace, opened on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import typer

from fairshore.bootstrap import Workspace, open_workspace
from fairshore.config import Settings, load_settings
from fairshore.metrics.periods import Period, parse_period


@dataclass
class CliState:
    """Options of the root command, and the workspace once opened."""

    home: Path | None = None
    _workspace: Workspace | None = field(default=None, repr=False)

    def settings(self, **overrides: object) -> Settings:
        if self.home is not None:
            overrides.setdefault("home", self.home)
        return load_settings(**overrides)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = open_workspace(self.settings())
        return self._workspace

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None


def state(ctx: typer.Context) -> CliState:
    """The shared state of this invocation."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON.")
PeriodOption = typer.Option(
    "--period",
    help="A month (2026-10), quarter (2026-Q3), year (2026), day or range (2026-01..2026-03).",
)


def period_from_option(text: str | None) -> Period | None:
    """The ``--period`` option read by the one period parser (None when not given)."""
    return parse_period(text) if text else None
