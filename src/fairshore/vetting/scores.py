"""What scoring returns: breakdown lines, pillar scores, rule hits, scores, scorecards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from fairshore.vetting.measured import ClaimCheck

if TYPE_CHECKING:
    from fairshore.vetting.model import RuleKind


@dataclass(frozen=True)
class Contribution:
    """One line of a score's breakdown: how many points one question adds (or removes).

    ``points`` are exact; the points of every line of a score sum to its total.
    """

    question_id: str
    pillar_id: str
    status: Literal["answered", "unanswered_required", "na", "unanswered_optional", "base"]
    credit: Fraction
    evidence_factor: Fraction
    share: Fraction
    points: Fraction
    evidence: Literal["valid", "self_declared", "none", "not_needed"]
    note: str = ""


@dataclass(frozen=True)
class PillarScore:
    """A pillar's score (0..100) and its share of the overall score."""

    pillar_id: str
    title: str
    score: Fraction | None
    weight_share: Fraction
    points: Fraction


@dataclass(frozen=True)
class RuleHit:
    """A red flag, green light or knock-out that fired."""

    rule_id: str
    kind: RuleKind
    title: str
    pillar_id: str | None
    # What raised it: the answer alone, the measured figure, or an answer the data
    # contradicts (see docs/vetting.md, "Verdicts from evidence").
    basis: Literal["answer", "measured", "contradicted"] = "answer"
    detail: str = ""


@dataclass(frozen=True)
class ExpiryWarning:
    """Evidence expiring soon (or expired) that some question relies on."""

    sha256: str
    type: str
    valid_until: date
    days_left: int


@dataclass(frozen=True)
class Score:
    """A vendor's score under one method, with everything needed to check it by hand."""

    vendor_id: str
    rubric: str
    method: str
    as_of: date
    total: Fraction
    band: str
    pillars: tuple[PillarScore, ...]
    contributions: tuple[Contribution, ...]
    confidence: Fraction
    red_flags: tuple[RuleHit, ...]
    green_lights: tuple[RuleHit, ...]
    knock_outs: tuple[RuleHit, ...]
    expiry_warnings: tuple[ExpiryWarning, ...]

    @property
    def eligible(self) -> bool:
        """False when any knock-out fired: the vendor should not be chosen as is."""
        return not self.knock_outs


@dataclass(frozen=True)
class Scorecard:
    """A vendor's verdict: the score adjusted by measured evidence, beside the score its
    answers alone would earn, and every declared figure checked against its data.

    ``adjusted`` is what ranking, the board pack and the ESG summary read; ``declared``
    stays visible so that the gap between the two can be seen.
    """

    vendor_id: str
    as_of: date
    adjusted: Score
    declared: Score
    claims: tuple[ClaimCheck, ...] = ()
    measured_over: str | None = None  # engagements and period measured, e.g. "telco-mnl, 2026"

    @property
    def contradicted(self) -> tuple[ClaimCheck, ...]:
        """Claims the data contradicts and that still judge the answer."""
        return tuple(c for c in self.claims if c.contradicted and c.judges)


def score_to_dict(score: Score, *, places: int = 2) -> dict[str, object]:
    """A score as plain data: rounded figures whose parts add up, plus exact fractions."""
    from fairshore.vetting.arithmetic import as_decimal, display, exact

    shown = display([c.points for c in score.contributions], places=places)
    return {
        "vendor_id": score.vendor_id,
        "rubric": score.rubric,
        "method": score.method,
        "as_of": score.as_of.isoformat(),
        "total": float(sum(shown, Decimal(0))),
        "total_exact": exact(score.total),
        "band": score.band,
        "eligible": score.eligible,
        "confidence": float(as_decimal(score.confidence, places=4)),
        "pillars": [
            {
                "pillar_id": p.pillar_id,
                "title": p.title,
                "score": None if p.score is None else float(as_decimal(p.score, places=places)),
                "weight_share": float(as_decimal(p.weight_share, places=4)),
                "points": float(as_decimal(p.points, places=places)),
            }
            for p in score.pillars
        ],
        "contributions": [
            {
                "question_id": c.question_id,
                "pillar_id": c.pillar_id,
                "status": c.status,
                "credit": float(as_decimal(c.credit, places=4)),
                "evidence": c.evidence,
                "evidence_factor": float(as_decimal(c.evidence_factor, places=4)),
                "share": float(as_decimal(c.share, places=6)),
                "points": float(p),
                "points_exact": exact(c.points),
                "note": c.note,
            }
            for c, p in zip(score.contributions, shown, strict=True)
        ],
        "red_flags": [_hit(h) for h in score.red_flags],
        "green_lights": [_hit(h) for h in score.green_lights],
        "knock_outs": [_hit(h) for h in score.knock_outs],
        "expiry_warnings": [
            {
                "sha256": w.sha256,
                "type": w.type,
                "valid_until": w.valid_until.isoformat(),
                "days_left": w.days_left,
            }
            for w in score.expiry_warnings
        ],
    }


def _hit(hit: RuleHit) -> dict[str, object]:
    return {
        "rule_id": hit.rule_id,
        "kind": hit.kind,
        "title": hit.title,
        "pillar_id": hit.pillar_id,
        "basis": hit.basis,
        "detail": hit.detail,
    }


def claim_to_dict(check: ClaimCheck) -> dict[str, object]:
    """A claim check as plain data."""
    return {
        "key": check.key,
        "question_id": check.question_id,
        "label": check.label,
        "declared": float(check.declared),
        "measured": float(check.measured),
        "unit": check.unit,
        "source": check.source,
        "contradicted": check.contradicted,
        "set_aside": check.set_aside,
    }


def scorecard_to_dict(card: Scorecard, *, places: int = 2) -> dict[str, object]:
    """A scorecard as plain data: the adjusted score's fields at the top level (the
    verdict), the declared-only score under ``declared`` and the checks under ``claims``."""
    data = score_to_dict(card.adjusted, places=places)
    declared = score_to_dict(card.declared, places=places)
    data["declared"] = {
        k: declared[k]
        for k in ("total", "total_exact", "band", "eligible", "red_flags", "green_lights")
    }
    data["claims"] = [claim_to_dict(c) for c in card.claims]
    data["measured_over"] = card.measured_over
    return data
