"""Erlang C and Erlang A, staffing plans and staffing adequacy.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "coverage",
    "model",
    "services",
    "staffing",
]
