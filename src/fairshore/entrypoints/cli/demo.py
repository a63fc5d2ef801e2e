"""``fairshore demo``: the whole of Fairshore on a generated outsourcing scenario."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Placeholder replaced below once the generator lands."""
