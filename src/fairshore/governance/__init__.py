"""The findings register: findings and corrective actions, audits, alerts, the audit log.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "audit_access",
    "audit_log",
    "audits",
    "due",
    "model",
    "recording",
    "responses",
    "services",
]
