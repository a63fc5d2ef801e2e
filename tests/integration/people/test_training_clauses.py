"""Training by topic and onboarding before the first contact, judged as contract clauses."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fairshore.bootstrap import Workspace
from fairshore.contracts.evaluation import ethical_result
from fairshore.contracts.model import EthicalClauses
from fairshore.people import services
from fairshore.people.clause_months import many_provider
from fairshore.people.model import month_end
from tests.integration.people.people_lake import (
    Writer,
    agent,
    call,
    month_row,
    setup_engagement,
)

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


@pytest.fixture
def ws(workspace: Workspace, lake_writer: Writer) -> Workspace:
    setup_engagement(workspace)
    lake_writer(
        "agents",
        "eng",
        [
            agent("a1", date(2025, 6, 1)),
            agent("n1", date(2026, 2, 2)),
            agent("n2", date(2026, 2, 15)),
        ],
    )
    lake_writer(
        "agent_months",
        "eng",
        [
            month_row("a1", JAN, training_hours=10.0, training_hours_ethics=4.0,
                      training_hours_empathy=2.0),
            month_row("a1", FEB, training_hours=10.0, training_hours_ethics=6.0),
            month_row("n1", FEB, training_hours=30.0),
            month_row("n1", MAR, training_hours=12.0),
            month_row("n2", FEB, training_hours=20.0, training_hours_ethics=1.0),
        ],
    )  # fmt: skip
    calls = [
        call(datetime(2026, 1, 10, 9), 300.0) | {"agent_ref": "a1"},
        call(datetime(2026, 2, 20, 9), 300.0) | {"agent_ref": "n2"},
        call(datetime(2026, 3, 2, 9), 300.0) | {"agent_ref": "n1"},
        call(datetime(2026, 3, 9, 9), 300.0, 1) | {"agent_ref": "n1"},
    ]
    lake_writer("interactions", "eng", calls)
    return workspace


def test_topic_hours_are_a_mean_per_agent_month_of_the_topic(ws: Workspace) -> None:
    ethics = services.CLAUSE_PROVIDERS["min_training_hours_ethics"]
    jan = ethics(ws, "eng", JAN, month_end(JAN))
    feb = ethics(ws, "eng", FEB, month_end(FEB))
    assert jan is not None and (jan.value, jan.sample_size) == (4.0, 1)
    # a1's 6 h and n2's 1 h; n1 reports no ethics hours and is not counted
    assert feb is not None and (feb.value, feb.sample_size) == (3.5, 2)
    assert "on ethics" in feb.detail
    assert (
        services.CLAUSE_PROVIDERS["min_training_hours_culture"](ws, "eng", JAN, month_end(JAN))
        is None
    )


def test_onboarding_is_the_lowest_new_hires_training_before_the_first_contact(
    ws: Workspace,
) -> None:
    spans = [(m, month_end(m)) for m in (JAN, FEB, MAR)]
    jan, feb, mar = many_provider("min_onboarding_hours")(ws, "eng", spans)
    assert jan is None  # a1 was hired before the first contact in the data: not a new hire
    assert feb is not None and (feb.value, feb.sample_size) == (20.0, 1)  # n2: February's 20 h
    assert mar is not None and mar.value == 42.0  # n1: 30 h in February + 12 h in March
    assert "median 28 days after hire" in mar.detail  # 2 Feb -> 2 Mar
    clauses = EthicalClauses(
        min_onboarding_hours=40, min_training_hours_by_topic={"ethics": 4, "empathy": 1}
    )
    targets = clauses.targets()
    assert targets["min_training_hours_ethics"] == 4 and "min_training_hours_culture" not in targets
    verdicts = [
        ethical_result("min_onboarding_hours", 40, m, share=0.0, fee=1.0).status for m in (feb, mar)
    ]
    assert verdicts == ["breached", "met"]
    assert (
        ethical_result("min_onboarding_hours", 40, None, share=0.0, fee=1.0).status
        == "not_measurable"
    )


def test_an_unknown_topic_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="brand_voice"):
        EthicalClauses(min_training_hours_by_topic={"ethic": 4})
