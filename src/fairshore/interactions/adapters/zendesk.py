"""Zendesk Support tickets with ticket metrics (one batch from one or more files).

Accepts incremental-export pages ``{"tickets": [...], "end_of_stream": ...}``, plain
``{"tickets": [...]}`` or ``{"ticket": {...}}``, metric files
``{"ticket_metrics": [...]}`` and side-loaded ``metric_sets`` (top level or inside a
ticket). ``via.channel`` is a via type or a via id, mapped by a table (extend it with
``channels:`` in the mapping file); custom fields map to canonical columns through
``custom_fields:``. A missed chat (a ticket tagged ``zopim_chat_missed`` with no reply)
is abandoned at the ticket's ``updated_at``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa

from fairshore.errors import IngestError
from fairshore.interactions.adapters.base import chunked, load_json
from fairshore.interactions.adapters.json_records import (
    SUPERSEDED,
    apply_custom_fields,
    latest_versions,
    number,
    parse_time,
    passthrough,
)
from fairshore.interactions.model import DELETED_TICKET, ReadContext
from fairshore.interactions.schema import INTERACTIONS

# Zendesk "Via types reference": via id and via type -> canonical channel.
VIA_CHANNELS: dict[str, str] = {
    "0": "web_form",
    "web_form": "web_form",
    "web": "web_form",
    "4": "email",
    "mail": "email",
    "email": "email",
    "5": "other",
    "web_service": "other",
    "api": "other",
    "8": "other",
    "rule": "other",
    "17": "web_form",
    "dropbox": "web_form",
    "23": "social",
    "26": "social",
    "30": "social",
    "twitter": "social",
    "29": "chat",
    "chat": "chat",
    "native_messaging": "messaging",
    "messaging": "messaging",
    "33": "voice",
    "34": "voice",
    "35": "voice",
    "44": "voice",
    "45": "voice",
    "voice": "voice",
    "phone": "voice",
    "voicemail": "voice",
    "38": "social",
    "41": "social",
    "facebook": "social",
    "instagram_dm": "social",
    "48": "web_form",
    "web_widget": "web_form",
    "help_center": "web_form",
    "49": "messaging",
    "mobile_sdk": "messaging",
    "56": "messaging",
    "mobile": "messaging",
    "57": "messaging",
    "sms": "messaging",
    "whatsapp": "messaging",
    "line": "messaging",
}
MISSED_CHAT_TAG = "zopim_chat_missed"
LEGACY_SCORES = {"good": 5.0, "bad": 1.0, "neutral": 3.0}
NO_SCORE = {"offered", "unoffered", ""}


def satisfaction(value: Any, ctx: ReadContext) -> float | None:
    """CSAT 1-5 from a satisfaction rating: object or string, legacy good/bad (5/1),
    or the new survey's ``answers[{rating, rating_category}]``."""
    if value is None:
        return None
    score: Any = value
    if isinstance(value, dict):
        answers = value.get("answers")
        if isinstance(answers, list) and answers and isinstance(answers[0], dict):
            first = answers[0]
            score = first.get("rating", first.get("rating_category"))
        else:
            score = value.get("score", value.get("rating"))
    if number(score) is not None:
        return number(score)
    if isinstance(score, str):
        text = score.strip().lower()
        if text in NO_SCORE:
            return None
        if text in LEGACY_SCORES:
            return LEGACY_SCORES[text]
        try:
            return float(text)
        except ValueError:
            pass
    if score is not None:
        ctx.warnings["unknown_satisfaction_value"] += 1
    return None


def zendesk_flags(ticket: dict[str, Any], met: dict[str, Any], tags: list[Any]) -> dict[str, Any]:
    """Escalated, transferred and first-contact-resolved as Zendesk defines them, from the
    ticket metrics; None (unknown) where the export lacks the metric, never a guess.

    * transferred: ``assignee_stations > 1`` (the ticket had more than one assignee);
    * escalated: ``group_stations > 1`` (it passed to another group: Zendesk's tiers and
      teams are groups); without metrics, an ``escalat*`` tag says yes, nothing says no;
    * first contact resolved: Explore's one-touch ticket, solved or closed with fewer
      than two agent ``replies``; unknown while the ticket is not solved.
    """
    assignees, groups = number(met.get("assignee_stations")), number(met.get("group_stations"))
    replies = number(met.get("replies"))
    tagged = any("escalat" in str(t) for t in tags)
    solved = ticket.get("status") in ("solved", "closed")
    return {
        "transferred": None if assignees is None else assignees > 1,
        "escalated": (groups > 1) if groups is not None else (True if tagged else None),
        "first_contact_resolved": None if replies is None or not solved else replies < 2,
    }


class ZendeskTickets:
    """Zendesk Support tickets + ticket metrics -> interactions."""

    name: ClassVar[str] = "zendesk"
    tables: ClassVar[tuple[str, ...]] = ("interactions",)

    def sniff(self, path: Path, head: str) -> bool:
        text = head.lstrip()
        freshdesk = '"fr_due_by"' in head or '"responder_id"' in head
        return (
            not freshdesk
            and text.startswith("{")
            and any(
                f'"{k}"' in head for k in ("tickets", "ticket_metrics", "metric_sets", "ticket")
            )
            and '"calls"' not in head
        )

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        tickets, metrics = self._load(paths, ctx)
        yield from chunked(self._rows(tickets, metrics, ctx), ctx.chunk_rows)

    def _load(
        self, paths: Sequence[Path], ctx: ReadContext
    ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        tickets: list[dict[str, Any]] = []
        metrics: dict[str, dict[str, Any]] = {}
        last_page_end: bool | None = None
        for path in paths:
            doc = load_json(path, ctx)
            if not isinstance(doc, dict) or not any(
                k in doc for k in ("tickets", "ticket", "ticket_metrics", "metric_sets")
            ):
                raise IngestError(
                    f"{path.name}: not a Zendesk tickets or ticket metrics export (expected "
                    'an object with "tickets", "ticket_metrics" or "metric_sets")'
                )
            page = doc.get("tickets") or ([doc["ticket"]] if doc.get("ticket") else [])
            if "tickets" in doc or "ticket" in doc:
                tickets.extend(t for t in page if isinstance(t, dict))
                if "end_of_stream" in doc:
                    last_page_end = bool(doc["end_of_stream"])
            for key in ("ticket_metrics", "metric_sets"):
                for met in doc.get(key) or []:
                    if isinstance(met, dict) and met.get("ticket_id") is not None:
                        metrics[str(met["ticket_id"])] = met
        if last_page_end is False:
            ctx.warnings["export_incomplete"] += 1
        known = {str(t.get("id")) for t in tickets}
        ctx.warnings["metrics_without_ticket"] += sum(1 for k in metrics if k not in known)
        ctx.warnings = +ctx.warnings
        return tickets, metrics

    def _rows(
        self,
        tickets: list[dict[str, Any]],
        metrics: dict[str, dict[str, Any]],
        ctx: ReadContext,
    ) -> Iterator[dict[str, Any]]:
        channels = {
            **VIA_CHANNELS,
            **{str(k): v for k, v in (ctx.mapping.get("channels") or {}).items()},
        }
        custom = ctx.mapping.get("custom_fields") or {}
        for number_, ticket in enumerate(latest_versions(tickets), start=1):
            met = ticket.get("metric_set") or metrics.get(str(ticket.get("id"))) or {}
            row = self._row(ticket, met, channels, custom, ctx)
            row["_row"] = number_
            if ticket["__superseded"]:
                row["_reason"], row["_detail"] = SUPERSEDED, "id"
            elif ticket.get("status") == "deleted":
                row["_reason"], row["_detail"] = DELETED_TICKET, "status"
            yield row

    def _row(
        self,
        ticket: dict[str, Any],
        met: dict[str, Any],
        channels: dict[str, str],
        custom: dict[Any, str],
        ctx: ReadContext,
    ) -> dict[str, Any]:
        via = ticket.get("via") if isinstance(ticket.get("via"), dict) else {}
        raw_channel = via.get("channel") if via else ticket.get("channel")
        channel = None if raw_channel is None else channels.get(str(raw_channel).lower())
        if raw_channel is not None and channel is None:
            channel = f"via:{raw_channel}"
        created = parse_time(ticket.get("created_at"))
        row: dict[str, Any] = {
            "interaction_id": ticket.get("id"),
            "channel": channel,
            "queue": ticket.get("group_id"),
            "priority": ticket.get("priority"),
            "reason": ticket.get("type"),
            "customer_ref": ticket.get("requester_id"),
            "agent_ref": ticket.get("assignee_id"),
            "arrived_at": ticket.get("created_at"),
            # the source's own modification time: a newer version replaces this one
            "updated_at": ticket.get("updated_at"),
            "resolved_at": met.get("solved_at"),
            "reopened_count": met.get("reopens"),
            "csat": satisfaction(ticket.get("satisfaction_rating"), ctx),
        }
        reply = number((met.get("reply_time_in_minutes") or {}).get("calendar"))
        if created is not None and reply is not None:
            row["answered_at"] = (created + timedelta(minutes=reply)).isoformat()
        if ticket.get("status") in ("solved", "closed"):
            row["ended_at"] = met.get("solved_at")
        tags = ticket.get("tags") or []
        row |= {k: v for k, v in zendesk_flags(ticket, met, tags).items() if v is not None}
        if MISSED_CHAT_TAG in tags and "answered_at" not in row:
            # Zendesk Chat files a chat nobody answered as a ticket tagged
            # zopim_chat_missed; its last update is when the visitor left
            row["abandoned_at"] = ticket.get("updated_at") or ticket.get("created_at")
            if not ticket.get("updated_at"):
                ctx.warnings["missed_chat_without_updated_at"] += 1
        apply_custom_fields(row, ticket.get("custom_fields"), custom, ctx.segment_columns)
        passthrough(row, ticket, [*INTERACTIONS.names, *ctx.segment_columns])
        return row
