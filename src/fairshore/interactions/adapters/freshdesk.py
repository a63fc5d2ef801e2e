"""Freshdesk tickets (API v2, ``include=stats``) with satisfaction ratings.

Status, priority and source are codes; the mapping file may add custom statuses
(``statuses: {6: resolved}``), sources (``sources: {13: chat}``), custom fields
(``custom_fields: {cf_language: language}``) and the survey scale
(``csat_values: {103: 5, ...}``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from fairshore.errors import IngestError
from fairshore.interactions.adapters.base import chunked, load_json
from fairshore.interactions.adapters.json_records import apply_custom_fields, passthrough
from fairshore.interactions.model import DELETED_TICKET, ReadContext
from fairshore.interactions.schema import INTERACTIONS

STATUSES = {2: "open", 3: "pending", 4: "resolved", 5: "closed"}
PRIORITIES = {1: "low", 2: "medium", 3: "high", 4: "urgent"}
SOURCES = {
    1: "email",
    2: "web_form",
    3: "voice",
    4: "social",
    5: "social",
    6: "social",
    7: "chat",
    8: "messaging",
    9: "web_form",
    10: "email",
    11: "other",
    12: "messaging",
}
# Freshdesk survey answers run from -103 (extremely unhappy) to 103 (extremely happy).
CSAT_VALUES = {103: 5.0, 102: 4.0, 101: 4.0, 100: 3.0, -101: 2.0, -102: 2.0, -103: 1.0}
SPAM = "spam"


def _items(doc: Any, key: str) -> list[dict[str, Any]] | None:
    if isinstance(doc, list):
        return [d for d in doc if isinstance(d, dict)]
    if isinstance(doc, dict) and isinstance(doc.get(key), list):
        return [d for d in doc[key] if isinstance(d, dict)]
    return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class FreshdeskTickets:
    """Freshdesk tickets with stats (+ satisfaction ratings files) -> interactions."""

    name: ClassVar[str] = "freshdesk"
    tables: ClassVar[tuple[str, ...]] = ("interactions",)

    def sniff(self, path: Path, head: str) -> bool:
        return head.lstrip().startswith(("[", "{")) and (
            '"fr_due_by"' in head or '"responder_id"' in head or '"ratings"' in head
        )

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        tickets: list[dict[str, Any]] = []
        ratings: dict[str, Any] = {}
        for path in paths:
            doc = load_json(path, ctx)
            found = _items(doc, "satisfaction_ratings")
            if found and all("ratings" in r for r in found):
                for r in found:
                    ratings[str(r.get("ticket_id"))] = r.get("ratings")
                continue
            found = _items(doc, "tickets")
            if found is None:
                raise IngestError(
                    f"{path.name}: not a Freshdesk tickets export (expected a JSON array of "
                    'tickets or {"tickets": [...]}) nor satisfaction ratings'
                )
            tickets.extend(found)
        yield from chunked(self._rows(tickets, ratings, ctx), ctx.chunk_rows)

    def _rows(
        self, tickets: list[dict[str, Any]], ratings: dict[str, Any], ctx: ReadContext
    ) -> Iterator[dict[str, Any]]:
        m = ctx.mapping
        statuses = {**STATUSES, **{int(k): str(v) for k, v in (m.get("statuses") or {}).items()}}
        sources = {**SOURCES, **{int(k): str(v) for k, v in (m.get("sources") or {}).items()}}
        scale = {
            **CSAT_VALUES,
            **{int(k): float(v) for k, v in (m.get("csat_values") or {}).items()},
        }
        for pos, ticket in enumerate(tickets, start=1):
            row = self._row(ticket, statuses, sources, ctx)
            rating = ratings.get(str(ticket.get("id"))) or ticket.get("satisfaction_rating")
            row["csat"] = self._csat(rating, scale, ctx)
            apply_custom_fields(
                row,
                ticket.get("custom_fields"),
                m.get("custom_fields") or {},
                ctx.segment_columns,
            )
            passthrough(row, ticket, [*INTERACTIONS.names, *ctx.segment_columns])
            row["_row"] = pos
            if ticket.get("deleted"):
                row["_reason"], row["_detail"] = DELETED_TICKET, "deleted"
            elif ticket.get("spam"):
                row["_reason"], row["_detail"] = SPAM, "spam"
            yield row

    def _row(
        self,
        ticket: dict[str, Any],
        statuses: dict[int, str],
        sources: dict[int, str],
        ctx: ReadContext,
    ) -> dict[str, Any]:
        found = ticket.get("stats")
        stats: dict[str, Any] = found if isinstance(found, dict) else {}
        source = _int(ticket.get("source"))
        status = statuses.get(_int(ticket.get("status")) or -1)
        if status is None and ticket.get("status") is not None:
            ctx.warnings["unknown_status"] += 1
        channel = sources.get(source) if source is not None else None
        if channel is None and ticket.get("source") is not None:
            channel = f"source:{ticket.get('source')}"
        row: dict[str, Any] = {
            "interaction_id": ticket.get("id"),
            "channel": channel,
            "queue": ticket.get("group_id"),
            "priority": PRIORITIES.get(_int(ticket.get("priority")) or -1, ticket.get("priority")),
            "reason": ticket.get("type"),
            "customer_ref": ticket.get("requester_id"),
            "agent_ref": ticket.get("responder_id"),
            "arrived_at": ticket.get("created_at"),
            # the source's own modification time: a newer version replaces this one
            "updated_at": ticket.get("updated_at"),
            "answered_at": stats.get("first_responded_at"),
            "resolved_at": stats.get("resolved_at")
            or (stats.get("closed_at") if status in ("resolved", "closed") else None),
            "ended_at": stats.get("closed_at"),
            "escalated": ticket.get("is_escalated"),
        }
        if stats:
            row["reopened_count"] = 1 if stats.get("reopened_at") else 0
        return row

    def _csat(self, rating: Any, scale: dict[int, float], ctx: ReadContext) -> float | None:
        if isinstance(rating, dict):
            rating = rating.get("default_question", next(iter(rating.values()), None))
        value = _int(rating)
        if rating is None or value is None:
            return None
        if value in scale:
            return scale[value]
        if 1 <= value <= 5:
            return float(value)
        ctx.warnings["unknown_satisfaction_value"] += 1
        return float(value)
