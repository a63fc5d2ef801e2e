"""The SLA as a moral contract: contract files, evaluation and service credits.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "audit_rights",
    "evaluation",
    "evidence",
    "findings",
    "model",
    "providers",
    "services",
]
