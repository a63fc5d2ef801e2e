"""Use cases of notifications: send a notice, the due reminders, the weekly digest.

Sending never breaks the action that caused it: every notice is first written to the
outbox, then handed to the workspace's ``Notifier`` (``FAIRSHORE_SMTP_*``); a failure
is logged and kept on its outbox row (``failed`` with the reason, or ``unsent`` when no
SMTP server is set), for admins to see on their home page and in
``fairshore notify outbox``. A notice not delivered is tried again on its own row: by
the next reminder or digest run that finds it due, or by ``fairshore notify retry``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from fairshore.accounts import services as accounts
from fairshore.adapters.db import owners_repository as repo
from fairshore.attention import notices
from fairshore.attention.home import DUE_SOON_DAYS, MyWork, my_work
from fairshore.attention.model import Notice, OutboxEntry, OutboxStatus
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import list_engagements
from fairshore.governance import services as governance
from fairshore.governance.model import FindingRecord
from fairshore.vetting.submissions import Contest

LOG = logging.getLogger("fairshore.notify")
DUE_REMINDER_DAYS = 7
NO_SMTP = "no SMTP server is set (FAIRSHORE_SMTP_HOST)"


def notify(ws: Workspace, notice: Notice, *, now: datetime | None = None) -> OutboxStatus:
    """Keep ``notice`` in the outbox and send it; never raises (a failure is recorded)."""
    now = now or datetime.now(UTC)
    try:
        with ws.db.begin() as conn:
            outbox_id = repo.add_outbox(
                conn,
                organisation_id=ws.organisation_id,
                kind=notice.kind,
                ref=notice.ref,
                recipient=notice.to,
                subject=notice.subject[:300],
                body=notice.body,
                status="unsent",
                created_at=now,
            )
        return _attempt(ws, outbox_id, notice)
    except Exception:  # the user's action already succeeded: never undo it for a mail
        LOG.exception("cannot record the %s notice to %s", notice.kind, notice.to)
        return "failed"


def _attempt(ws: Workspace, outbox_id: int, notice: Notice) -> OutboxStatus:
    """Deliver ``notice`` and keep how it went on its outbox row."""
    status, error = _deliver(ws, notice)
    with ws.db.begin() as conn:
        sent_at = datetime.now(UTC) if status == "sent" else None
        repo.finish_outbox(conn, outbox_id, status=status, error=error, at=sent_at)
    return status


def _deliver(ws: Workspace, notice: Notice) -> tuple[OutboxStatus, str | None]:
    notifier = ws.registries.notifier(ws.settings)
    if notifier is None:
        return "unsent", NO_SMTP
    try:
        notifier.send(notice)
    except Exception as exc:  # smtplib, socket, TLS: whatever it is, the outbox says it
        LOG.warning("cannot send the %s notice to %s: %s", notice.kind, notice.to, exc)
        return "failed", f"{type(exc).__name__}: {exc}"[:2000]
    return "sent", None


def outbox(ws: Workspace, *, status: str | None = None, limit: int = 100) -> list[OutboxEntry]:
    """The newest notices of the organisation, sent or not (``status`` only, if given)."""
    with ws.db.begin() as conn:
        rows = repo.outbox_rows(conn, ws.organisation_id, status=status, limit=limit)
    return [
        OutboxEntry(
            id=r["id"],
            kind=r["kind"],
            ref=r["ref"],
            to=r["recipient"],
            subject=r["subject"],
            status=r["status"],
            error=r["error"],
            created_at=r["created_at"],
            sent_at=r["sent_at"],
            body=r["body"],
        )
        for r in rows
    ]


def notify_response(ws: Workspace, record: FindingRecord, *, by: str) -> OutboxStatus | None:
    """Tell a finding's owner the vendor responded (nobody to tell: None)."""
    if record.assignee is None or record.assignee == by:
        return None
    return notify(ws, notices.responded(ws.settings, record, to=record.assignee, by=by))


def contest_answerers(ws: Workspace, vendor_id: str) -> list[str]:
    """Who answers a vendor's contests: the default owners of its engagements, else
    every user whose role resolves contests."""
    with ws.db.begin() as conn:
        owners = {
            owner
            for e in list_engagements(ws)
            if e.vendor_id == vendor_id
            and (owner := repo.default_owner(conn, ws.organisation_id, e.id))
        }
    if owners:
        return sorted(owners)
    return [u.email for u in accounts.list_users(ws) if u.can("resolve_contest")]


def notify_contest(ws: Workspace, contest: Contest, *, by: str) -> list[OutboxStatus]:
    """Tell the people who answer contests that a vendor contested an item."""
    return [
        notify(ws, notices.contested(ws.settings, contest, to=to, by=by))
        for to in contest_answerers(ws, contest.vendor_id)
    ]


@dataclass(frozen=True)
class Sent:
    """One notice a run sent (or, in a dry run, would send), and how it went."""

    kind: str
    to: str
    subject: str
    status: OutboxStatus | None  # None: a dry run


def _send_new(ws: Workspace, found: list[Notice], *, dry_run: bool) -> list[Sent]:
    """Send the notices not sent before (once per kind, subject and person); one that
    failed or waited unsent is tried again on its outbox row."""
    out = []
    for notice in found:
        with ws.db.begin() as conn:
            kept = repo.outbox_status(
                conn, ws.organisation_id, kind=notice.kind, ref=notice.ref, recipient=notice.to
            )
        if kept is not None and kept[1] == "sent":
            continue
        if dry_run:
            status: OutboxStatus | None = None
        elif kept is None:
            status = notify(ws, notice)
        else:
            status = _attempt(ws, kept[0], notice)
        out.append(Sent(notice.kind, notice.to, notice.subject, status))
    return out


def retry_unsent(ws: Workspace, *, dry_run: bool = False, limit: int = 1000) -> list[Sent]:
    """Try again every notice of the organisation that failed or waited unsent (an
    assignment, a response, a reminder ...), each on its own outbox row."""
    waiting = [
        entry for status in ("failed", "unsent") for entry in outbox(ws, status=status, limit=limit)
    ]
    out = []
    for entry in sorted(waiting, key=lambda e: e.id):
        notice = Notice(entry.kind, entry.ref, entry.to, entry.subject, entry.body)
        status = None if dry_run else _attempt(ws, entry.id, notice)
        out.append(Sent(entry.kind, entry.to, entry.subject, status))
    return out


def due_reminders(ws: Workspace, *, today: date, dry_run: bool = False) -> list[Sent]:
    """Tell owners of findings due within a week, or overdue, once per due date."""
    horizon = today + timedelta(days=DUE_REMINDER_DAYS)
    found = [
        notices.due(ws.settings, r)
        for r in governance.list_findings(ws, status="active", today=today)
        if r.assignee is not None and r.due_on <= horizon
    ]
    return _send_new(ws, found, dry_run=dry_run)


def week_of(day: date) -> str:
    """The ISO week of a day: ``2026-W49``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_digest(ws: Workspace, *, today: date, dry_run: bool = False) -> list[Sent]:
    """Each user's week (their home page's work lists), once per user and ISO week;
    users with nothing to do, and vendor users (their portal is their list), get none."""
    alerts = governance.alerts(ws, within_days=DUE_SOON_DAYS, today=today)
    shown = {e.id for e in list_engagements(ws)}
    week = week_of(today)
    found = []
    for user in accounts.list_users(ws):
        if user.role == "vendor":
            continue
        work: MyWork = my_work(ws, user, alerts=alerts, shown=shown, today=today)
        if work.total:
            found.append(notices.digest(ws.settings, work, week=week))
    return _send_new(ws, found, dry_run=dry_run)
