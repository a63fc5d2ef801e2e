"""Total cost of ownership of sourcing options, Monte Carlo, and the price of a living wage.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "chart",
    "model",
    "services",
]
