"""The default method: weighted average of question credits, pillars weighted."""

from __future__ import annotations

from fractions import Fraction

from fairshore.vetting.methods.base import Line, MethodResult, contribution, quintile_band
from fairshore.vetting.model import Contribution, PillarScore, Rubric

HUNDRED = Fraction(100)
ZERO = Fraction(0)


class WeightedMethod:
    """Score = 100 x sum over questions of pillar share x question share x credit x evidence.

    Pillar shares are pillar weights over the weights of pillars with at least one
    scored question; question shares are weights within the pillar over scored
    questions (N/A and unanswered optional questions leave both denominators). An
    unevidenced claim earns ``unevidenced`` of its credit; one backed only by a
    self-declared document earns ``self_declared``.
    """

    id = "weighted"
    version = 1
    description = "Weighted average (0-100), pillars weighted; unevidenced claims count half."
    pillar_weighted = True
    unevidenced = Fraction(1, 2)
    self_declared = Fraction(1, 2)

    def evidence_factor(self, line: Line) -> Fraction:
        if line.evidence == "none":
            return Fraction(0) if line.question.type == "document" else self.unevidenced
        if line.evidence == "self_declared":
            return self.self_declared
        return Fraction(1)

    def groups(self, rubric: Rubric, lines: list[Line]) -> dict[str, dict[str, Fraction]]:
        """Share of each active question within its pillar, by pillar."""
        out: dict[str, dict[str, Fraction]] = {}
        for pillar in rubric.pillars:
            active = [ln for ln in lines if ln.question.pillar == pillar.id and ln.active]
            weight = sum((ln.question.weight for ln in active), Fraction(0))
            if weight > 0:
                out[pillar.id] = {ln.question.id: ln.question.weight / weight for ln in active}
        return out

    def score(self, rubric: Rubric, lines: list[Line]) -> MethodResult:
        return pillar_weighted_score(self, rubric, lines, self.groups(rubric, lines))


def pillar_weighted_score(
    method: WeightedMethod,
    rubric: Rubric,
    lines: list[Line],
    shares: dict[str, dict[str, Fraction]],
) -> MethodResult:
    """Combine in-pillar question shares with pillar weights into a total and breakdown."""
    pillar_weight = sum((p.weight for p in rubric.pillars if p.id in shares), Fraction(0))
    by_pillar: dict[str, list[Line]] = {}
    for line in lines:
        by_pillar.setdefault(line.question.pillar, []).append(line)
    contributions: list[Contribution] = []
    pillars: list[PillarScore] = []
    for pillar in rubric.pillars:
        in_pillar = shares.get(pillar.id, {})
        p_share = pillar.weight / pillar_weight if in_pillar else Fraction(0)
        p_score = Fraction(0)
        p_points = Fraction(0)
        for line in by_pillar.get(pillar.id, ()):
            factor = method.evidence_factor(line)
            q_share = in_pillar.get(line.question.id, ZERO)
            # Exact either way; multiplying out the in-pillar term once (and skipping
            # zeros) saves most of the Fraction arithmetic a ranking spends its time on.
            in_score = HUNDRED * q_share * line.credit * factor if q_share and line.credit else ZERO
            points = p_share * in_score if in_score else ZERO
            p_score += in_score
            p_points += points
            contributions.append(
                contribution(line, factor=factor, share=p_share * q_share, points=points)
            )
        pillars.append(
            PillarScore(
                pillar_id=pillar.id,
                title=pillar.title,
                score=p_score if in_pillar else None,
                weight_share=p_share,
                points=p_points,
            )
        )
    total = sum((c.points for c in contributions), Fraction(0))
    return MethodResult(
        total=total,
        contributions=tuple(contributions),
        pillars=tuple(pillars),
        band=quintile_band(total),
    )
