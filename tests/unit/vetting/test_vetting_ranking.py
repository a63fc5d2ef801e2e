"""Ranking and weight sensitivity: ties, dominance, determinism."""

from __future__ import annotations

from datetime import date

from fairshore.vetting.methods import get_method
from fairshore.vetting.ranking import rank
from fairshore.vetting.scoring import score
from tests.unit.vetting.vetting_builders import RUBRIC, assessment, document

AS_OF = date(2026, 10, 31)
DOCS = [document("iso27001")]
GOOD = {
    "lab.living-wage-all": "yes",
    "lab.attrition": "15",
    "tra.dashboard": "yes",
    "sec.dpa": "yes",
}
WEAK = {"lab.living-wage-all": "no", "lab.attrition": "60", "tra.dashboard": "no", "sec.dpa": "yes"}


def _score(answers: dict[str, object], vendor_id: str, method: str = "weighted"):
    return score(
        RUBRIC,
        assessment(answers, vendor_id=vendor_id),
        DOCS,
        method=get_method(method),
        as_of=AS_OF,
    )


def test_constructed_tie_shares_first_place_evenly_and_keeps_a_stable_order() -> None:
    scores = [_score(GOOD, "beta"), _score(GOOD, "alpha"), _score(WEAK, "gamma")]
    result = rank(RUBRIC, scores, draws=500, seed=7)
    rows = {r.vendor_id: r for r in result.rows}
    assert [r.vendor_id for r in result.rows] == ["alpha", "beta", "gamma"]  # ties by id
    assert rows["alpha"].rank == rows["beta"].rank == 1 and rows["gamma"].rank == 3
    # identical pillar scores tie under every weight draw: each wins half the draws
    assert rows["alpha"].first_share == rows["beta"].first_share == 0.5
    assert rows["gamma"].first_share == 0.0
    # same seed, same answer; order of input does not matter
    again = rank(RUBRIC, list(reversed(scores)), draws=500, seed=7)
    assert again == result


def test_a_dominant_vendor_wins_every_draw() -> None:
    result = rank(RUBRIC, [_score(WEAK, "weak"), _score(GOOD, "good")], draws=300, seed=1)
    assert [(r.vendor_id, r.first_share) for r in result.rows] == [("good", 1.0), ("weak", 0.0)]


def test_close_vendors_split_first_place_under_weight_noise() -> None:
    # a is stronger on labour, b on transparency: who wins depends on the weights.
    a = {**GOOD, "tra.dashboard": "no"}
    b = {**GOOD, "lab.attrition": "60", "tra.raw-data": "yes", "tra.reporting-frequency": "weekly"}
    result = rank(RUBRIC, [_score(a, "a"), _score(b, "b")], draws=2000, spread=0.9, seed=3)
    shares = {r.vendor_id: r.first_share for r in result.rows}
    assert 0 < shares["a"] < 1 and abs(sum(shares.values()) - 1) < 1e-9


def test_knocked_out_vendors_rank_last() -> None:
    ko = {**GOOD, "lab.id-documents-retained": "yes", "lab.in-house-share": "100"}
    result = rank(RUBRIC, [_score(ko, "ko"), _score(WEAK, "weak")], draws=50)
    assert [r.vendor_id for r in result.rows] == ["weak", "ko"]
    assert result.rows[1].eligible is False and result.rows[1].first_share == 0.0


def test_deduction_scores_rank_without_weights() -> None:
    scores = [_score(GOOD, "good", "deduction"), _score(WEAK, "weak", "deduction")]
    result = rank(RUBRIC, scores, draws=50, pillar_weighted=False)
    assert result.rows[0].vendor_id == "good" and result.rows[0].first_share == 1.0
