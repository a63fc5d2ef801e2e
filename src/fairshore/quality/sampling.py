"""Audit sample sizes and stratified random selection."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import stats

from fairshore.errors import InputError


def z_value(confidence: float) -> float:
    """Two-sided standard-normal quantile for a confidence level (0.95 -> 1.96)."""
    if not 0 < confidence < 1:
        raise InputError("confidence must be between 0 and 1 (e.g. 0.95)")
    return float(stats.norm.ppf(1 - (1 - confidence) / 2))


def sample_size(
    population: int, /, *, margin: float, confidence: float = 0.95, proportion: float = 0.5
) -> int:
    """Sample size to estimate a proportion within ``margin`` at ``confidence``.

    Examples
    --------
    >>> sample_size(10_000, margin=0.05)
    370
    """
    if not 0 < margin < 1:
        raise InputError("margin must be between 0 and 1 (e.g. 0.05 for +/- 5 points)")
    if population <= 0:
        return 0
    z = z_value(confidence)
    # Cochran (1977), Sampling Techniques, eq. 4.2 and the finite-population correction 4.3
    n0 = z * z * proportion * (1 - proportion) / (margin * margin)
    n = n0 / (1 + (n0 - 1) / population)
    return min(population, math.ceil(n - 1e-9))


def achieved_margin(
    population: int, size: int, /, *, confidence: float = 0.95, proportion: float = 0.5
) -> float | None:
    """The margin of error a sample of ``size`` gives (the inverse of ``sample_size``)."""
    if size <= 0 or population <= 0:
        return None
    if size >= population:
        return 0.0
    z = z_value(confidence)
    fpc = (population - size) / (population - 1) if population > 1 else 0.0
    return z * math.sqrt(proportion * (1 - proportion) / size * fpc)


def allocate(counts: Mapping[str, int], size: int) -> dict[str, int]:
    """Proportional allocation of ``size`` over strata (largest remainder, capped at each
    stratum's size).

    Examples
    --------
    >>> allocate({"a": 600, "b": 300, "c": 100}, 10)
    {'a': 6, 'b': 3, 'c': 1}
    """
    total = sum(counts.values())
    size = min(size, total)
    if total == 0 or size <= 0:
        return {k: 0 for k in counts}
    exact = {k: size * n / total for k, n in counts.items()}
    out = {k: min(counts[k], math.floor(v)) for k, v in exact.items()}
    # Hamilton's largest-remainder method: hand out the seats the floors left over.
    order = sorted(counts, key=lambda k: (-(exact[k] - math.floor(exact[k])), k))
    while sum(out.values()) < size:
        progressed = False
        for k in order:
            if sum(out.values()) >= size:
                break
            if out[k] < counts[k]:
                out[k] += 1
                progressed = True
        if not progressed:
            break
    return out


def draw_stratified(
    ids: Sequence[str], strata: Sequence[str], /, *, size: int, seed: int
) -> list[str]:
    """A stratified random sample of ``ids`` (proportional allocation), the same for the
    same seed and input whatever the input order."""
    if len(ids) != len(strata):
        raise InputError("ids and strata must have the same length")
    groups: dict[str, list[str]] = {}
    for i, s in sorted(zip(ids, strata, strict=True)):
        groups.setdefault(s, []).append(i)
    shares = allocate({k: len(v) for k, v in groups.items()}, size)
    rng = np.random.default_rng(seed)
    chosen: list[str] = []
    for key in sorted(groups):
        members = groups[key]
        picked = rng.choice(len(members), size=shares[key], replace=False)
        chosen += [members[int(j)] for j in sorted(picked)]
    return chosen
