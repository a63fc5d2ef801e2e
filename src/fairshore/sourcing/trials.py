"""Trial periods (pilots): success and exit criteria judged like contract service terms.

A pilot file names the engagement, the window (first and last day, UTC calendar days,
as contract periods are) and two lists of terms in the contract ``service_terms``
format (``metric``, ``comparator``, ``target``, optional ``scope``, ``options`` and
``min_sample``). The measured outcome is:

- ``exit`` when any exit criterion is breached (stop the pilot whatever else holds);
- ``fail`` when any success criterion is breached;
- ``pass`` when every success criterion is met;
- ``insufficient_data`` otherwise (too few contacts to judge some criterion).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from fairshore.contracts.evaluation import service_result
from fairshore.contracts.model import ServiceTerm, TermResult
from fairshore.errors import GovernanceError, InputError
from fairshore.metrics.model import KpiRow

Outcome = Literal["pass", "fail", "exit", "insufficient_data"]
Decision = Literal["pass", "fail", "extend"]
DECISIONS: tuple[Decision, ...] = ("pass", "fail", "extend")
# Which measured outcomes each decision follows; any other pairing is an override.
AGREES: dict[Decision, tuple[Outcome, ...]] = {
    "pass": ("pass",),
    "fail": ("fail", "exit"),
    "extend": ("insufficient_data",),
}


class Pilot(BaseModel):
    """A pilot of an engagement: its window and its success and exit criteria."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    engagement: str = Field(min_length=1)
    description: str = ""
    start: date
    end: date
    success: list[ServiceTerm] = Field(min_length=1)
    exit: list[ServiceTerm] = Field(default_factory=list)

    @model_validator(mode="after")
    def _valid(self) -> Pilot:
        if self.end < self.start:
            raise ValueError("'end' must not be before 'start'")
        ids = [t.id for t in (*self.success, *self.exit)]
        if len(set(ids)) != len(ids):
            raise ValueError("criterion ids must be unique across success and exit")
        return self


class TrialResult(BaseModel):
    """A pilot judged on its window: every criterion and the measured outcome."""

    model_config = ConfigDict(frozen=True)

    pilot_id: str
    engagement_id: str
    start: date
    end: date
    success: list[TermResult]
    exit: list[TermResult]
    outcome: Outcome


def parse_pilot(text: str, *, source: str = "pilot") -> Pilot:
    """Validate pilot YAML ``text``; raise ``InputError`` naming the file and the field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: a pilot file is a YAML mapping (id, engagement, ...)")
    try:
        return Pilot.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'value'}: "
            + e["msg"].removeprefix("Value error, ")
            for e in exc.errors()
        )
        raise InputError(f"{source}: {problems}") from None


def outcome_of(success: list[TermResult], exit_: list[TermResult]) -> Outcome:
    """The measured outcome: exit beats fail beats insufficient data beats pass."""
    if any(r.status == "breached" for r in exit_):
        return "exit"
    if any(r.status == "breached" for r in success):
        return "fail"
    if all(r.status == "met" for r in success):
        return "pass"
    return "insufficient_data"


def judge_pilot(pilot: Pilot, rows: dict[str, KpiRow | None]) -> TrialResult:
    """Judge every criterion on its KPI row (``rows`` by criterion id) as a contract term."""
    success = [service_result(t, rows.get(t.id), fee=0.0) for t in pilot.success]
    exit_ = [service_result(t, rows.get(t.id), fee=0.0) for t in pilot.exit]
    return TrialResult(
        pilot_id=pilot.id,
        engagement_id=pilot.engagement,
        start=pilot.start,
        end=pilot.end,
        success=success,
        exit=exit_,
        outcome=outcome_of(success, exit_),
    )


def check_decision(decision: str, outcome: Outcome, *, note: str | None) -> Decision:
    """The decision, if allowed: overriding the measured outcome needs a note saying why."""
    if decision not in DECISIONS:
        raise InputError(f"unknown decision {decision!r}: use pass, fail or extend")
    chosen: Decision = decision
    if outcome not in AGREES[chosen] and not (note and note.strip()):
        raise GovernanceError(
            f"the pilot measured {outcome}; deciding {chosen} overrides it: add --note saying why"
        )
    return chosen


class TrialDecision(BaseModel):
    """Who decided a pilot, when, on which figures, what, and why."""

    model_config = ConfigDict(frozen=True)

    id: int
    pilot_id: str
    engagement_id: str
    start: date
    end: date
    outcome: Outcome
    decision: Decision
    decided_by: str
    decided_at: datetime
    note: str | None
    result: TrialResult
