"""KPI definitions as Ibis expressions, calendars and periods.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "evidence",
    "model",
    "outcomes",
    "periods",
    "services",
]
