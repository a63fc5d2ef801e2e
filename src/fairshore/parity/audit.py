"""The parity audit: push counts to the engine, judge the groups, raise findings.

One audit = one engagement, one dimension, many outcomes. Every comparison of every
outcome in the audit is one family for Benjamini-Hochberg.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import ibis
import numpy as np
import pandas as pd

from fairshore.errors import InputError
from fairshore.governance.model import Finding, Severity
from fairshore.parity.model import (
    OUTCOMES,
    AuditOptions,
    GroupFrame,
    GroupResult,
    Outcome,
    ParityAudit,
)
from fairshore.parity.outcomes import (
    GROUP,
    HOUR_BAND,
    prepare,
    rate_outcome,
    sample_filter,
    time_outcome,
)
from fairshore.parity.rates import STRATUM, rate_frame
from fairshore.parity.statistics import benjamini_hochberg
from fairshore.parity.times import time_frame
from fairshore.parity.tone import score_replies

if TYPE_CHECKING:
    import ibis.expr.types as ir


def run_audit(
    table: ir.Table,
    *,
    engagement_id: str,
    dimension: str,
    options: AuditOptions | None = None,
    period: str | None = None,
) -> ParityAudit:
    """Audit parity of service along ``dimension`` for the outcomes in ``options``.

    Parameters
    ----------
    table:
        The engagement's ``interactions`` as an Ibis table.
    dimension:
        The column that defines the groups (``language``, ``seg_tier``, ``channel`` ...).
    """
    options = options or AuditOptions()
    check_columns(table, dimension=dimension, options=options)
    controls = tuple(c for c in options.controls if c != dimension)
    t = prepare(table, dimension=dimension, controls=controls, start=options.start, end=options.end)
    notes: list[str] = []
    frames: list[GroupFrame] = []
    rates = [o for o in options.outcomes if OUTCOMES[o].kind == "rate" and o != "tone_positive"]
    if rates:
        counts = rate_counts(t, rates, controls=controls, options=options)
        for name in rates:
            part = counts[["_group", STRATUM, f"n_{name}", f"k_{name}"]].set_axis(
                ["_group", STRATUM, "n", "k"], axis=1
            )
            if part["n"].sum() > 0:
                frames.append(
                    rate_frame(part, OUTCOMES[name], dimension=dimension, options=options)
                )
            else:
                notes.append(f"{name}: no eligible interactions in the data")
    for name in options.outcomes:
        if OUTCOMES[name].kind == "time":
            frame = audit_time(t, OUTCOMES[name], controls=controls, dimension=dimension,
                               options=options, notes=notes)  # fmt: skip
            if frame is not None:
                frames.append(frame)
    if "tone_positive" in options.outcomes:
        frame = audit_tone(t, controls=controls, dimension=dimension, options=options, notes=notes)
        if frame is not None:
            frames.append(frame)
    judge(frames, options=options, adjusted=bool(controls))
    mix_notes(frames, options=options)
    findings = make_findings(frames, engagement_id=engagement_id, period=period, options=options)
    return ParityAudit(
        engagement_id=engagement_id,
        dimension=dimension,
        controls=controls,
        period=period,
        frames=frames,
        findings=findings,
        notes=notes,
        rule=options.rule,
    )


def check_columns(table: ir.Table, *, dimension: str, options: AuditOptions) -> None:
    """Raise ``InputError`` naming what is wrong with the dimension, outcomes or controls."""
    columns = set(table.columns)
    if dimension not in columns:
        dims = [*sorted(c for c in columns if c.startswith("seg_")), "channel", "language"]
        raise InputError(
            f"no column {dimension!r} in the interactions; audit one of: {', '.join(dims)}"
        )
    unknown = [o for o in options.outcomes if o not in OUTCOMES]
    if unknown:
        raise InputError(
            f"unknown outcome(s) {', '.join(unknown)}; choose from {', '.join(OUTCOMES)}"
        )
    missing = [c for c in options.controls if c != HOUR_BAND and c not in columns]
    if missing:
        raise InputError(
            f"no control column(s) {', '.join(missing)}; use columns of the interactions "
            f"or {HOUR_BAND}"
        )


def stratum_key(t: ir.Table, controls: tuple[str, ...]) -> ir.StringValue:
    """All control columns joined into one stratum label."""
    if not controls:
        return ibis.literal("all")
    key: ir.StringValue = t[f"_c_{controls[0]}"]
    for col in controls[1:]:
        key = key.concat("|", t[f"_c_{col}"])
    return key


def rate_counts(
    t: ir.Table, names: list[str], *, controls: tuple[str, ...], options: AuditOptions
) -> pd.DataFrame:
    """One engine query: eligible and success counts of every rate outcome per group x stratum."""
    metrics = {}
    for name in names:
        expr = rate_outcome(t, name, sl_seconds=options.sl_seconds)
        eligible = expr.eligible.fill_null(False)
        metrics[f"n_{name}"] = eligible.cast("int64").sum()
        metrics[f"k_{name}"] = (eligible & expr.success.fill_null(False)).cast("int64").sum()
    grouped = t.mutate(**{STRATUM: stratum_key(t, controls)}).group_by([GROUP, STRATUM])
    frame: pd.DataFrame = grouped.aggregate(**metrics).to_pyarrow().to_pandas()
    return frame.fillna(0)


def audit_time(
    t: ir.Table,
    outcome: Outcome,
    *,
    controls: tuple[str, ...],
    dimension: str,
    options: AuditOptions,
    notes: list[str],
) -> GroupFrame | None:
    """Exact medians in the engine, then a deterministic sample per group for the rest."""
    expr = time_outcome(t, outcome.name)
    eligible = expr.eligible.fill_null(False) & expr.seconds.notnull()
    observed = eligible & expr.observed.fill_null(False)
    seconds = expr.seconds
    summary: pd.DataFrame = (
        t.group_by(GROUP)
        .aggregate(
            n=eligible.cast("int64").sum(),
            n_obs=observed.cast("int64").sum(),
            median=seconds.quantile(0.5, where=observed),
            p90=seconds.quantile(0.9, where=observed),
        )
        .to_pyarrow()
        .to_pandas()
    )
    summary = summary[summary["n"] > 0]
    if summary.empty:
        notes.append(f"{outcome.name}: no eligible interactions in the data")
        return None
    cap = options.max_sample_per_group
    fractions = {
        str(g): cap / float(n) for g, n in zip(summary["_group"], summary["n"], strict=True)
    }
    big = sorted(g for g, f in fractions.items() if f < 1)
    if big:
        notes.append(
            f"{outcome.name}: tests, intervals and survival curves use a deterministic sample "
            f"of about {cap:,} interactions for group(s) {', '.join(big)}; medians are exact"
        )
    sample: pd.DataFrame = (
        t.filter(eligible & sample_filter(t, fractions))
        .select(
            GROUP,
            **{STRATUM: stratum_key(t, controls)},
            seconds=seconds,
            observed=expr.observed.fill_null(False),
        )
        .to_pyarrow()
        .to_pandas()
    )
    sample["observed"] = sample["observed"].astype(bool)
    overall = (
        t.aggregate(m=seconds.quantile(0.5, where=observed)).to_pyarrow().to_pandas()["m"].iloc[0]
    )
    summary.attrs["overall_median"] = float(overall)
    return time_frame(summary, sample, outcome, dimension=dimension, options=options)


def audit_tone(
    t: ir.Table,
    *,
    controls: tuple[str, ...],
    dimension: str,
    options: AuditOptions,
    notes: list[str],
) -> GroupFrame | None:
    """Score English agent replies with VADER and audit the positive-tone rate."""
    if "reply_text" not in t.columns:
        notes.append("tone_positive: the vendor sent no reply texts (column reply_text)")
        return None
    has_text = t.reply_text.notnull() & (t.reply_text.length() > 0)
    with_text = t.filter(has_text)
    sizes = with_text.group_by(GROUP).aggregate(n=with_text.count()).to_pyarrow().to_pandas()
    cap = options.max_sample_per_group
    fractions = {str(g): cap / float(n) for g, n in zip(sizes["_group"], sizes["n"], strict=True)}
    rows: pd.DataFrame = (
        t.filter(has_text & sample_filter(t, fractions))
        .select(
            GROUP,
            **{STRATUM: stratum_key(t, controls)},
            language=t.language,
            reply_text=t.reply_text,
        )
        .to_pyarrow()
        .to_pandas()
    )
    if rows.empty:
        notes.append("tone_positive: no reply texts in the period")
        return None
    scores = score_replies(rows["reply_text"].tolist(), rows["language"].tolist())
    rows = rows.assign(n=scores.covered.astype(np.int64), k=scores.positive.astype(np.int64))
    uncovered = rows[~scores.covered].groupby("_group").size()
    if len(uncovered):
        langs = sorted({str(x) for x in rows.loc[~scores.covered, "language"]})
        notes.append(
            f"tone_positive: {int(uncovered.sum()):,} replies in {', '.join(langs)} not covered "
            "(VADER scores English only); those replies are not scored"
        )
    counts = rows.groupby(["_group", STRATUM])[["n", "k"]].sum().reset_index()
    if counts["n"].sum() == 0:
        return None
    frame = rate_frame(counts, OUTCOMES["tone_positive"], dimension=dimension, options=options)
    for g in frame.groups:
        g.not_covered = int(uncovered.get(g.group, 0))
    return frame


def _significant(p_adj: float, alpha: float) -> bool:
    return not math.isnan(p_adj) and p_adj < alpha


def _practical(g: GroupResult, outcome: Outcome, options: AuditOptions, *, adjusted: bool) -> bool:
    rule = options.rule
    if outcome.kind == "time":
        return abs(g.effect) >= rule.min_cliffs_delta
    gap = g.adjusted_gap if adjusted else g.gap
    return not math.isnan(gap) and gap >= rule.min_gap_points


def _flag(g: GroupResult, outcome: Outcome, options: AuditOptions, *, adjusted: bool) -> bool:
    rule = options.rule
    ratio = g.adjusted_impact_ratio if adjusted else g.impact_ratio
    p_adj = g.adjusted_p_adjusted if adjusted else g.p_adjusted
    worse = g.adjusted_worse_than_rest if adjusted else g.worse_than_rest
    low_ratio = not math.isnan(ratio) and ratio < rule.impact_ratio_below
    significant = _significant(p_adj, rule.alpha) and worse
    if low_ratio and not rule.ratio_needs_significance:
        return True
    return significant and (low_ratio or _practical(g, outcome, options, adjusted=adjusted))


def judge(frames: list[GroupFrame], *, options: AuditOptions, adjusted: bool) -> None:
    """Benjamini-Hochberg over the whole audit, then the finding rule per judged group."""
    judged = [(f, g) for f in frames for g in f.groups if g.status == "judged"]
    raw = benjamini_hochberg([g.p_value for _, g in judged])
    adj = benjamini_hochberg([g.adjusted_p_value for _, g in judged])
    for (frame, g), p, q in zip(judged, raw, adj, strict=True):
        g.p_adjusted = float(p)
        g.adjusted_p_adjusted = float(q)
        g.flagged_raw = _flag(g, frame.outcome, options, adjusted=False)
        g.flagged_adjusted = _flag(g, frame.outcome, options, adjusted=True) if adjusted else False
    for frame in frames:
        for g in frame.groups:
            if g.promised_ratio is not None and g.ratio_to_designed is not None:
                breach = g.ratio_to_designed < g.promised_ratio and g.status == "judged"
                g.flagged_raw = g.flagged_raw or breach


def mix_notes(frames: list[GroupFrame], *, options: AuditOptions) -> None:
    """Say where raw and adjusted comparisons disagree (mix effects, Simpson's paradox)."""
    alpha = options.rule.alpha
    for frame in frames:
        for g in frame.groups:
            if g.status != "judged" or math.isnan(g.adjusted_p_adjusted):
                continue
            raw_sig = _significant(g.p_adjusted, alpha)
            adj_sig = _significant(g.adjusted_p_adjusted, alpha)
            if raw_sig and adj_sig and g.worse_than_rest != g.adjusted_worse_than_rest:
                g.mix_note = "direction reverses within strata (Simpson's paradox)"
            elif g.flagged_raw and not g.flagged_adjusted:
                g.mix_note = "raw difference explained by the mix of controls"
            elif g.flagged_adjusted and not g.flagged_raw:
                g.mix_note = "the mix of controls masks a difference seen within strata"


def _severity(g: GroupResult, options: AuditOptions, *, adjusted: bool) -> Severity:
    ratio = g.adjusted_impact_ratio if adjusted else g.impact_ratio
    return "major" if not math.isnan(ratio) and ratio < options.rule.impact_ratio_below else "minor"


def make_findings(
    frames: list[GroupFrame], *, engagement_id: str, period: str | None, options: AuditOptions
) -> list[Finding]:
    """One finding per flagged group and outcome (adjusted judgement when controls are set)."""
    findings = []
    for frame in frames:
        adjusted = any(not math.isnan(g.adjusted_p_adjusted) for g in frame.groups)
        for g in frame.groups:
            flagged = g.flagged_adjusted if adjusted else g.flagged_raw
            if g.promised_ratio is not None and g.ratio_to_designed is not None:
                flagged = flagged or (g.flagged_raw and g.ratio_to_designed < g.promised_ratio)
            if flagged:
                findings.append(_finding(frame, g, engagement_id, period, options, adjusted))
    return findings


def _finding(
    frame: GroupFrame,
    g: GroupResult,
    engagement_id: str,
    period: str | None,
    options: AuditOptions,
    adjusted: bool,
) -> Finding:
    o = frame.outcome
    unit = "s" if o.kind == "time" else ""

    def shown(v: float) -> str:
        return f"{v:,.0f} s" if o.kind == "time" else f"{100 * v:.1f} %"

    best = next((b for b in frame.groups if b.group == frame.best_group), None)
    title = (
        f"{frame.dimension}={g.group}: {o.name} {shown(g.value)} vs "
        f"{shown(best.value) if best else '?'} for {frame.best_group} "
        f"(impact ratio {g.impact_ratio:.2f})"
    )
    p_adj = g.adjusted_p_adjusted if adjusted else g.p_adjusted
    detail = (
        f"{o.meaning} Group n={g.n}; gap to best {g.gap:,.1f}{unit or ' points'}; "
        f"{g.test} p={g.p_value:.2g}, BH-adjusted p={g.p_adjusted:.2g}"
        + (f"; after controlling the mix: p={g.adjusted_p_adjusted:.2g}" if adjusted else "")
        + (f"; {g.mix_note}" if g.mix_note else "")
    )
    return Finding(
        key=f"parity:{engagement_id}:{frame.dimension}={g.group}:{o.name}",
        source="parity",
        engagement_id=engagement_id,
        severity=_severity(g, options, adjusted=adjusted),
        title=title[:300],
        detail=detail,
        evidence={
            "dimension": frame.dimension,
            "group": g.group,
            "outcome": o.name,
            "n": g.n,
            "value": _num(g.value),
            "best_group": frame.best_group,
            "impact_ratio": _num(g.impact_ratio),
            "adjusted_impact_ratio": _num(g.adjusted_impact_ratio),
            "gap": _num(g.gap),
            "p_adjusted": _num(p_adj),
            "effect": _num(g.effect),
        },
        period=period,
    )


def _num(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 6)
