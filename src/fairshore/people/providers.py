"""Registers the people clause providers with contract evaluation when it is present.

``fairshore.contracts.providers`` imports this module (``PROVIDER_MODULES``); the
registry is looked up by name so this branch also works before contracts lands.
"""

from __future__ import annotations

import importlib

from fairshore.people.clause_months import many_provider
from fairshore.people.services import CLAUSE_PROVIDERS


def register_all() -> list[str]:
    """Register every people provider; return the clause keys registered."""
    try:
        registry = importlib.import_module("fairshore.contracts.providers")
    except ModuleNotFoundError:
        return []
    for key, provider in CLAUSE_PROVIDERS.items():
        registry.register_provider(key, provider, many=many_provider(key))
    return sorted(CLAUSE_PROVIDERS)


register_all()
