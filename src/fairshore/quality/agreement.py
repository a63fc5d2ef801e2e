"""Agreement between two raters who scored the same interactions."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import stats

from fairshore.quality.model import MeanDifference


def mean_difference(
    first: Sequence[float], second: Sequence[float], /, *, confidence: float = 0.95
) -> MeanDifference | None:
    """Mean of ``first - second`` over pairs, with a t confidence interval (paired t test).

    None with fewer than two pairs.
    """
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    d = a - b
    n = int(d.size)
    if n < 2:
        return None
    mean, sd = float(d.mean()), float(d.std(ddof=1))
    se = sd / np.sqrt(n)
    # Student (1908): (mean - mu) / (s / sqrt(n)) ~ t with n - 1 degrees of freedom
    t = float(stats.t.ppf(1 - (1 - confidence) / 2, n - 1))
    p = float(2 * stats.t.sf(abs(mean / se), n - 1)) if se > 0 else float(mean == 0)
    return MeanDifference(n, mean, sd, mean - t * se, mean + t * se, p, confidence)


def weighted_kappa(
    first: Sequence[object],
    second: Sequence[object],
    /,
    *,
    categories: Sequence[object] | None = None,
    weights: str = "quadratic",
) -> float | None:
    """Cohen's weighted kappa between two raters on ordered categories.

    ``categories`` gives the order (default: the sorted values seen). ``weights`` is
    ``quadratic`` or ``linear``. None when there is nothing to compare or every rating
    is the same category (kappa is undefined).
    """
    if len(first) != len(second) or not first:
        return None
    cats = list(categories) if categories is not None else sorted({*first, *second})  # type: ignore[type-var]
    k = len(cats)
    index = {c: i for i, c in enumerate(cats)}
    rows = np.fromiter((index[x] for x in first), dtype=np.int64, count=len(first))
    cols = np.fromiter((index[y] for y in second), dtype=np.int64, count=len(second))
    observed = np.bincount(rows * k + cols, minlength=k * k).reshape(k, k).astype(float)
    i, j = np.indices((k, k))
    # Cohen (1968): disagreement weights (i - j)^2 (quadratic) or |i - j| (linear)
    w = (i - j) ** 2 if weights == "quadratic" else np.abs(i - j)
    expected = np.outer(observed.sum(1), observed.sum(0)) / observed.sum()
    denominator = float((w * expected).sum())
    if denominator == 0:
        return None
    return 1 - float((w * observed).sum()) / denominator
