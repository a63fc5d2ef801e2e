"""Domain types of attention: notices, the notifier port and the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

NoticeKind = Literal["assigned", "responded", "contested", "due", "digest"]
OutboxStatus = Literal["sent", "failed", "unsent"]


@dataclass(frozen=True)
class Notice:
    """One e-mail to one person: about ``ref`` (``finding:12``), of one ``kind``."""

    kind: NoticeKind
    ref: str
    to: str
    subject: str
    body: str


class Notifier(Protocol):
    """Delivers a notice (the SMTP adapter; a test may stand in one of its own)."""

    def send(self, notice: Notice, /) -> None:
        """Deliver ``notice`` or raise ``OSError`` (or an ``smtplib`` error) saying why."""
        ...


@dataclass(frozen=True)
class OutboxEntry:
    """A notice as the outbox keeps it: sent, failed (with why) or unsent (no SMTP)."""

    id: int
    kind: NoticeKind
    ref: str
    to: str
    subject: str
    status: OutboxStatus
    error: str | None
    created_at: datetime
    sent_at: datetime | None
    body: str = ""  # the text as written when the notice was made (a retry sends it)
