"""Mail adapters: the ``Notifier`` of ``fairshore.attention`` over SMTP."""

from fairshore.adapters.mail.smtp import SmtpNotifier, smtp_notifier

__all__ = ["SmtpNotifier", "smtp_notifier"]
