"""Rate outcomes per group: Wilson intervals, tests against the rest, direct standardisation.

Input is the small frame the engine returns: one row per (group, stratum) with the
eligible count ``n`` and the successes ``k`` of one outcome.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from fairshore.parity.model import AuditOptions, GroupFrame, GroupResult, Outcome, Status
from fairshore.parity.statistics import (
    FloatArray,
    StratumTable,
    mantel_haenszel,
    proportion_test,
    wilson_interval,
)

STRATUM = "_stratum"


def group_status(
    group: str, n: int, *, dimension: str, outcome: str, options: AuditOptions
) -> Status:
    """Designed groups are never judged; groups under the minimum size are shown only."""
    if any(d.applies(dimension, outcome) and d.group == group for d in options.designed):
        return "designed"
    return "judged" if n >= options.min_group_size else "too_small"


def favourable(rate: float, outcome: Outcome) -> float:
    """The rate in the favourable direction (1 - rate for adverse outcomes)."""
    return rate if outcome.higher_is_better else 1.0 - rate


def rate_frame(
    counts: pd.DataFrame, outcome: Outcome, *, dimension: str, options: AuditOptions
) -> GroupFrame:
    """The per-group results of one rate outcome.

    Parameters
    ----------
    counts:
        Columns ``_group``, ``_stratum``, ``n`` and ``k`` (one row per group and stratum).
    """
    counts = counts[counts["n"] > 0]
    totals = counts.groupby("_group")[["n", "k"]].sum()
    totals = totals.assign(_name=totals.index).sort_values(["n", "_name"], ascending=[False, True])
    n_all, k_all = int(totals["n"].sum()), int(totals["k"].sum())
    n_cells = counts.pivot_table(
        index="_group", columns=STRATUM, values="n", aggfunc="sum", fill_value=0
    )
    k_cells = counts.pivot_table(
        index="_group", columns=STRATUM, values="k", aggfunc="sum", fill_value=0
    ).reindex(index=n_cells.index, columns=n_cells.columns, fill_value=0)
    cells = (n_cells, k_cells)
    n_s = n_cells.to_numpy(np.float64).sum(axis=0)
    k_s = k_cells.to_numpy(np.float64).sum(axis=0)
    results = []
    for group, n, k in zip(
        totals.index, totals["n"].astype(int), totals["k"].astype(int), strict=True
    ):
        n, k = int(n), int(k)
        lo, hi = wilson_interval(k, n, confidence=options.confidence)
        test = proportion_test(k, n, k_all - k, n_all - n)
        rest_rate = (k_all - k) / (n_all - n) if n_all > n else math.nan
        res = GroupResult(
            group=str(group),
            n=n,
            successes=k,
            value=k / n,
            ci_low=lo,
            ci_high=hi,
            status=group_status(
                str(group), n, dimension=dimension, outcome=outcome.name, options=options
            ),
            test=test.method,
            statistic=test.statistic,
            p_value=test.p_value,
            effect=100 * (k / n - rest_rate),
            worse_than_rest=favourable(k / n, outcome) < favourable(rest_rate, outcome),
        )
        _adjust(res, n_s, k_s, cells, outcome)
        results.append(res)
    frame = GroupFrame(
        outcome=outcome,
        dimension=dimension,
        overall=k_all / n_all if n_all else math.nan,
        groups=results,
        best_group=None,
    )
    _compare_to_best(frame, options)
    return frame


def _adjust(
    res: GroupResult,
    n_s: FloatArray,
    k_s: FloatArray,
    cells: tuple[pd.DataFrame, pd.DataFrame],
    outcome: Outcome,
) -> None:
    """Direct standardisation to the whole population's stratum mix, and the CMH test.

    ``n_s``, ``k_s``: population counts per stratum; ``cells``: the group x stratum
    tables of eligible and success counts, strata in the same order.
    """
    n_g = cells[0].loc[res.group].to_numpy(np.float64)
    k_g = cells[1].loc[res.group].to_numpy(np.float64)
    seen = n_g > 0
    if not seen.any():
        return
    w = n_s[seen] / n_s.sum()
    # direct standardisation: sum_s w_s r_gs over the strata the group was seen in (renormalised)
    res.adjusted_value = float((w * k_g[seen] / n_g[seen]).sum() / w.sum())
    rest_n, rest_k = n_s[seen] - n_g[seen], k_s[seen] - k_g[seen]
    tables = [
        StratumTable(int(a), int(b), int(c), int(d))
        for a, b, c, d in zip(k_g[seen], n_g[seen], rest_k, rest_n, strict=True)
    ]
    test = mantel_haenszel(tables)
    res.adjusted_test = test.method
    res.adjusted_p_value = test.p_value
    expected = float((n_g[seen] * k_s[seen] / n_s[seen]).sum())
    more = float(k_g[seen].sum()) > expected
    res.adjusted_worse_than_rest = (not more) if outcome.higher_is_better else more


def _compare_to_best(frame: GroupFrame, options: AuditOptions) -> None:
    """Impact ratios (favourable rate / best group's) and gaps in points, raw and adjusted."""
    outcome = frame.outcome
    eligible = [g for g in frame.groups if g.status == "judged"] or [
        g for g in frame.groups if g.status != "designed"
    ]
    if not eligible:
        return
    best = max(eligible, key=lambda g: favourable(g.value, outcome))
    frame.best_group = best.group
    adjusted = [g for g in eligible if not math.isnan(g.adjusted_value)]
    best_adj = max(adjusted, key=lambda g: favourable(g.adjusted_value, outcome), default=None)
    frame.adjusted_best_group = best_adj.group if best_adj else None
    top = favourable(best.value, outcome)
    designed = designed_reference(frame, options)
    for g in frame.groups:
        mine = favourable(g.value, outcome)
        g.impact_ratio = mine / top if top > 0 else math.nan
        if top > 0:
            ends = sorted(favourable(v, outcome) / top for v in (g.ci_low, g.ci_high))
            g.impact_ratio_low, g.impact_ratio_high = ends
        g.gap = 100 * (top - mine)
        if best_adj is not None and not math.isnan(g.adjusted_value):
            top_adj = favourable(best_adj.adjusted_value, outcome)
            mine_adj = favourable(g.adjusted_value, outcome)
            g.adjusted_impact_ratio = mine_adj / top_adj if top_adj > 0 else math.nan
            g.adjusted_gap = 100 * (top_adj - mine_adj)
        if designed is not None and g.status != "designed":
            reference, promised = designed
            ref = favourable(reference.value, outcome)
            g.promised_ratio = promised
            g.ratio_to_designed = mine / ref if ref > 0 else math.nan


def designed_reference(
    frame: GroupFrame, options: AuditOptions
) -> tuple[GroupResult, float] | None:
    """The designed group of this frame that carries a promised ratio, and that ratio."""
    for d in options.designed:
        if d.applies(frame.dimension, frame.outcome.name) and d.promised_ratio is not None:
            for g in frame.groups:
                if g.group == d.group:
                    return g, d.promised_ratio
    return None
