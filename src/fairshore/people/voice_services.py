"""Worker-voice use cases: anonymous grievances, receipts, escalation, channels."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from fairshore.adapters.db import people_repository as repo
from fairshore.adapters.db import voice_channels_repository as channels
from fairshore.engagements import services as engagements
from fairshore.errors import InputError, NotFoundError
from fairshore.governance.model import Finding
from fairshore.people import voice
from fairshore.people.sources import engagement_sites, today_utc

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace


def submit_grievance(
    ws: Workspace,
    engagement_id: str,
    *,
    category: str,
    body: str,
    site_id: str | None = None,
    today: date | None = None,
) -> tuple[voice.Grievance, str]:
    """Record an anonymous grievance; return the case and the receipt code (shown once)."""
    engagement = engagements.get_engagement(ws, engagement_id)
    if category not in voice.CATEGORIES:
        raise InputError(f"unknown category {category!r}: use {', '.join(voice.CATEGORIES)}")
    if site_id is not None and site_id not in {s.id for s in engagement_sites(ws, engagement)}:
        raise NotFoundError(f"site {site_id!r} is not a site of engagement {engagement_id}")
    if not body.strip():
        raise InputError("write what happened (the text is empty)")
    if len(body) > 5000:
        raise InputError("the text is longer than 5000 characters")
    # Names, phones, e-mails ... of the worker or the people they name are replaced
    # before anything is written: the typed text is never stored. (Imported here:
    # Presidio takes seconds to import, and most uses of this module never redact.)
    from fairshore.privacy.redaction import redact_personal_data

    case = voice.open_grievance(
        engagement_id=engagement_id,
        category=category,
        body=redact_personal_data(body).text,
        site_id=site_id,
        today=today or today_utc(),
    )
    code = voice.new_receipt()
    with ws.db.begin() as conn:
        repo.insert_grievance(
            conn, ws.organisation_id, case, receipt_digest=voice.receipt_digest(code)
        )
    return case, code


def grievance_by_receipt(ws: Workspace, code: str) -> voice.Grievance:
    """The reporter's view of a case, found by receipt code."""
    with ws.db.begin() as conn:
        case = repo.find_by_receipt(conn, voice.receipt_digest(code))
    if case is None:
        raise NotFoundError("no case has this receipt code: check it letter by letter")
    return case


def get_grievance(ws: Workspace, case_id: str) -> voice.Grievance:
    with ws.db.begin() as conn:
        case = repo.get_grievance(conn, ws.organisation_id, case_id)
    if case is None:
        raise NotFoundError(f"unknown case {case_id!r} (see 'fairshore voice list')")
    return case


def list_grievances(ws: Workspace, engagement_id: str | None = None) -> list[voice.Grievance]:
    with ws.db.begin() as conn:
        return repo.list_grievances(conn, ws.organisation_id, engagement_id)


def update_grievance(
    ws: Workspace,
    case_id: str,
    *,
    status: str | None = None,
    reply: str | None = None,
    author: str = "vendor",
    today: date | None = None,
) -> voice.Grievance:
    """Move a case to its next status and/or add a reply the reporter can read."""
    day = today or today_utc()
    case = get_grievance(ws, case_id)
    if status is not None:
        if status not in voice.STATUSES:
            raise InputError(f"unknown status {status!r}: use {', '.join(voice.STATUSES)}")
        case = voice.advance(case, status, today=day)
    if author not in ("vendor", "client"):
        raise InputError("a reply is written by the vendor or the client")
    with ws.db.begin() as conn:
        repo.update_grievance(conn, case)
        if reply:
            note = voice.Reply(author=author, body=reply.strip(), written_on=day)
            repo.add_reply(conn, case.id, note, reply_id=voice.new_case_id())
    return get_grievance(ws, case_id)


def escalate_overdue(
    ws: Workspace, engagement_id: str | None = None, *, today: date | None = None
) -> list[Finding]:
    """Findings for cases past their deadlines; marks unacknowledged ones escalated."""
    day = today or today_utc()
    out: list[Finding] = []
    with ws.db.begin() as conn:
        for case in repo.list_grievances(conn, ws.organisation_id, engagement_id):
            found = voice.overdue_findings(case, today=day)
            if any(f.key.endswith(":unacknowledged") for f in found) and case.escalated_on is None:
                repo.update_grievance(conn, case.model_copy(update={"escalated_on": day}))
            out.extend(found)
    return out


def grievance_aggregates(
    ws: Workspace, engagement_id: str | None = None, *, k: int = voice.K_ANONYMITY
) -> list[voice.VoiceAggregate]:
    """Counts by category, status, site and month; groups under ``k`` suppressed."""
    cases = list_grievances(ws, engagement_id)
    return [voice.aggregate(cases, by=by, k=k) for by in ("category", "status", "site", "month")]


def site_visible(cases: list[voice.Grievance], *, k: int = voice.K_ANONYMITY) -> set[str]:
    """Sites with at least ``k`` cases: only those may be shown beside a case."""
    counts: dict[str, int] = {}
    for c in cases:
        if c.site_id:
            counts[c.site_id] = counts.get(c.site_id, 0) + 1
    return {s for s, n in counts.items() if n >= k}


# ------------------------------------------------------------------ voice channels


def open_voice_channel(
    ws: Workspace, engagement_id: str, *, today: date | None = None
) -> voice.VoiceChannel:
    """Opt an engagement in to the public worker-voice form; return its (public) code.

    An engagement has at most one open channel: opening again returns it.
    """
    engagements.get_engagement(ws, engagement_id)
    with ws.db.begin() as conn:
        found = channels.open_channel(conn, ws.organisation_id, engagement_id)
        if found is not None:
            return found
        channel = voice.VoiceChannel(
            code=voice.new_channel_code(),
            organisation_id=ws.organisation_id,
            engagement_id=engagement_id,
            opened_on=today or today_utc(),
        )
        channels.insert_channel(conn, channel)
    return channel


def close_voice_channel(
    ws: Workspace, engagement_id: str, *, today: date | None = None
) -> voice.VoiceChannel:
    """Stop taking new reports for an engagement (existing cases and receipts stay)."""
    with ws.db.begin() as conn:
        found = channels.open_channel(conn, ws.organisation_id, engagement_id)
        if found is None:
            raise NotFoundError(f"engagement {engagement_id!r} has no open worker-voice channel")
        day = today or today_utc()
        channels.close_channel(conn, found.code, day)
    return found.model_copy(update={"closed_on": day})


def list_voice_channels(ws: Workspace) -> list[voice.VoiceChannel]:
    """The organisation's worker-voice channels, open and closed."""
    with ws.db.begin() as conn:
        return channels.list_channels(conn, ws.organisation_id)


def voice_channel(ws: Workspace, code: str) -> voice.VoiceChannel:
    """The open channel with this public code, in whatever organisation it belongs to."""
    with ws.db.begin() as conn:
        found = channels.channel_by_code(conn, voice.normalise_channel_code(code))
    if found is None or found.closed_on is not None:
        raise NotFoundError("no open worker-voice channel has this code: check the poster")
    return found
