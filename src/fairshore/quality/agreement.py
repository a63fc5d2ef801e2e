"""Agreement between two raters who scored the same interactions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import stats

from fairshore.errors import InputError
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


AlphaLevel = Literal["nominal", "ordinal", "interval"]


def krippendorff_alpha(
    ratings: Sequence[Sequence[float | None]] | npt.NDArray[np.float64],
    /,
    *,
    level: AlphaLevel = "interval",
) -> float | None:
    """Krippendorff's alpha of raters (rows) scoring units (columns); None or NaN = missing.

    Units with fewer than two ratings are not pairable and left out. None when nothing
    is pairable or every pairable rating is the same value (alpha is undefined).

    Examples
    --------
    >>> round(krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4]], level="interval"), 3)
    0.889
    """
    data = np.array(
        [[np.nan if v is None else float(v) for v in row] for row in ratings], dtype=float
    )
    if data.ndim != 2 or data.size == 0:
        return None
    present = ~np.isnan(data)
    values = np.unique(data[present])
    if values.size < 2:
        return None
    index = np.searchsorted(values, np.where(present, data, values[0]))
    k = values.size
    # n_uc: how many raters gave unit u the value c
    per_unit = np.zeros((data.shape[1], k))
    for rater in range(data.shape[0]):
        seen = present[rater]
        np.add.at(per_unit, (np.flatnonzero(seen), index[rater][seen]), 1.0)
    m = per_unit.sum(axis=1)
    per_unit, m = per_unit[m >= 2], m[m >= 2]
    if per_unit.size == 0:
        return None
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": coincidences
    # o_ck = sum_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1)
    scaled = per_unit / (m - 1)[:, None]
    coincidences = scaled.T @ per_unit - np.diag(scaled.sum(axis=0))
    n_c = coincidences.sum(axis=1)
    n = float(n_c.sum())
    delta = _alpha_distance(values, n_c, level)
    # alpha = 1 - D_o / D_e = 1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck
    expected = float((np.outer(n_c, n_c) * delta).sum())
    if expected == 0:
        return None
    return 1.0 - (n - 1) * float((coincidences * delta).sum()) / expected


def _alpha_distance(
    values: npt.NDArray[np.float64], n_c: npt.NDArray[np.float64], level: AlphaLevel
) -> npt.NDArray[np.float64]:
    """Squared difference function delta^2_ck of Krippendorff (2011) for each level."""
    if level == "nominal":
        return 1.0 - np.eye(values.size)
    if level == "interval":
        return np.subtract.outer(values, values) ** 2
    if level == "ordinal":
        # delta_ck = sum_{g=c..k} n_g - (n_c + n_k) / 2, squared (ranks of the values)
        cum = np.cumsum(n_c)
        ranks = np.arange(values.size)
        lo, hi = np.minimum.outer(ranks, ranks), np.maximum.outer(ranks, ranks)
        between = cum[hi] - np.where(lo > 0, cum[lo - 1], 0.0)
        out: npt.NDArray[np.float64] = (between - (n_c[:, None] + n_c[None, :]) / 2) ** 2
        return out
    raise InputError(f"level of measurement is nominal, ordinal or interval, not {level!r}")
