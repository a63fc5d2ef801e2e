"""QA figures for the KPI set and contract terms: mean score, pass and critical-error
rates, and coverage against the agents who were active, not only those evaluated.

Definitions (also in ``docs/quality.md``):

* ``qa_mean_score``: mean ``total`` of the evaluations (auto-fails count as 0);
* ``qa_pass_rate``: share with ``total >= pass_mark``;
* ``qa_critical_error_rate``: share auto-failed by a critical item;
* ``qa_coverage``: evaluations of active agents / active agent-months (evaluations
  per agent per month, the figure a contract's minimum is written in);
* ``qa_coverage_share``: share of active agent-months with at least
  ``min_per_agent_month`` evaluations.

An agent-month is active when ``agent_months`` has a row for the agent and month
(role ``agent`` or no role on the roster); without ``agent_months``, when the roster
shows the agent in post on some day of the month. Coverage is only defined for
groupings an agent belongs to (engagement, vendor, site, agent, period): a language
or segment has contacts, not agents.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from fairshore.metrics.periods import parse_period, quarter_of

AGENT_ROLES = ("agent",)
AGENT_LEVEL = ("engagement_id", "vendor_id", "site_id", "agent_ref")
QA_KPI_NAMES = (
    "qa_evaluations",
    "qa_mean_score",
    "qa_pass_rate",
    "qa_critical_error_rate",
    "qa_active_agent_months",
    "qa_coverage",
    "qa_coverage_share",
)
# Metrics a contract's service term can target, with what their sample counts.
QA_TERM_METRICS = {
    "qa_mean_score": "qa_evaluations",
    "qa_pass_rate": "qa_evaluations",
    "qa_critical_error_rate": "qa_evaluations",
    "qa_coverage": "qa_active_agent_months",
}


def period_label(month: str, period: str | None) -> str | None:
    """``2026-07`` -> itself (month), ``2026-Q3`` (quarter), None (no period)."""
    if period is None:
        return None
    if period == "quarter":
        return quarter_of(parse_period(month).start).label
    return month


def roll_up(
    evaluated: pd.DataFrame,
    active: pd.DataFrame | None,
    /,
    *,
    keys: Sequence[str],
    period: str | None,
    min_per_agent_month: int,
) -> pd.DataFrame:
    """The QA figures per group (``keys``) and period from per-agent-month counts.

    Parameters
    ----------
    evaluated
        One row per (``keys``, ``agent_ref``, ``month``) with ``n`` evaluations,
        ``score_sum``, ``passes`` and ``fails``.
    active
        One row per active (``agent_ref``, ``month``) with the agent-level ``keys``
        they belong to, or None when no roster was ingested (coverage unknown).
    """
    keys = list(keys)
    ev = evaluated.assign(_period=evaluated["month"].map(lambda m: period_label(str(m), period)))
    group = [*keys, "_period"]
    scores = ev.groupby(group, dropna=False, as_index=False).agg(
        qa_evaluations=("n", "sum"),
        score_sum=("score_sum", "sum"),
        passes=("passes", "sum"),
        fails=("fails", "sum"),
    )
    scores["qa_mean_score"] = scores["score_sum"] / scores["qa_evaluations"]
    scores["qa_pass_rate"] = scores["passes"] / scores["qa_evaluations"]
    scores["qa_critical_error_rate"] = scores["fails"] / scores["qa_evaluations"]
    scores = scores.drop(columns=["score_sum", "passes", "fails"])
    if active is None or not set(keys) <= set(AGENT_LEVEL):
        return scores.assign(qa_active_agent_months=None, qa_coverage=None, qa_coverage_share=None)
    per_agent = ev.groupby(["agent_ref", "month"], as_index=False)["n"].sum()
    act = active.merge(per_agent, on=["agent_ref", "month"], how="left").fillna({"n": 0})
    act = act.assign(
        _period=act["month"].map(lambda m: period_label(str(m), period)),
        _covered=(act["n"] >= min_per_agent_month).astype(float),
    )
    coverage = act.groupby(group, dropna=False, as_index=False).agg(
        qa_active_agent_months=("n", "size"),
        covered_evaluations=("n", "sum"),
        qa_coverage_share=("_covered", "mean"),
    )
    # evaluations of active agents per active agent-month (the explicit denominator)
    coverage["qa_coverage"] = coverage["covered_evaluations"] / coverage["qa_active_agent_months"]
    coverage = coverage.drop(columns=["covered_evaluations"])
    out = scores.merge(coverage, on=group, how="outer")
    out["qa_evaluations"] = out["qa_evaluations"].fillna(0).astype(int)
    return out
