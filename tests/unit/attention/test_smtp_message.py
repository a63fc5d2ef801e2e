"""The e-mail a notice becomes: one-line headers whatever the finding's title holds."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from fairshore.adapters.mail import SmtpNotifier, smtp_notifier
from fairshore.attention.model import Notice
from fairshore.config import load_settings
from fairshore.errors import ConfigError


def test_a_title_with_a_line_break_cannot_add_a_header() -> None:
    notifier = SmtpNotifier(host="127.0.0.1", port=25, sender="fairshore@telco.example")
    notice = Notice(kind="assigned", ref="finding:1", to="a@telco.example",
                    subject="Breached\r\nBcc: victim@example.com", body="Open it.")  # fmt: skip
    raw = notifier.message(notice).as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Breached Bcc: victim@example.com"
    assert parsed["From"] == "fairshore@telco.example"
    assert parsed["Message-ID"].endswith("@telco.example>")


def test_no_smtp_host_means_no_notifier_and_the_password_stays_secret() -> None:
    assert smtp_notifier(load_settings(home="/tmp/unused-ws")) is None
    settings = load_settings(home="/tmp/unused-ws", smtp_host="mail.example", smtp_user="fs",
                             smtp_password="s3cret", smtp_from="fs@telco.example")  # fmt: skip
    notifier = smtp_notifier(settings)
    assert notifier is not None and notifier.password == "s3cret"
    assert "s3cret" not in repr(settings)


def test_production_with_smtp_needs_a_sender_and_a_login_needs_a_password() -> None:
    base = {"home": "/tmp/unused-ws", "env": "production", "secret_key": "k" * 40,
            "database_url": "postgresql+psycopg://db/fs", "smtp_host": "mail.example"}  # fmt: skip
    with pytest.raises(ConfigError, match="FAIRSHORE_SMTP_FROM must be set"):
        load_settings(**base)
    with pytest.raises(ConfigError, match="FAIRSHORE_SMTP_PASSWORD must be set"):
        load_settings(**base, smtp_from="fs@telco.example", smtp_user="fs")
    assert load_settings(**base, smtp_from="fs@telco.example").smtp_host == "mail.example"
