"""Audits, findings and corrective actions, certificates, alerts, touchpoints.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "audit_log",
    "audits",
    "due",
    "model",
    "services",
    "sourcing",
    "trial_services",
    "trials",
]
