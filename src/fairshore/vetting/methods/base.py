"""What every scoring method receives and returns."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, Protocol

from fairshore.vetting.evidence import EvidenceState
from fairshore.vetting.model import Contribution, PillarScore, Question, Rubric

LineStatus = Literal["answered", "unanswered_required", "na", "unanswered_optional"]


@dataclass(frozen=True)
class Line:
    """One question as judged before weighting: its status, credit and evidence."""

    question: Question
    status: LineStatus
    credit: Fraction
    evidence: EvidenceState

    @property
    def active(self) -> bool:
        """Counts in the score: answered, or required and unanswered (then worst)."""
        return self.status in ("answered", "unanswered_required") and self.question.weight > 0


@dataclass(frozen=True)
class MethodResult:
    """A method's arithmetic: the total (0..100), its lines, pillar scores and band."""

    total: Fraction
    contributions: tuple[Contribution, ...]
    pillars: tuple[PillarScore, ...]
    band: str


class Method(Protocol):
    """A versioned scoring methodology (``<id>@<version>`` is named on every score)."""

    id: str
    version: int
    description: str
    pillar_weighted: bool

    def evidence_factor(self, line: Line) -> Fraction: ...

    def score(self, rubric: Rubric, lines: list[Line]) -> MethodResult: ...


def quintile_band(total: Fraction) -> str:
    """Tiers at 20/40/60/80, as open-source GRC tools publish them."""
    names = ("very_poor", "poor", "fair", "good", "excellent")
    return names[min(4, int(total // 20))]


def contribution(
    line: Line, *, factor: Fraction, share: Fraction, points: Fraction
) -> Contribution:
    """A breakdown line for a question."""
    return Contribution(
        question_id=line.question.id,
        pillar_id=line.question.pillar,
        status=line.status,
        credit=line.credit,
        evidence_factor=factor,
        share=share,
        points=points,
        evidence=line.evidence,
    )
