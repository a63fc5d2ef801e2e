"""Users, roles, sessions and API tokens: who may see and change what.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "audit",
    "model",
    "services",
]
