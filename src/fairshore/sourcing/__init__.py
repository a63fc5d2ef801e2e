"""The sourcing decision and its transparency: touchpoints, trial periods, disclosure,
forecast accuracy.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "redeployment",
    "services",
    "transition_services",
    "trial_services",
    "trials",
]
