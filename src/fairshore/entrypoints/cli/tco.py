"""``fairshore tco``: total cost of ownership of sourcing options (placeholder)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``tco`` command."""
