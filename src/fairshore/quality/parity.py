"""QA parity: are customers' contacts and agents' work judged alike by the QA scorers?

Evaluations are grouped by a customer dimension of the evaluated interaction
(``language``, ``channel``, ``seg_*``) or an agent dimension from the roster
(``site_id``, ``employment_type``). The statistics are the parity capability's:
rates (critical errors, passes) go through ``parity.rates.rate_frame`` (Wilson
intervals, two-proportion z or Fisher, Cochran-Mantel-Haenszel across strata);
scores use parity's rank statistics (Mann-Whitney U, Cliff's delta, van Elteren
across strata); every comparison of one audit is one Benjamini-Hochberg family and
parity's finding rule judges each group (``parity.audit.judge``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from fairshore import numbers
from fairshore.governance.model import Finding
from fairshore.parity.judgement import judge, mix_notes
from fairshore.parity.model import AuditOptions, GroupFrame, GroupResult, Outcome
from fairshore.parity.rates import STRATUM, group_status, rate_frame
from fairshore.parity.statistics import cliffs_delta, cliffs_magnitude, mann_whitney, van_elteren
from fairshore.quality.model import QaParityAudit

# Parity's "time" kind is its continuous outcome: compared by rank (Mann-Whitney U),
# its practical size by Cliff's delta. A QA score is continuous, higher is better.
QA_OUTCOMES: dict[str, Outcome] = {
    o.name: o
    for o in (
        Outcome(
            "qa_score",
            "time",
            True,
            "Evaluation total, 0-100 (auto-fails count as 0), compared by rank.",
        ),
        Outcome(
            "qa_critical_error",
            "rate",
            False,
            "Evaluations failed by a critical item (auto-fail).",
        ),
        Outcome("qa_pass", "rate", True, "Evaluations at or above the form's pass mark."),
    )
}
DEFAULT_QA_OUTCOMES = ("qa_score", "qa_critical_error")
CUSTOMER_DIMENSIONS = ("language", "channel")
AGENT_DIMENSIONS = ("site_id", "employment_type")
DEFAULT_QA_CONTROLS = ("channel",)


def qa_audit_options(**overrides: object) -> AuditOptions:
    """Parity's options for QA: no designed differences (a premium customer's contact
    must be scored by the same standard), the QA outcomes and the channel as control."""
    values: dict[str, object] = {
        "outcomes": DEFAULT_QA_OUTCOMES,
        "controls": DEFAULT_QA_CONTROLS,
        "designed": (),
    }
    values.update(overrides)
    return AuditOptions(**values)  # type: ignore[arg-type]


def audit_qa_parity(
    evaluations: pd.DataFrame,
    /,
    *,
    engagement_id: str,
    dimension: str,
    side: str = "vendor",
    options: AuditOptions | None = None,
    period: str | None = None,
    pass_mark: float = 80.0,
) -> QaParityAudit:
    """QA outcomes compared across the groups of ``dimension``.

    Parameters
    ----------
    evaluations
        One row per evaluation: ``dimension`` (the group label), the control columns,
        ``total`` and ``auto_fail``.
    dimension
        The grouping column (customer or agent dimension).
    side
        Whose evaluations these are (``vendor``, ``client``, ``auditor``), for the
        finding's key and text.
    """
    options = options or qa_audit_options()
    controls = tuple(c for c in options.controls if c != dimension)
    frame = evaluations.assign(
        _group=evaluations[dimension].fillna("(missing)").astype(str),
        **{STRATUM: _strata(evaluations, controls)},
    )
    frames: list[GroupFrame] = []
    notes: list[str] = []
    for name in options.outcomes:
        outcome = QA_OUTCOMES[name]
        if frame.empty:
            continue
        if outcome.kind == "rate":
            counts = _counts(frame, name, pass_mark)
            frames.append(rate_frame(counts, outcome, dimension=dimension, options=options))
        else:
            frames.append(score_frame(frame, outcome, dimension=dimension, options=options))
    if frame.empty:
        notes.append("no evaluations in the data for this period")
    elif frame["_group"].nunique() < 2:
        notes.append(f"only one {dimension} group in the evaluations: nothing to compare")
    judge(frames, options=options, adjusted=bool(controls))
    mix_notes(frames, options=options)
    findings = qa_findings(
        frames, engagement_id=engagement_id, side=side, period=period, adjusted=bool(controls)
    )
    return QaParityAudit(
        engagement_id=engagement_id,
        dimension=dimension,
        side=side,
        controls=controls,
        period=period,
        evaluations=len(frame),
        frames=frames,
        findings=findings,
        notes=notes,
        rule=options.rule,
    )


def _strata(frame: pd.DataFrame, controls: tuple[str, ...]) -> pd.Series:
    if not controls:
        return pd.Series("all", index=frame.index, dtype=object)
    key = frame[controls[0]].fillna("(missing)").astype(str)
    for col in controls[1:]:
        key = key + "|" + frame[col].fillna("(missing)").astype(str)
    return key


def _counts(frame: pd.DataFrame, name: str, pass_mark: float) -> pd.DataFrame:
    """Per (group, stratum): evaluations ``n`` and those with the outcome ``k``."""
    if name == "qa_critical_error":
        hit = frame["auto_fail"].fillna(False).astype(bool)
    else:
        hit = frame["total"].astype(float) >= pass_mark
    counts = (
        frame.assign(_hit=hit.astype(np.int64))
        .groupby(["_group", STRATUM], as_index=False)
        .agg(n=("_hit", "size"), k=("_hit", "sum"))
    )
    return counts


def score_frame(
    frame: pd.DataFrame, outcome: Outcome, *, dimension: str, options: AuditOptions
) -> GroupFrame:
    """Per group: mean score with a t interval, Mann-Whitney U and Cliff's delta against
    the rest, and the mean standardised to the population's stratum mix with van
    Elteren's stratified test.

    ``frame`` has ``_group``, ``_stratum`` and ``total``.
    """
    values = frame["total"].astype(float).to_numpy()
    groups = frame["_group"].to_numpy(object)
    strata = frame[STRATUM].to_numpy(object)
    weights = pd.Series(strata).value_counts(normalize=True)
    sizes = pd.Series(groups).value_counts()
    order = sorted(sizes.index, key=lambda g: (-int(sizes[g]), str(g)))
    results = []
    for group in order:
        mine = groups == group
        x, y = values[mine], values[~mine]
        lo, hi = _t_interval(x, options.confidence)
        test = mann_whitney(x, y)
        delta = cliffs_delta(x, y)
        res = GroupResult(
            group=str(group),
            n=int(x.size),
            value=float(x.mean()),
            ci_low=lo,
            ci_high=hi,
            status=group_status(
                str(group), int(x.size), dimension=dimension, outcome=outcome.name, options=options
            ),
            test=test.method,
            statistic=test.statistic,
            p_value=test.p_value,
            effect=delta,
            effect_size=cliffs_magnitude(delta),
            worse_than_rest=delta < 0,
            sample_size=int(x.size),
        )
        _adjust_score(res, values, mine, strata, weights)
        results.append(res)
    out = GroupFrame(
        outcome=outcome,
        dimension=dimension,
        overall=float(values.mean()) if values.size else math.nan,
        groups=results,
        best_group=None,
    )
    _compare_scores(out)
    return out


def _t_interval(x: np.ndarray, confidence: float) -> tuple[float, float]:
    if x.size < 2:
        return (math.nan, math.nan)
    se = float(x.std(ddof=1)) / math.sqrt(x.size)
    # Student t interval of a mean: mean +- t_{1-a/2, n-1} s / sqrt(n)
    t = float(stats.t.ppf(0.5 + confidence / 2, x.size - 1))
    return (float(x.mean()) - t * se, float(x.mean()) + t * se)


def _adjust_score(
    res: GroupResult,
    values: np.ndarray,
    mine: np.ndarray,
    strata: np.ndarray,
    weights: pd.Series,
) -> None:
    """Direct standardisation of the group's stratum means; van Elteren against the rest."""
    pairs = []
    means = []
    deltas = []
    for key, weight in weights.items():
        here = strata == key
        x, y = values[here & mine], values[here & ~mine]
        if x.size:
            means.append((float(weight), float(x.mean())))
        if x.size and y.size:
            pairs.append((x, y))
            deltas.append((float(weight), cliffs_delta(x, y)))
    if not means:
        return
    total = sum(w for w, _ in means)
    # direct standardisation: sum_s w_s mean_gs over the strata the group was seen in
    res.adjusted_value = sum(w * m for w, m in means) / total
    test = van_elteren(pairs)
    res.adjusted_test = test.method
    res.adjusted_p_value = test.p_value
    weight = sum(w for w, _ in deltas)
    res.adjusted_worse_than_rest = (sum(w * d for w, d in deltas) / weight if weight else 0.0) < 0


def _compare_scores(frame: GroupFrame) -> None:
    """Impact ratio = group mean / best group's mean; gap in points below the best."""
    judged = [g for g in frame.groups if g.status == "judged"] or list(frame.groups)
    if not judged:
        return
    best = max(judged, key=lambda g: g.value)
    frame.best_group = best.group
    adjusted = [g for g in judged if not math.isnan(g.adjusted_value)]
    best_adj = max(adjusted, key=lambda g: g.adjusted_value, default=None)
    frame.adjusted_best_group = best_adj.group if best_adj else None
    for g in frame.groups:
        g.impact_ratio = g.value / best.value if best.value > 0 else math.nan
        g.gap = best.value - g.value
        if best_adj is not None and not math.isnan(g.adjusted_value):
            top = best_adj.adjusted_value
            g.adjusted_impact_ratio = g.adjusted_value / top if top > 0 else math.nan
            g.adjusted_gap = top - g.adjusted_value


def qa_findings(
    frames: list[GroupFrame],
    *,
    engagement_id: str,
    side: str,
    period: str | None,
    adjusted: bool,
) -> list[Finding]:
    """One ``quality`` finding per group parity's rule flagged (adjusted when controlled).

    Key ``quality:<engagement>:parity:<side>:<dimension>=<group>:<outcome>``: the same
    unequal treatment found again updates the open finding instead of doubling it.
    """
    out = []
    for frame in frames:
        best = next((g for g in frame.groups if g.group == frame.best_group), None)
        for g in frame.groups:
            flagged = g.flagged_adjusted if adjusted else g.flagged_raw
            if flagged and best is not None:
                out.append(_finding(frame, g, best, engagement_id, side, period, adjusted))
    return out


def _finding(
    frame: GroupFrame,
    g: GroupResult,
    best: GroupResult,
    engagement_id: str,
    side: str,
    period: str | None,
    adjusted: bool,
) -> Finding:
    o = frame.outcome
    rate = o.kind == "rate"

    def shown(v: float) -> str:
        return f"{100 * v:.1f} %" if rate else f"{v:.1f}"

    ratio = g.adjusted_impact_ratio if adjusted else g.impact_ratio
    p_adj = g.adjusted_p_adjusted if adjusted else g.p_adjusted
    judged = "customers" if frame.dimension not in AGENT_DIMENSIONS else "agents"
    what = {
        "qa_score": "mean QA score",
        "qa_critical_error": "critical-error rate",
        "qa_pass": "QA pass rate",
    }[o.name]
    title = (
        f"QA judges {judged} unequally: {frame.dimension}={g.group} {what} {shown(g.value)} "
        f"vs {shown(best.value)} for {best.group} ({side} evaluations)"
    )
    effect = f"Cliff's delta {g.effect:+.2f}" if not rate else f"gap {g.gap:.1f} points"
    detail = (
        f"{o.meaning} Group n={g.n}; {effect}; impact ratio {ratio:.2f}; "
        f"{g.test} {numbers.p_value(g.p_value)}, BH-adjusted {numbers.p_value(p_adj)}"
        + (f" after controlling {g.adjusted_test}" if adjusted else "")
        + (f"; {g.mix_note}" if g.mix_note else "")
        + ". Check whether the scorers apply the form differently to this group, "
        "or whether these contacts get worse service."
    )
    severity = "major" if not math.isnan(ratio) and ratio < 0.8 else "minor"
    return Finding(
        key=f"quality:{engagement_id}:parity:{side}:{frame.dimension}={g.group}:{o.name}",
        source="quality",
        engagement_id=engagement_id,
        severity=severity,
        title=title[:300],
        detail=detail,
        evidence={
            "dimension": frame.dimension,
            "group": g.group,
            "outcome": o.name,
            "side": side,
            "n": g.n,
            "value": _num(g.value),
            "best_group": best.group,
            "best_value": _num(best.value),
            "impact_ratio": _num(ratio),
            "gap": _num(g.adjusted_gap if adjusted else g.gap),
            "effect": _num(g.effect),
            "p_adjusted": _num(p_adj),
        },
        period=period,
    )


def _num(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 6)
