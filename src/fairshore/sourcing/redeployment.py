"""What became of the client's own staff whose work was outsourced: redeployed, retrained.

A register of transitions, one per team affected by an outsourcing decision, counted
(never named: these are the client's employees, and a count per team is what the ESG
summary needs). Each says how many people the move affected, how many were redeployed
inside the company, how many retrained, and how many left; those not yet placed are
``pending``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from fairshore.engagements.model import Slug


class TransitionCreate(BaseModel):
    """A team of the client's staff affected by outsourcing, and what became of them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    engagement_id: Slug
    team: str = Field(min_length=1, max_length=200)
    recorded_on: date
    affected: int = Field(gt=0)
    redeployed: int = Field(default=0, ge=0)
    retrained: int = Field(default=0, ge=0)
    left: int = Field(default=0, ge=0)
    note: str = Field(default="", max_length=2000)

    @model_validator(mode="after")
    def _counts_fit(self) -> TransitionCreate:
        if self.redeployed + self.left > self.affected:
            raise ValueError(
                f"redeployed ({self.redeployed}) and left ({self.left}) add up to more than "
                f"the {self.affected} people affected"
            )
        if self.retrained > self.affected:
            raise ValueError(
                f"retrained ({self.retrained}) is more than the {self.affected} people affected"
            )
        return self


class Transition(TransitionCreate):
    """A registered transition."""

    id: int

    @property
    def pending(self) -> int:
        """People neither redeployed nor gone yet."""
        return self.affected - self.redeployed - self.left


@dataclass(frozen=True)
class TransitionTotals:
    """The register summed over an engagement (or all of them)."""

    engagement_id: str
    teams: int
    affected: int
    redeployed: int
    retrained: int
    left: int

    @property
    def pending(self) -> int:
        return self.affected - self.redeployed - self.left

    @property
    def redeployed_share(self) -> float:
        return self.redeployed / self.affected

    @property
    def retrained_share(self) -> float:
        return self.retrained / self.affected


def totals(transitions: list[Transition]) -> list[TransitionTotals]:
    """One total per engagement, in engagement order."""
    out = []
    for eid in sorted({t.engagement_id for t in transitions}):
        mine = [t for t in transitions if t.engagement_id == eid]
        out.append(
            TransitionTotals(
                engagement_id=eid,
                teams=len(mine),
                affected=sum(t.affected for t in mine),
                redeployed=sum(t.redeployed for t in mine),
                retrained=sum(t.retrained for t in mine),
                left=sum(t.left for t in mine),
            )
        )
    return out
