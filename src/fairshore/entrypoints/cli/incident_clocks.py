"""Options and tables of ``fairshore privacy incident``: counts per region, notices, clocks."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from fairshore import numbers
from fairshore.errors import InputError
from fairshore.privacy.incidents import window_text
from fairshore.privacy.model import IncidentStatusView

RegionsOpt = Annotated[
    str | None,
    typer.Option(
        "--affected-by-region",
        help="People affected per state or country, e.g. 'US-CA=600,US-TX=40' (HIPAA's "
        "media notice is due above 500 residents of a state, 45 CFR 164.406).",
    ),
]
NoticesOpt = Annotated[
    str | None,
    typer.Option(
        "--notified",
        help="When further audiences were told, e.g. 'media=2026-05-20T09:00Z,"
        "hhs=2026-05-21T09:00Z' (media, hhs, attorney_general, card_brands).",
    ),
]


def _pairs(text: str, option: str) -> list[tuple[str, str]]:
    pairs = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"{option}: write key=value pairs separated by commas, not {part!r}")
        pairs.append((key.strip(), value.strip()))
    return pairs


def parse_regions(text: str | None) -> dict[str, int] | None:
    """``'US-CA=600,US-TX=40'`` as counts per region (None when not given)."""
    if text is None:
        return None
    out = {}
    for key, value in _pairs(text, "--affected-by-region"):
        try:
            out[key.upper()] = int(value)
        except ValueError:
            raise InputError(f"--affected-by-region: {value!r} is not a whole number") from None
    return out


def parse_notices(text: str | None) -> dict[str, str] | None:
    """``'media=2026-05-20T09:00Z'`` as audience -> ISO time (validated by the model)."""
    if text is None:
        return None
    return {k: v.replace("Z", "+00:00") for k, v in _pairs(text, "--notified")}


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def clock_rows(views: list[IncidentStatusView]) -> list[dict[str, Any]]:
    """One row per clock: its audience, basis, start, deadline and state."""
    rows = []
    for v in views:
        for c in v.clocks:
            if c.state == "running" and c.remaining_hours is not None:
                state = f"running, {numbers.hours(c.remaining_hours)} left"
            elif c.state in ("met", "late") and c.elapsed_hours is not None:
                state = f"{c.state} after {numbers.hours(c.elapsed_hours)}"
            else:
                state = c.state.replace("_", " ")
            rows.append(
                {
                    "incident": v.incident.id,
                    "audience": c.audience.replace("_", " "),
                    "window": window_text(c.window_hours),
                    "deadline (UTC)": _when(c.deadline),
                    "state": state,
                    "basis": "; ".join(c.basis),
                }
            )
    return rows
