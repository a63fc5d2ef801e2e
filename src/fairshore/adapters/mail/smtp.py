"""Sends notices over SMTP (stdlib ``smtplib``), configured by ``FAIRSHORE_SMTP_*``."""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from fairshore.attention.model import Notice
from fairshore.config import Settings


class SmtpNotifier:
    """One SMTP connection per notice: notices are few, and a dropped connection between
    them would otherwise fail the next one."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        user: str | None = None,
        password: str | None = None,
        starttls: bool = True,
        timeout_s: float = 10.0,
    ) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.user, self.password = user, password
        self.starttls, self.timeout_s = starttls, timeout_s

    def message(self, notice: Notice) -> EmailMessage:
        """The e-mail of a notice (headers on one line each: a title may hold a newline)."""
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = " ".join(notice.to.split())
        msg["Subject"] = " ".join(notice.subject.split())
        msg["Date"] = formatdate(usegmt=True)
        msg["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        msg.set_content(notice.body)
        return msg

    def send(self, notice: Notice, /) -> None:
        """Deliver ``notice``; raises ``OSError`` or ``smtplib.SMTPException`` on failure."""
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(self.message(notice))


def smtp_notifier(settings: Settings) -> SmtpNotifier | None:
    """The SMTP notifier the settings describe, or None when no server is set."""
    if settings.smtp_host is None:
        return None
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    return SmtpNotifier(
        host=settings.smtp_host,
        port=settings.smtp_port,
        sender=settings.smtp_from or f"fairshore@{socket.getfqdn() or 'localhost'}",
        user=settings.smtp_user,
        password=password,
        starttls=settings.smtp_starttls,
        timeout_s=settings.smtp_timeout_s,
    )
