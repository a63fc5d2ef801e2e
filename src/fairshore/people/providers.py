"""The people clause providers, as entries for contract evaluation's registry.

The composition root (:mod:`fairshore.composition`) lists them; nothing registers
itself when this module is imported.
"""

from __future__ import annotations

from fairshore.contracts.providers import ClauseEntry
from fairshore.people.clause_months import many_provider
from fairshore.people.services import CLAUSE_PROVIDERS
from fairshore.people.subcontracting_services import (
    measure_subcontracting,
    measure_subcontracting_periods,
)


def clause_entries() -> list[ClauseEntry]:
    """Every people clause provider, each with its measure of many months at once (the
    roster's ``subcontracting`` among them)."""
    return [
        *(
            ClauseEntry(key, provider, many_provider(key))
            for key, provider in sorted(CLAUSE_PROVIDERS.items())
        ),
        ClauseEntry("subcontracting", measure_subcontracting, measure_subcontracting_periods),
    ]
