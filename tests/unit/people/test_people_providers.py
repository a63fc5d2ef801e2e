from __future__ import annotations

from fairshore.interactions.schema import TRAINING_TOPICS
from fairshore.people import providers
from fairshore.people.services import CLAUSE_PROVIDERS


def test_people_clause_entries_cover_every_people_clause() -> None:
    entries = providers.clause_entries()
    assert {e.key: e.provider for e in entries} == CLAUSE_PROVIDERS
    assert all(callable(e.many) for e in entries)
    topics = {f"min_training_hours_{t}" for t in TRAINING_TOPICS}
    assert [e.key for e in entries] == sorted({
        "min_training_hours", "max_occupancy", "living_wage_floor",
        "max_attrition", "min_in_house_share", "min_onboarding_hours", *topics,
    })  # fmt: skip
