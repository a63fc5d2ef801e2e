from __future__ import annotations

import sys
import types

import pytest

from fairshore.people import providers
from fairshore.people.services import CLAUSE_PROVIDERS


def test_providers_register_with_contract_evaluation(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    by_month: dict[str, object] = {}

    def register(key: str, fn: object, *, many: object = None) -> None:
        seen[key], by_month[key] = fn, many

    fake = types.ModuleType("fairshore.contracts.providers")
    fake.register_provider = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fairshore.contracts.providers", fake)
    assert providers.register_all() == sorted(CLAUSE_PROVIDERS)
    assert seen == CLAUSE_PROVIDERS
    assert set(by_month) == set(CLAUSE_PROVIDERS) and all(map(callable, by_month.values()))
    assert set(seen) == {
        "min_training_hours", "max_occupancy", "living_wage_floor",
        "max_attrition", "min_in_house_share",
    }  # fmt: skip
