from __future__ import annotations

from fairshore.interactions.schema import TRAINING_TOPICS
from fairshore.people import providers
from fairshore.people.services import CLAUSE_PROVIDERS
from fairshore.people.subcontracting_services import measure_subcontracting


def test_people_clause_entries_cover_every_people_clause() -> None:
    entries = providers.clause_entries()
    by_key = {e.key: e.provider for e in entries}
    assert by_key.pop("subcontracting") is measure_subcontracting  # the roster's
    assert by_key == CLAUSE_PROVIDERS
    assert all(callable(e.many) for e in entries)
    topics = {f"min_training_hours_{t}" for t in TRAINING_TOPICS}
    assert [e.key for e in entries] == [*sorted({
        "min_training_hours", "max_occupancy", "living_wage_floor",
        "max_attrition", "min_in_house_share", "min_onboarding_hours", *topics,
    }), "subcontracting"]  # fmt: skip
