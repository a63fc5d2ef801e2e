"""Krippendorff's alpha against the published worked example and the reference package."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.quality.agreement import krippendorff_alpha
from fairshore.quality.calibration import ScoredInteraction, calibrate

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
# 4 observers, 12 units, values 1-5, missing data. Published: nominal 0.743,
# ordinal 0.815, interval 0.849.
EXAMPLE_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


@pytest.mark.parametrize(
    ("level", "published"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_the_published_worked_example(level: str, published: float) -> None:
    ours = krippendorff_alpha(EXAMPLE_C, level=level)  # type: ignore[arg-type]
    assert ours is not None and round(ours, 3) == published
    data = np.array([[np.nan if v is None else v for v in row] for row in EXAMPLE_C])
    assert ours == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement=level), abs=1e-12
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 4), st.integers(-2, 2), st.booleans()
        ),  # value, disagreement, missing
        min_size=3,
        max_size=60,
    ),
    st.sampled_from(["ordinal", "interval", "nominal"]),
)
def test_matches_the_krippendorff_package(rows: list[tuple[int, int, bool]], level: str) -> None:
    """Reference: the ``krippendorff`` package (Castro) on two raters with missing data."""
    first = [float(v) for v, _, _ in rows]
    second = [np.nan if gone else float(min(4, max(0, v + d))) for v, d, gone in rows]
    ours = krippendorff_alpha([first, second], level=level)  # type: ignore[arg-type]
    data = np.array([first, second])
    pairable = ~np.isnan(data).any(axis=0)
    if ours is None:  # undefined: a single value among the pairable ratings
        assert len(set(data[:, pairable].ravel().tolist())) <= 1
        return
    ref = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    assert ours == pytest.approx(ref, abs=1e-9)


def test_perfect_agreement_and_undefined_cases() -> None:
    assert krippendorff_alpha([[1, 2, 3], [1, 2, 3]], level="ordinal") == pytest.approx(1.0)
    assert krippendorff_alpha([[2, 2], [2, 2]]) is None
    assert krippendorff_alpha([[1, None], [None, 2]]) is None  # nothing pairable


def test_calibration_reports_item_alphas() -> None:
    rng = np.random.default_rng(2)
    evaluations = []
    for i in range(40):
        truth = rng.integers(0, 5, 6) / 4
        noisy = np.clip(truth + rng.integers(-1, 2, 6) / 4, 0, 1)
        for side, items in (("vendor", noisy), ("client", truth)):
            evaluations.append(
                ScoredInteraction(
                    f"c{i}", side, 80.0, False, {f"q{j}": float(x) for j, x in enumerate(items)}
                )
            )
    report = calibrate(evaluations, engagement_id="e1")
    vendor = [float(x) for e in evaluations if e.side == "vendor" for x in e.items.values()]
    client = [float(x) for e in evaluations if e.side == "client" for x in e.items.values()]
    data = np.array([vendor, client])
    assert report.item_alpha_interval == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
    )
    assert report.item_alpha_ordinal == pytest.approx(
        krippendorff.alpha(reliability_data=data * 4, level_of_measurement="ordinal")
    )
