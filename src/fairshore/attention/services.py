"""Use cases of notifications: send a notice, the due reminders, the weekly digest.

Sending never breaks the action that caused it: every notice is first written to the
outbox, then handed to the workspace's ``Notifier`` (``FAIRSHORE_SMTP_*``); a failure
is logged and kept on its outbox row (``failed`` with the reason, or ``unsent`` when no
SMTP server is set), for admins to see on their home page and in
``fairshore notify outbox``.
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
        status, error = _deliver(ws, notice)
        with ws.db.begin() as conn:
            sent_at = datetime.now(UTC) if status == "sent" else None
            repo.finish_outbox(conn, outbox_id, status=status, error=error, at=sent_at)
    except Exception:  # the user's action already succeeded: never undo it for a mail
        LOG.exception("cannot record the %s notice to %s", notice.kind, notice.to)
        return "failed"
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


def _already(ws: Workspace, notice: Notice) -> bool:
    with ws.db.begin() as conn:
        return repo.outbox_sent(
            conn, ws.organisation_id, kind=notice.kind, ref=notice.ref, recipient=notice.to
        )


def _send_new(ws: Workspace, found: list[Notice], *, dry_run: bool) -> list[Sent]:
    """Send the notices not sent before (once per kind, subject and person)."""
    fresh = [n for n in found if not _already(ws, n)]
    return [Sent(n.kind, n.to, n.subject, None if dry_run else notify(ws, n)) for n in fresh]


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
