"""Time outcomes per group: medians and p90 with bootstrap intervals, Kaplan-Meier,
Mann-Whitney with Cliff's delta, and a stratified (van Elteren) comparison.

Inputs: exact per-group counts from the engine, and a deterministic sample per group
(whole groups when small) for the medians, intervals, tests and survival curves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from fairshore.parity.model import AuditOptions, GroupFrame, GroupResult, Outcome
from fairshore.parity.rates import STRATUM, designed_reference, group_status
from fairshore.parity.statistics import (
    FloatArray,
    bootstrap_quantile_interval,
    cliffs_delta,
    cliffs_magnitude,
    mann_whitney,
    van_elteren,
    weighted_quantile,
)
from fairshore.parity.survival import kaplan_meier, logrank_test


def bootstrap_quantiles(
    values: FloatArray, qs: tuple[float, ...], *, options: AuditOptions, seed: int
) -> list[tuple[float, float]]:
    """Percentile-bootstrap intervals of several quantiles of one sample."""
    return [
        bootstrap_quantile_interval(
            values,
            q,
            confidence=options.confidence,
            resamples=options.bootstrap_resamples,
            seed=seed + i,
        )
        for i, q in enumerate(qs)
    ]


def time_frame(
    summary: pd.DataFrame,
    sample: pd.DataFrame,
    outcome: Outcome,
    *,
    dimension: str,
    options: AuditOptions,
    stratum_weights: pd.Series | None = None,
) -> GroupFrame:
    """The per-group results of one time outcome.

    Parameters
    ----------
    summary:
        Per group: ``_group``, ``n`` (eligible), ``n_obs`` (observed), ``median``, ``p90``
        (over observed times; from the sample for subsampled groups).
    sample:
        ``_group``, ``_stratum``, ``seconds``, ``observed``: every eligible row of small
        groups, a deterministic subsample of large ones.
    """
    summary = summary[summary["n"] > 0].rename(columns={"_group": "group"})
    summary = summary.sort_values(["n", "group"], ascending=[False, True])
    observed = sample[sample["observed"]]
    strata = StrataSample.of(sample, stratum_weights)
    obs_seconds = observed["seconds"].to_numpy(np.float64)
    obs_groups = observed["_group"].to_numpy(object)
    results = []
    for i, row in enumerate(summary.to_dict("records")):
        group = str(row["group"])
        mine = sample[sample["_group"] == group]
        in_group = obs_groups == group
        mine_obs, rest_obs = obs_seconds[in_group], obs_seconds[~in_group]
        (lo, hi), (p90_lo, p90_hi) = bootstrap_quantiles(
            mine_obs, (0.5, 0.9), options=options, seed=options.seed + i
        )
        test = mann_whitney(mine_obs, rest_obs)
        delta = cliffs_delta(mine_obs, rest_obs)
        res = GroupResult(
            group=group,
            n=int(row["n"]),
            value=float(row["median"]),
            ci_low=lo,
            ci_high=hi,
            p90=float(row["p90"]),
            p90_ci_low=p90_lo,
            p90_ci_high=p90_hi,
            censored=int(row["n"] - row["n_obs"]),
            status=group_status(
                group, int(row["n"]), dimension=dimension, outcome=outcome.name, options=options
            ),
            test=test.method,
            statistic=test.statistic,
            p_value=test.p_value,
            effect=delta,
            effect_size=cliffs_magnitude(delta),
            worse_than_rest=(delta > 0) != outcome.higher_is_better,
            sample_size=len(mine),
        )
        if outcome.censored:
            km = kaplan_meier(mine["seconds"], mine["observed"])
            res.km_median, res.km_p90 = km.quantile(0.5), km.quantile(0.9)
            rest = sample[sample["_group"] != group]
            _, res.logrank_p = logrank_test(
                mine["seconds"], mine["observed"], rest["seconds"], rest["observed"]
            )
        _adjust(res, sample, outcome, strata)
        results.append(res)
    all_obs = observed["seconds"].to_numpy(np.float64)
    frame = GroupFrame(
        outcome=outcome,
        dimension=dimension,
        overall=_overall_median(summary, all_obs),
        groups=results,
        best_group=None,
    )
    if outcome.censored:
        frame.overall_km_median = kaplan_meier(sample["seconds"], sample["observed"]).quantile(0.5)
    _compare_to_best(frame, options)
    return frame


def _overall_median(summary: pd.DataFrame, observed: FloatArray) -> float:
    if "overall_median" in summary.attrs:
        return float(summary.attrs["overall_median"])
    return float(np.median(observed)) if observed.size else math.nan


@dataclass(frozen=True)
class StrataSample:
    """Observed times split once by stratum, for the per-group stratified comparisons."""

    population: pd.Series
    strata: list[tuple[float, FloatArray, NDArray[np.object_]]]

    @classmethod
    def of(cls, sample: pd.DataFrame, weights: pd.Series | None) -> StrataSample:
        obs = sample[sample["observed"]]
        if weights is not None and weights.sum() > 0:
            population = weights / weights.sum()
        else:
            population = obs[STRATUM].value_counts(normalize=True)
        strata = [
            (
                float(population.get(key, 0.0)),
                part["seconds"].to_numpy(np.float64),
                part["_group"].to_numpy(object),
            )
            for key, part in obs.groupby(STRATUM)
        ]
        return cls(population=population, strata=strata)


def _adjust(res: GroupResult, sample: pd.DataFrame, outcome: Outcome, strata: StrataSample) -> None:
    """Standardise the group's observed times to the population's stratum mix.

    Each sampled time is weighted w_s / p_gs (population share of its stratum over the
    group's share), and the weighted median is the adjusted value; the test is van
    Elteren's stratified Wilcoxon test of group vs rest.
    """
    mine = sample[sample["observed"] & (sample["_group"] == res.group)]
    if mine.empty:
        return
    share = mine[STRATUM].value_counts(normalize=True)
    # inverse-probability weights: direct standardisation of a distribution
    ipw = mine[STRATUM].map(strata.population / share).fillna(0.0).to_numpy(np.float64)
    res.adjusted_value = weighted_quantile(mine["seconds"], ipw, 0.5)
    res.adjusted_p90 = weighted_quantile(mine["seconds"], ipw, 0.9)
    pairs = []
    deltas = []
    for weight, seconds, groups in strata.strata:
        mask = groups == res.group
        x, y = seconds[mask], seconds[~mask]
        if x.size and y.size:
            pairs.append((x, y))
            deltas.append((weight, cliffs_delta(x, y)))
    test = van_elteren(pairs)
    res.adjusted_test = test.method
    res.adjusted_p_value = test.p_value
    total = sum(w for w, _ in deltas)
    adj_delta = sum(w * d for w, d in deltas) / total if total else 0.0
    res.adjusted_worse_than_rest = (adj_delta > 0) != outcome.higher_is_better


def _compare_to_best(frame: GroupFrame, options: AuditOptions) -> None:
    """Impact ratios = best median / group median and best p90 / group p90; gap in seconds.

    Waits' medians are often 0 s for every group (most contacts answered at once), so
    the four-fifths rule is also applied to the tail the waiting customers feel.
    """
    eligible = [g for g in frame.groups if g.status == "judged"] or [
        g for g in frame.groups if g.status != "designed"
    ]
    eligible = [g for g in eligible if not math.isnan(g.value)]
    if not eligible:
        return
    best = min(eligible, key=lambda g: g.value)
    frame.best_group = best.group
    adjusted = [g for g in eligible if not math.isnan(g.adjusted_value)]
    best_adj = min(adjusted, key=lambda g: g.adjusted_value, default=None)
    frame.adjusted_best_group = best_adj.group if best_adj else None
    p90s = [g.p90 for g in eligible if g.p90 is not None and not math.isnan(g.p90)]
    best_p90 = min(p90s, default=math.nan)
    best_adj_p90 = min((g.adjusted_p90 for g in adjusted), default=math.nan)
    for g in frame.groups:
        g.impact_ratio = _ratio(best.value, g.value)
        g.impact_ratio_low = _ratio(best.value, g.ci_high)
        g.impact_ratio_high = _ratio(best.value, g.ci_low)
        g.p90_impact_ratio = _ratio(best_p90, math.nan if g.p90 is None else g.p90)
        g.gap = g.value - best.value
        if best_adj is not None and not math.isnan(g.adjusted_value):
            g.adjusted_impact_ratio = _ratio(best_adj.adjusted_value, g.adjusted_value)
            g.adjusted_gap = g.adjusted_value - best_adj.adjusted_value
            g.adjusted_p90_impact_ratio = _ratio(best_adj_p90, g.adjusted_p90)
    designed = designed_reference(frame, options)
    if designed is not None:
        reference, promised = designed
        for g in frame.groups:
            if g.status != "designed":
                g.promised_ratio = promised
                g.ratio_to_designed = _ratio(reference.value, g.value)


def _ratio(best: float, mine: float) -> float:
    if math.isnan(mine) or math.isnan(best):
        return math.nan
    if mine <= 0:
        return 1.0
    return best / mine
