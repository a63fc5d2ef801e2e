"""Deduction method after the RBA audit: 200 points, nonconformities deduct."""

from __future__ import annotations

from fractions import Fraction

from fairshore.vetting.methods.base import Line, MethodResult, contribution
from fairshore.vetting.model import Contribution, Nonconformity, PillarScore, Rubric

# RBA audit: each nonconformance deducts priority -20, major -4, minor -1, from 200.
DEDUCTIONS: dict[Nonconformity, Fraction] = {
    "priority": Fraction(20),
    "major": Fraction(4),
    "minor": Fraction(1),
}
_LOWER: dict[Nonconformity, Nonconformity | None] = {
    "priority": "major",
    "major": "minor",
    "minor": None,
}
BASE = Fraction(200)


class DeductionMethod:
    """Start at 200; a question with less than full credit is a nonconformity.

    Its grade is the question's ``nonconformity`` when it earns less than half its
    credit, one grade lower otherwise. Reported on 0..100 (points / 2) so that every
    method shares a scale; the band uses the RBA thresholds on 200 (green above 180,
    yellow above 160, red 160 or below). Unevidenced claims count half, like the
    default method.
    """

    id = "deduction"
    version = 1
    description = "RBA-style deductions from 200 (priority 20, major 4, minor 1), shown on 0-100."
    pillar_weighted = False

    def evidence_factor(self, line: Line) -> Fraction:
        if line.evidence == "none":
            return Fraction(0) if line.question.type == "document" else Fraction(1, 2)
        if line.evidence == "self_declared":
            return Fraction(1, 2)
        return Fraction(1)

    def deduction(self, line: Line) -> Fraction:
        """Points (on 200) this line deducts."""
        if not line.active:
            return Fraction(0)
        effective = line.credit * self.evidence_factor(line)
        if effective >= 1:
            return Fraction(0)
        grade = line.question.nonconformity if effective < Fraction(1, 2) else None
        if grade is None:
            grade = _LOWER[line.question.nonconformity]
        return DEDUCTIONS[grade] if grade else Fraction(0)

    def score(self, rubric: Rubric, lines: list[Line]) -> MethodResult:
        contributions = [
            Contribution(
                question_id="base",
                pillar_id="",
                status="base",
                credit=Fraction(1),
                evidence_factor=Fraction(1),
                share=Fraction(1),
                points=BASE / 2,
                evidence="not_needed",
                note="200 points before deductions, shown on 0-100",
            )
        ]
        deducted = Fraction(0)
        for line in lines:
            d = self.deduction(line)
            deducted += d
            contributions.append(
                contribution(
                    line, factor=self.evidence_factor(line), share=Fraction(0), points=-d / 2
                )
            )
        if deducted > BASE:
            contributions.append(
                Contribution(
                    question_id="floor",
                    pillar_id="",
                    status="base",
                    credit=Fraction(0),
                    evidence_factor=Fraction(1),
                    share=Fraction(0),
                    points=(deducted - BASE) / 2,
                    evidence="not_needed",
                    note="deductions beyond 200 points are not counted (score floor 0)",
                )
            )
        total = sum((c.points for c in contributions), Fraction(0))
        on_200 = total * 2
        band = "green" if on_200 > 180 else "yellow" if on_200 > 160 else "red"
        return MethodResult(
            total=total,
            contributions=tuple(contributions),
            pillars=tuple(self._pillars(rubric, contributions)),
            band=band,
        )

    def _pillars(self, rubric: Rubric, contributions: list[Contribution]) -> list[PillarScore]:
        out = []
        for pillar in rubric.pillars:
            points = sum((c.points for c in contributions if c.pillar_id == pillar.id), Fraction(0))
            out.append(
                PillarScore(
                    pillar_id=pillar.id,
                    title=pillar.title,
                    score=max(Fraction(0), 100 + points),
                    weight_share=Fraction(0),
                    points=points,
                )
            )
        return out
