"""Sharing policy, redaction, incidents and breach clocks, access anomalies.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "alerts",
    "anomaly_evidence",
    "erasure",
    "incidents",
    "model",
    "redaction",
    "regimes",
    "services",
]
