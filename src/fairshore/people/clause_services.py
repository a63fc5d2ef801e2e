"""The people clause providers of one period: what contract evaluation asks of people.

Each measures one ethical clause over ``[start, end]`` (both inclusive) and builds
its ``ClauseMeasurement`` with ``clauses``, as the many-month providers
(``clause_months``) do.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from fairshore.contracts.model import ClauseMeasurement, ClauseProvider
from fairshore.people import clauses, training, workforce
from fairshore.people.model import WelfareThresholds
from fairshore.people.sources import clause_period, month_facts, open_people
from fairshore.people.welfare_services import hours_of, occupancy_of, people_pay

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace


def measure_training_hours(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``min_training_hours``: mean training hours per active agent per month."""
    with open_people(ws, engagement_id) as data:
        result = hours_of(month_facts(data, clause_period(start, end)), WelfareThresholds())
    return clauses.training(result.training_hours_mean, result.training_sample)


def measure_occupancy(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``max_occupancy``: handle time / logged-in time over the period."""
    period = clause_period(start, end)
    with open_people(ws, engagement_id) as data:
        occ = occupancy_of(data, month_facts(data, period), period, WelfareThresholds())
    return clauses.occupancy(occ)


def measure_living_wage(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``living_wage_floor``: lowest agent's mean effective monthly pay / benchmark."""
    return clauses.living_wage(people_pay(ws, engagement_id, period=clause_period(start, end)).pay)


def measure_attrition(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``max_attrition``: attrition over the twelve months to ``end``'s month (SHRM)."""
    window = workforce.trailing_months(end)
    with open_people(ws, engagement_id) as data:
        flows = workforce.flow_months(
            workforce.monthly_flows(data.spells, window).to_pyarrow().to_pylist()
        )
    return clauses.attrition(workforce.trailing_attrition(flows, end))


def measure_in_house_share(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``min_in_house_share``: share of agents in post in the period who are employees."""
    with open_people(ws, engagement_id) as data:
        model = workforce.employment_model(data.spells, start, end)
    return clauses.in_house_share(model)


CLAUSE_PROVIDERS: dict[str, ClauseProvider] = {
    "min_training_hours": measure_training_hours,
    "max_occupancy": measure_occupancy,
    "living_wage_floor": measure_living_wage,
    "max_attrition": measure_attrition,
    "min_in_house_share": measure_in_house_share,
    "min_onboarding_hours": training.measure_onboarding,
    **{key: single for key, (single, _) in training.TOPIC_PROVIDERS.items()},
}
