"""A real SMTP server for tests (aiosmtpd on 127.0.0.1, a free port), keeping what it gets."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Mailbox:
    """The messages the test server received, parsed, in arrival order."""

    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.arrived:
            self.messages.append(parsed)
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout_s: float = 10.0) -> list[EmailMessage]:
        """The first ``count`` messages, waiting up to ``timeout_s`` for them to arrive."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout_s)
            return list(self.messages)

    def env(self) -> dict[str, str]:
        """``FAIRSHORE_SMTP_*`` settings that send to this server."""
        return {
            "FAIRSHORE_SMTP_HOST": self.host,
            "FAIRSHORE_SMTP_PORT": str(self.port),
            "FAIRSHORE_SMTP_STARTTLS": "false",
            "FAIRSHORE_SMTP_FROM": "fairshore@telco.example",
        }

    def settings(self) -> dict[str, object]:
        """The same settings as ``load_settings`` keyword arguments."""
        return {
            "smtp_host": self.host,
            "smtp_port": self.port,
            "smtp_starttls": False,
            "smtp_from": "fairshore@telco.example",
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    """Run a local SMTP server for the block; yields its mailbox."""
    box = Mailbox("127.0.0.1", free_port())
    controller = Controller(box, hostname=box.host, port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


def body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())
