"""Agreement statistics against reference implementations (scikit-learn, SciPy)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import cohen_kappa_score

from fairshore.quality.agreement import mean_difference, weighted_kappa
from fairshore.quality.calibration import ScoredInteraction, calibrate


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("weights", ["quadratic", "linear"])
def test_weighted_kappa_matches_scikit_learn(seed: int, weights: str) -> None:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 5, 200)
    b = np.clip(a + rng.integers(-2, 3, 200), 0, 4)
    ours = weighted_kappa(a.tolist(), b.tolist(), weights=weights)
    assert ours == pytest.approx(cohen_kappa_score(a, b, weights=weights), abs=1e-12)


def test_kappa_hand_computed_and_degenerate_cases() -> None:
    assert weighted_kappa([0, 1, 2], [0, 1, 2]) == pytest.approx(1.0)
    assert weighted_kappa([1, 1], [1, 1]) is None  # one category only: undefined
    assert weighted_kappa([], []) is None
    # Categories absent from the data still count in the weights.
    ours = weighted_kappa([0, 4], [4, 0], categories=[0, 1, 2, 3, 4])
    assert ours == pytest.approx(cohen_kappa_score([0, 4], [4, 0], weights="quadratic"))


def test_mean_difference_matches_the_paired_t_test() -> None:
    rng = np.random.default_rng(4)
    client = rng.normal(75, 10, 40)
    vendor = client + rng.normal(6, 5, 40)
    diff = mean_difference(vendor.tolist(), client.tolist())
    assert diff is not None
    ref = stats.ttest_rel(vendor, client)
    ci = ref.confidence_interval(0.95)
    assert diff.p_value == pytest.approx(ref.pvalue)
    assert (diff.low, diff.high) == (pytest.approx(ci.low), pytest.approx(ci.high))
    assert mean_difference([1.0], [2.0]) is None


def _pairs(gap: float, n: int, seed: int) -> list[ScoredInteraction]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        truth = float(rng.uniform(60, 95))
        v = min(100.0, truth + gap + float(rng.normal(0, 4)))
        c = truth + float(rng.normal(0, 4))
        items = {"a": round(truth / 25) / 4}
        out += [
            ScoredInteraction(f"i{i}", "vendor", v, False, items),
            ScoredInteraction(f"i{i}", "client", c, i % 10 == 0, items),
        ]
    return out


def test_calibration_flags_an_inflating_vendor_only() -> None:
    inflated = calibrate(_pairs(12, 60, 1), engagement_id="e1", vendor_label="indigo")
    assert inflated.inflated and inflated.direction == "vendor_higher"
    assert inflated.difference is not None and 9 < inflated.difference.mean < 15
    assert inflated.auto_fail_disagreement == pytest.approx(0.1)
    [finding] = inflated.findings
    assert finding.source == "quality" and finding.engagement_id == "e1"
    assert finding.severity == "major" and "indigo" in finding.title
    honest = calibrate(_pairs(0, 60, 2), engagement_id="e2")
    assert not honest.inflated and not honest.findings
    small_gap = calibrate(_pairs(3, 200, 3), engagement_id="e3")  # significant but tolerated
    assert small_gap.direction == "vendor_higher" and not small_gap.inflated


def test_calibration_without_pairs() -> None:
    only_vendor = [ScoredInteraction("i1", "vendor", 90.0, False, {})]
    report = calibrate(only_vendor, engagement_id="e")
    assert report.pairs == 0 and report.difference is None and report.direction == "unknown"
    assert report.auto_fail_disagreement is None and not report.findings
