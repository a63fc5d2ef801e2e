"""QA metrics as Ibis expressions: mean score, pass rate, critical-error rate, coverage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fairshore.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

EVALUATION_DIMENSIONS = ("month", "agent_ref", "evaluator_side", "form_id")
INTERACTION_DIMENSIONS = ("site_id", "channel", "language", "queue")


def with_month(evaluations: ir.Table) -> ir.Table:
    """Evaluations with their UTC ``month`` (``YYYY-MM``)."""
    return evaluations.mutate(month=evaluations.evaluated_at.strftime("%Y-%m"))


def join_interactions(evaluations: ir.Table, interactions: ir.Table, by: Sequence[str]) -> ir.Table:
    """Evaluations with the interaction columns ``by`` needs (site, channel, language, seg_*)."""
    wanted = [c for c in by if c in interaction_dimensions(interactions)]
    if not wanted:
        return evaluations
    right = interactions.select("interaction_id", *wanted).distinct(on="interaction_id")
    return evaluations.left_join(right, "interaction_id").drop("interaction_id_right")


def interaction_dimensions(interactions: ir.Table) -> list[str]:
    """The interaction columns QA metrics can be grouped by."""
    return [c for c in interactions.columns if c in INTERACTION_DIMENSIONS or c.startswith("seg_")]


def check_dimensions(by: Sequence[str], interaction_columns: Sequence[str]) -> None:
    """``InputError`` for a grouping QA metrics cannot do."""
    for name in by:
        if name not in EVALUATION_DIMENSIONS and name not in interaction_columns:
            allowed = [*EVALUATION_DIMENSIONS, *INTERACTION_DIMENSIONS, "seg_*"]
            raise InputError(f"cannot group QA metrics by {name!r}: use {', '.join(allowed)}")


def _grouped(table: ir.Table, keys: list[str]) -> Any:
    return table.group_by(keys) if keys else table


def qa_metrics(
    evaluations: ir.Table, /, *, by: Sequence[str], pass_mark: float, min_per_agent_month: int
) -> ir.Table:
    """One row per group: evaluations, agents, mean score, pass and critical-error rates,
    and coverage (evaluations per evaluated agent-month; share of those at the minimum).

    ``evaluations`` carries ``month`` and any interaction columns ``by`` names.
    """
    keys = list(by)
    per_agent = evaluations.group_by(list(dict.fromkeys([*keys, "agent_ref", "month"]))).aggregate(
        n=evaluations.count()
    )
    coverage = _grouped(per_agent, keys).aggregate(
        agent_months=per_agent.count(),
        evaluations_per_agent_month=per_agent.n.mean(),
        coverage_share=(per_agent.n >= min_per_agent_month).cast("float64").mean(),
    )
    scores = _grouped(evaluations, keys).aggregate(
        evaluations=evaluations.count(),
        agents=evaluations.agent_ref.nunique(),
        mean_score=evaluations.total.mean(),
        pass_rate=(evaluations.total >= pass_mark).cast("float64").mean(),
        critical_error_rate=evaluations.auto_fail.fill_null(False).cast("float64").mean(),
    )
    if not keys:
        return scores.cross_join(coverage)
    return scores.left_join(coverage, keys).drop(*[f"{k}_right" for k in keys])
