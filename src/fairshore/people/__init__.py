"""Agent welfare, living-wage benchmarks and the anonymous worker voice.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "alerts",
    "audit_pay",
    "benchmarks",
    "community",
    "evidence",
    "model",
    "providers",
    "pulse",
    "roster_evidence",
    "services",
    "voice",
    "wellbeing",
]
