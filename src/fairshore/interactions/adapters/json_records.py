"""What the JSON helpdesk adapters share: times, custom fields, versions of a record."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from fairshore.interactions.model import SUPERSEDED_VERSION


def parse_time(value: Any) -> datetime | None:
    """An API timestamp (ISO 8601, ``Z`` or offset) as an aware datetime, else None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def plus_seconds(start: Any, seconds: Any) -> str | None:
    """``start`` + ``seconds`` as ISO text, or None when either is missing."""
    begin = parse_time(start)
    if begin is None or not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return None
    return (begin + timedelta(seconds=float(seconds))).isoformat()


def number(value: Any) -> float | None:
    """A JSON number (not a bool) as float, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def apply_custom_fields(
    row: dict[str, Any], fields: Any, mapping: dict[Any, str], segments: list[str]
) -> None:
    """Copy custom field values to the canonical columns the mapping names."""
    wanted = {str(k): v for k, v in mapping.items()}
    if isinstance(fields, dict):
        fields = [{"id": k, "value": v} for k, v in fields.items()]
    for field in fields or []:
        if not isinstance(field, dict):
            continue
        column = wanted.get(str(field.get("id")))
        if column and (not column.startswith("seg_") or column in segments):
            row[column] = field.get("value")


def passthrough(row: dict[str, Any], record: dict[str, Any], columns: Iterable[str]) -> None:
    """Copy keys of ``record`` that already carry a canonical or segment column name."""
    for name in columns:
        if name in record and name not in row:
            row[name] = record[name]


def latest_versions(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark all but the latest version of each id (incremental exports repeat a record
    every time it changes) with reason ``superseded_version``; the latest is the one
    with the greatest ``updated_at``, the later position breaking ties."""
    best: dict[Any, tuple[str, int]] = {}
    for pos, rec in enumerate(records):
        key = rec.get("id")
        stamp = str(rec.get("updated_at") or "")
        if key is not None and (key not in best or (stamp, pos) >= best[key]):
            best[key] = (stamp, pos)
    keep = {pos for _, pos in best.values()}
    return [
        {**rec, "__superseded": pos not in keep and rec.get("id") is not None}
        for pos, rec in enumerate(records)
    ]


SUPERSEDED = SUPERSEDED_VERSION
