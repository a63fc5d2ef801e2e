"""Rate frames from counts: Simpson's paradox is caught, and ratios stay in range."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.parity.judgement import judge, mix_notes
from fairshore.parity.model import OUTCOMES, AuditOptions
from fairshore.parity.rates import rate_frame


def _counts(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["_group", "_stratum", "n", "k"])


def test_simpsons_paradox_is_reported() -> None:
    # The kidney-stone pattern (Charig et al. 1986): A is better within each stratum
    # (easy 93 % vs 87 %, hard 73 % vs 69 %), worse overall (78 % vs 83 %) because A
    # takes most of the hard cases. Ten times the published counts, to be significant.
    counts = _counts([
        ("A", "easy", 870, 810), ("A", "hard", 2630, 1920),
        ("B", "easy", 2700, 2340), ("B", "hard", 800, 550),
    ])  # fmt: skip
    options = AuditOptions(min_group_size=10)
    frame = rate_frame(counts, OUTCOMES["answered"], dimension="x", options=options)
    a = next(g for g in frame.groups if g.group == "A")
    assert a.value == pytest.approx(2730 / 3500)
    assert a.worse_than_rest and not a.adjusted_worse_than_rest
    assert a.adjusted_value > next(g for g in frame.groups if g.group == "B").adjusted_value
    judge([frame], options=options, adjusted=True)
    mix_notes([frame], options=options)
    assert a.mix_note == "direction reverses within strata (Simpson's paradox)"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["s1", "s2"]),
                  st.integers(1, 200), st.floats(0, 1)),
        min_size=2, max_size=12,
    )
)  # fmt: skip
def test_impact_ratios_lie_between_zero_and_one(rows: list[tuple[str, str, int, float]]) -> None:
    counts = _counts([(g, s, n, round(n * p)) for g, s, n, p in rows])
    for name in ("answered", "escalated"):
        frame = rate_frame(counts, OUTCOMES[name], dimension="x",
                           options=AuditOptions(min_group_size=1))  # fmt: skip
        for g in frame.groups:
            assert 0.0 <= g.value <= 1.0
            assert g.ci_low <= g.value <= g.ci_high
            assert math.isnan(g.impact_ratio) or 0.0 <= g.impact_ratio <= 1.0 + 1e-12
