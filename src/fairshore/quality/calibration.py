"""Calibration: the vendor's own QA scores against the client's re-scores of the same work."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from fairshore import numbers
from fairshore.governance.model import Finding
from fairshore.quality.agreement import krippendorff_alpha, mean_difference, weighted_kappa
from fairshore.quality.model import CalibrationReport, MeanDifference

DEFAULT_TOLERANCE = 5.0
ITEM_LEVELS = 4  # item scores are compared as quarters of the item's maximum (0, .25 .. 1)


@dataclass(frozen=True)
class ScoredInteraction:
    """One evaluation as calibration needs it."""

    interaction_id: str
    side: str
    total: float
    auto_fail: bool
    items: dict[str, float]  # item id -> score / max


def item_shares(items_json: str | None) -> dict[str, float]:
    """Item id -> score over maximum, from the ``items_json`` column (empty when absent)."""
    if not items_json:
        return {}
    out = {}
    for item in json.loads(items_json):
        top = float(item.get("max") or 0)
        if top > 0:
            out[str(item["item_id"])] = float(item["score"]) / top
    return out


def calibrate(
    evaluations: Sequence[ScoredInteraction],
    /,
    *,
    engagement_id: str,
    reference_side: str = "client",
    tolerance: float = DEFAULT_TOLERANCE,
    confidence: float = 0.95,
    vendor_label: str | None = None,
) -> CalibrationReport:
    """Compare vendor and reference evaluations of the same interactions.

    Pairs are interactions scored by both sides (the latest evaluation of each side
    when there are several). The vendor inflates when the mean of vendor minus
    reference totals exceeds ``tolerance`` points and the lower bound of its
    confidence interval is above zero (the gap is not noise).
    """
    vendor = {e.interaction_id: e for e in evaluations if e.side == "vendor"}
    reference = {e.interaction_id: e for e in evaluations if e.side == reference_side}
    shared = sorted(set(vendor) & set(reference))
    v = [vendor[i] for i in shared]
    r = [reference[i] for i in shared]
    diff = mean_difference([e.total for e in v], [e.total for e in r], confidence=confidence)
    kappa, item_pairs = _item_kappa(v, r)
    ordinal, interval = _item_alphas(v, r)
    fail_gap = sum(a.auto_fail != b.auto_fail for a, b in zip(v, r, strict=True))
    inflated = diff is not None and diff.mean > tolerance and diff.low > 0
    report = CalibrationReport(
        engagement_id=engagement_id,
        reference_side=reference_side,
        pairs=len(shared),
        vendor_mean=_mean([e.total for e in v]),
        reference_mean=_mean([e.total for e in r]),
        difference=diff,
        direction=_direction(diff),
        item_kappa=kappa,
        item_pairs=item_pairs,
        auto_fail_disagreement=fail_gap / len(shared) if shared else None,
        tolerance=tolerance,
        inflated=inflated,
        findings=[],
        item_alpha_ordinal=ordinal,
        item_alpha_interval=interval,
    )
    if inflated and diff is not None:
        report.findings.append(_finding(report, diff, vendor_label or engagement_id))
    return report


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _direction(diff: MeanDifference | None) -> str:
    if diff is None:
        return "unknown"
    if diff.low > 0:
        return "vendor_higher"
    if diff.high < 0:
        return "vendor_lower"
    return "no_significant_difference"


def _item_kappa(
    vendor: list[ScoredInteraction], reference: list[ScoredInteraction]
) -> tuple[float | None, int]:
    first: list[int] = []
    second: list[int] = []
    for a, b in zip(vendor, reference, strict=True):
        for item in sorted(set(a.items) & set(b.items)):
            first.append(round(a.items[item] * ITEM_LEVELS))
            second.append(round(b.items[item] * ITEM_LEVELS))
    levels = list(range(ITEM_LEVELS + 1))
    return weighted_kappa(first, second, categories=levels), len(first)


def _item_alphas(
    vendor: list[ScoredInteraction], reference: list[ScoredInteraction]
) -> tuple[float | None, float | None]:
    """Krippendorff's alpha on the items both sides scored: ordinal on the quarter
    levels, interval on the shares of each item's maximum."""
    first: list[float] = []
    second: list[float] = []
    for a, b in zip(vendor, reference, strict=True):
        for item in sorted(set(a.items) & set(b.items)):
            first.append(a.items[item])
            second.append(b.items[item])
    levels = [[round(x * ITEM_LEVELS) for x in first], [round(x * ITEM_LEVELS) for x in second]]
    return (
        krippendorff_alpha(levels, level="ordinal"),
        krippendorff_alpha([first, second], level="interval"),
    )


def _finding(report: CalibrationReport, diff: MeanDifference, vendor: str) -> Finding:
    severity = "major" if diff.mean > 2 * report.tolerance else "minor"
    return Finding(
        key=f"quality:{report.engagement_id}:calibration:{report.reference_side}",
        source="quality",
        engagement_id=report.engagement_id,
        severity=severity,
        title=(
            f"{vendor}'s own QA scores are inflated: {diff.mean:.1f} points above the "
            f"{report.reference_side}'s re-scores of the same interactions"
        ),
        detail=(
            f"On {report.pairs} interactions scored by both, the vendor's total is "
            f"{diff.mean:.1f} points higher on average ({diff.confidence:.0%} CI "
            f"{diff.low:.1f} to {diff.high:.1f}, paired t test {numbers.p_value(diff.p_value)}); "
            f"tolerance {numbers.number(report.tolerance)} points. The vendor's reported "
            "quality cannot be "
            "taken at face value: recalibrate its evaluators and widen the client's sample."
        ),
        evidence={
            "pairs": report.pairs,
            "mean_difference": round(diff.mean, 2),
            "ci_low": round(diff.low, 2),
            "ci_high": round(diff.high, 2),
            "p_value": diff.p_value,
            "vendor_mean": report.vendor_mean,
            "reference_mean": report.reference_mean,
            "item_kappa": report.item_kappa,
            "auto_fail_disagreement": report.auto_fail_disagreement,
            "tolerance": report.tolerance,
        },
    )
