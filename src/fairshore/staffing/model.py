"""Domain types of staffing: queue results, staffing plans, adequacy of a live vendor."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, computed_field

from fairshore.governance.model import Finding

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class ErlangResult:
    """Queue measures for one or many intervals (arrays of the broadcast shape).

    ``asa_s`` and ``mean_wait_s`` are the mean wait over all arrivals (Erlang's E[W]);
    ``p_abandon`` is ``None`` for Erlang C. Overloaded Erlang C intervals carry
    ``p_wait = 1``, ``service_level = 0`` and infinite waits.
    """

    load_erlangs: FloatArray
    agents: FloatArray
    p_wait: FloatArray
    p_abandon: FloatArray | None
    service_level: FloatArray
    asa_s: FloatArray
    mean_wait_s: FloatArray
    occupancy: FloatArray

    def row(self, i: int = 0) -> QueueMeasures:
        """One interval's measures as a typed, JSON-ready value."""

        def at(arr: FloatArray) -> float:
            return float(np.ravel(arr)[i])

        return QueueMeasures(
            load_erlangs=at(self.load_erlangs),
            agents=at(self.agents),
            p_wait=at(self.p_wait),
            p_abandon=None if self.p_abandon is None else at(self.p_abandon),
            service_level=at(self.service_level),
            asa_s=at(self.asa_s),
            mean_wait_s=at(self.mean_wait_s),
            occupancy=at(self.occupancy),
            # Erlang C without abandonment never clears a queue whose load reaches the agents.
            overloaded=self.p_abandon is None and 0 < at(self.load_erlangs) >= at(self.agents),
        )


class QueueMeasures(BaseModel):
    """Queue measures of one interval (infinite waits mean an overloaded queue)."""

    model_config = ConfigDict(frozen=True)

    load_erlangs: float
    agents: float
    p_wait: float
    p_abandon: float | None = None
    service_level: float
    asa_s: float
    mean_wait_s: float
    occupancy: float
    scheduled_agents: int | None = None
    overloaded: bool = False


class StaffingTarget(BaseModel):
    """What a staffing plan must meet in every interval."""

    model_config = ConfigDict(frozen=True)

    service_level: float = Field(default=0.8, gt=0, lt=1)
    threshold_s: float = Field(default=20.0, ge=0)
    max_asa_s: float | None = Field(default=None, gt=0)
    max_occupancy: float | None = Field(default=None, gt=0, le=1)
    shrinkage: float = Field(default=0.0, ge=0, lt=1)
    patience_s: float | None = Field(default=None, gt=0)


@dataclass(frozen=True)
class StaffingResult:
    """Agents needed per interval (arrays), with the queue measures they achieve."""

    agents: npt.NDArray[np.int64]
    scheduled_agents: npt.NDArray[np.int64]
    measures: ErlangResult


class PlanInterval(BaseModel):
    """One row of a staffing plan."""

    model_config = ConfigDict(frozen=True)

    interval: str
    contacts: float
    aht_s: float
    load_erlangs: float
    agents: int
    scheduled_agents: int
    p_wait: float
    p_abandon: float | None = None
    service_level: float
    asa_s: float
    mean_wait_s: float
    occupancy: float


class StaffingPlan(BaseModel):
    """A staffing plan: one row per interval and the totals a planner reads first."""

    model_config = ConfigDict(frozen=True)

    interval_min: float
    target: StaffingTarget
    intervals: list[PlanInterval]
    peak_agents: int
    peak_scheduled_agents: int
    agent_hours: float
    scheduled_agent_hours: float


AdequacyFlag = Literal["understaffed", "occupancy_above_cap"]


class AdequacyInterval(BaseModel):
    """One interval of a live engagement: what was measured and what Erlang expects."""

    model_config = ConfigDict(frozen=True)

    interval_start: datetime
    offered: int
    answered: int
    abandoned: int
    aht_s: float
    load_erlangs: float
    agents: float
    agents_source: Literal["agent_months", "seen_handling"]
    required_agents: int
    expected_service_level: float
    expected_occupancy: float
    measured_service_level: float | None
    measured_occupancy: float | None
    flags: list[AdequacyFlag] = Field(default_factory=list)


class AdequacyMonth(BaseModel):
    """A month of a live engagement, summarised for a vendor manager."""

    model_config = ConfigDict(frozen=True)

    month: str
    intervals: int
    understaffed_intervals: int
    over_cap_intervals: int
    measured_service_level: float | None
    expected_service_level: float
    measured_occupancy: float | None
    mean_agents: float
    mean_required_agents: float
    agents_handling: int | None = None
    """Agents who handled contacts in the month."""
    agents_reporting_hours: int | None = None
    """Of those, the agents whose logged-in hours ``agent_months`` reports."""
    logged_in_share_of_paid: float | None = None
    """Logged-in hours over paid hours of the agent-months reporting both."""
    judged: bool = True
    """False when the logged-in hours cannot carry Erlang's expectation: no verdict."""
    occupancy_judged: bool = True
    """False when agents' hours are missing (occupancy would read high)."""
    note: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def logged_in_coverage(self) -> float | None:
        """Share of the agents handling contacts whose logged-in hours are reported."""
        if not self.agents_handling or self.agents_reporting_hours is None:
            return None
        return self.agents_reporting_hours / self.agents_handling


@dataclass(frozen=True)
class AdequacyReport:
    """Staffing adequacy of an engagement: intervals, months and the findings raised."""

    engagement_id: str
    interval_min: float
    target: StaffingTarget
    channels: tuple[str, ...]
    intervals: list[AdequacyInterval]
    months: list[AdequacyMonth]
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What limits the verdict (partial logged-in hours, no handle time), in words."""
