"""Audit sample sizes (Cochran's formula with finite-population correction) and
proportional stratified allocation."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairshore.errors import InputError
from fairshore.quality.sampling import (
    achieved_margin,
    allocate,
    draw_stratified,
    sample_size,
    z_value,
)


@pytest.mark.parametrize(
    ("population", "margin", "confidence", "expected"),
    [
        # Published sample-size tables (e.g. Krejcie & Morgan 1970; the usual online
        # calculators): 95 %, +/-5 %, p = 0.5.
        (10_000, 0.05, 0.95, 370),
        (1_000, 0.05, 0.95, 278),
        (100, 0.05, 0.95, 80),
        (100_000, 0.05, 0.95, 383),
        (1_000_000, 0.03, 0.95, 1066),
        # 99 %, +/-5 %: n0 = 2.5758^2 * .25 / .0025 = 663.5 -> 10,000 gives 623
        (10_000, 0.05, 0.99, 623),
    ],
)
def test_sample_size_against_published_tables(
    population: int, margin: float, confidence: float, expected: int
) -> None:
    assert sample_size(population, margin=margin, confidence=confidence) == expected


def test_z_values() -> None:
    assert z_value(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_value(0.99) == pytest.approx(2.575829, abs=1e-6)
    with pytest.raises(InputError):
        z_value(1.5)


def test_margin_is_the_inverse_of_the_size() -> None:
    n = sample_size(10_000, margin=0.05)
    assert achieved_margin(10_000, n) == pytest.approx(0.05, abs=0.0005)
    assert achieved_margin(100, 100) == 0.0


def test_proportional_allocation_by_largest_remainder() -> None:
    # 370 over 50 / 30 / 20 % strata: quotas 185, 111, 74 exactly.
    assert allocate({"a": 5000, "b": 3000, "c": 2000}, 370) == {"a": 185, "b": 111, "c": 74}
    # Hamilton: quotas 3.33, 3.33, 3.33 -> floors 3 each, one left to the first by name.
    assert allocate({"x": 100, "y": 100, "z": 100}, 10) == {"x": 4, "y": 3, "z": 3}
    # A stratum smaller than its quota is taken whole.
    assert allocate({"big": 1000, "tiny": 1}, 1001) == {"big": 1000, "tiny": 1}


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 500), min_size=1, max_size=8),
    st.integers(0, 3000),
)
def test_allocation_invariants(counts: dict[str, int], size: int) -> None:
    out = allocate(counts, size)
    assert sum(out.values()) == min(size, sum(counts.values()))
    total = sum(counts.values())
    for k, n in counts.items():
        assert 0 <= out[k] <= n
        if total and size <= total:
            assert abs(out[k] - size * n / total) < 1 + 1e-9  # within one of the exact quota


def test_stratified_draw_is_proportional_and_reproducible() -> None:
    ids = [f"i{n}" for n in range(1000)]
    strata = ["voice"] * 600 + ["chat"] * 300 + ["email"] * 100
    first = draw_stratified(ids, strata, size=50, seed=7)
    assert len(set(first)) == 50
    by = Counter(strata[int(i[1:])] for i in first)
    assert by == {"voice": 30, "chat": 15, "email": 5}
    assert draw_stratified(ids[::-1], strata[::-1], size=50, seed=7) == first  # order-free
    assert draw_stratified(ids, strata, size=50, seed=8) != first
