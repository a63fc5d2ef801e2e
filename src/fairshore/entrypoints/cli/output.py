"""Printing results: Rich tables for people, stable JSON for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from fairshore import numbers

console = Console()
err_console = Console(stderr=True)


def _default(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(data: object) -> None:
    """Write ``data`` as JSON to standard output (NaN written as null)."""
    text = json.dumps(
        _jsonable(data), default=_default, indent=2, ensure_ascii=False, allow_nan=False
    )
    sys.stdout.write(text + "\n")


def _jsonable(data: object) -> object:
    if isinstance(data, BaseModel):
        return _jsonable(data.model_dump(mode="json"))
    if isinstance(data, float) and data != data:  # NaN
        return None
    if isinstance(data, float) and data in (float("inf"), float("-inf")):
        return None
    if isinstance(data, Mapping):
        return {str(k): _jsonable(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_jsonable(v) for v in data]
    return data


def print_table(
    title: str, rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> None:
    """A Rich table of ``rows`` (dicts), columns in the given order."""
    if not rows:
        console.print(f"[dim]{title}: none[/dim]")
        return
    cols = list(columns or rows[0].keys())
    table = Table(title=title, title_justify="left")
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in cols))
    console.print(table)


def _cell(value: object) -> str:
    if value is None:
        return "[dim]—[/dim]"
    if isinstance(value, float):
        return numbers.number(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


@contextmanager
def progress_bar(
    description: str, total: float | None, *, enabled: bool = True
) -> Iterator[Progress]:
    """A progress bar on the terminal's error stream (silent when not enabled)."""
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=not enabled,
        transient=False,
    )
    with progress:
        progress.add_task(description, total=total)
        yield progress
