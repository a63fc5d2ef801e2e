"""Judging a parity audit's groups and raising its findings.

Benjamini-Hochberg over every comparison of the audit (one family), the finding rule
per judged group (impact ratio, significance, practical size), notes where raw and
mix-adjusted comparisons disagree, and one finding per flagged group and outcome.
"""

from __future__ import annotations

import math

from fairshore import numbers
from fairshore.governance.model import Finding, Severity
from fairshore.parity.model import AuditOptions, GroupFrame, GroupResult, Outcome
from fairshore.parity.statistics import benjamini_hochberg


def _significant(p_adj: float, alpha: float) -> bool:
    return not math.isnan(p_adj) and p_adj < alpha


def _practical(g: GroupResult, outcome: Outcome, options: AuditOptions, *, adjusted: bool) -> bool:
    rule = options.rule
    if outcome.kind == "time":
        return abs(g.effect) >= rule.min_cliffs_delta
    gap = g.adjusted_gap if adjusted else g.gap
    return not math.isnan(gap) and gap >= rule.min_gap_points


def _lowest_ratio(g: GroupResult, *, adjusted: bool) -> float:
    """The impact ratio judged: the median's, or the p90's when lower (times)."""
    pair = (
        (g.adjusted_impact_ratio, g.adjusted_p90_impact_ratio)
        if adjusted
        else (g.impact_ratio, g.p90_impact_ratio)
    )
    ratios = [r for r in pair if not math.isnan(r)]
    return min(ratios, default=math.nan)


def _flag(g: GroupResult, outcome: Outcome, options: AuditOptions, *, adjusted: bool) -> bool:
    rule = options.rule
    ratio = _lowest_ratio(g, adjusted=adjusted)
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
    ratio = _lowest_ratio(g, adjusted=adjusted)
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

    def described(r: GroupResult | None) -> str:
        if r is None:
            return "?"
        if o.kind == "time" and r.p90 is not None:  # medians of waits are often 0 s
            return f"median {shown(r.value)}, p90 {shown(r.p90)}"
        return shown(r.value)

    best = next((b for b in frame.groups if b.group == frame.best_group), None)
    ratio = _ratio_text(g, adjusted=adjusted)
    title = (
        f"{frame.dimension}={g.group}: {o.name} {described(g)} vs "
        f"{described(best)} for {frame.best_group} (impact ratio {ratio})"
    )
    p_adj = g.adjusted_p_adjusted if adjusted else g.p_adjusted
    detail = (
        f"{o.meaning} Group n={g.n}; gap to best {g.gap:,.1f}{unit or ' points'}; "
        f"{g.test} {numbers.p_value(g.p_value)}, BH-adjusted {numbers.p_value(g.p_adjusted)}"
        + (
            f"; after controlling the mix: {numbers.p_value(g.adjusted_p_adjusted)}"
            if adjusted
            else ""
        )
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
            "p90_impact_ratio": _num(g.p90_impact_ratio),
            "adjusted_impact_ratio": _num(g.adjusted_impact_ratio),
            "adjusted_p90_impact_ratio": _num(g.adjusted_p90_impact_ratio),
            "gap": _num(g.gap),
            "p_adjusted": _num(p_adj),
            "effect": _num(g.effect),
        },
        period=period,
    )


def _ratio_text(g: GroupResult, *, adjusted: bool) -> str:
    ratio = g.adjusted_impact_ratio if adjusted else g.impact_ratio
    tail = g.adjusted_p90_impact_ratio if adjusted else g.p90_impact_ratio
    text = f"{tail:.2f} at the p90, {ratio:.2f} at the median" if tail < ratio else f"{ratio:.2f}"
    return text + (" after controlling the mix" if adjusted else "")


def _num(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 6)
