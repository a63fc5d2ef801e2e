"""QA figures per group and period (``fairshore kpis`` for QA): mean score, pass and
critical-error rates, and coverage (evaluations per active agent-month)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import ibis
import pandas as pd

from fairshore.adapters.lake import Lake
from fairshore.engagements.model import Engagement
from fairshore.engagements.services import get_engagement, list_engagements
from fairshore.errors import InputError, NotFoundError
from fairshore.quality import kpis
from fairshore.quality.figures import AGENT_ROLES, roll_up
from fairshore.quality.forms import load_forms
from fairshore.quality.model import QaFigures

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace


# Grouping names of ``fairshore kpis`` -> columns of the QA data.
QA_GROUPS = {
    "engagement": "engagement_id",
    "vendor": "vendor_id",
    "site": "site_id",
    "agent": "agent_ref",
    "channel": "channel",
    "queue": "queue",
    "language": "language",
    "priority": "priority",
}


def qa_figures(
    ws: Workspace,
    *,
    engagement_id: str | None = None,
    by: Sequence[str] = (),
    period: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    side: str = "vendor",
    min_per_agent_month: int = 4,
    where: Mapping[str, Sequence[str]] | None = None,
) -> list[QaFigures]:
    """QA figures (mean score, pass and critical-error rates, coverage) per group and period.

    Parameters
    ----------
    engagement_id
        One engagement, or None for every engagement with evaluations.
    by
        ``engagement``, ``vendor``, ``site``, ``agent``, ``channel``, ``queue``,
        ``language``, ``priority`` or a ``seg_*`` column.
    period
        ``month``, ``quarter`` or None (the whole range).
    start, end
        Evaluations completed in [start, end) (UTC).
    where
        Keep only evaluations whose interaction matches, e.g. ``{"channel": ["voice"]}``.
    """
    if period not in (None, "month", "quarter"):
        raise InputError(f"QA figures are by month or quarter, not {period}")
    if side not in ("vendor", "client", "auditor", "all"):
        raise InputError("side is vendor, client, auditor or all")
    keys = []
    for name in by:
        if name not in QA_GROUPS and not name.startswith("seg_"):
            raise InputError(
                f"cannot group QA figures by {name!r}: use {', '.join(QA_GROUPS)} or a seg_* column"
            )
        keys.append(QA_GROUPS.get(name, name))
    lake = ws.lake_reader
    scope = (
        [get_engagement(ws, engagement_id)] if engagement_id is not None else list_engagements(ws)
    )
    scope = [e for e in scope if lake.has_rows("qa_evaluations", e.id)]
    evaluated, active = [], []
    coverage_known = True
    mark = load_forms()[-1].pass_mark
    for engagement in scope:
        ev = _evaluated(lake, engagement, keys, side, start, end, where or {}, mark)
        evaluated.append(ev)
        act = _active_agent_months(lake, engagement, keys, start, end, today=ws.today())
        coverage_known = coverage_known and act is not None
        if act is not None:
            active.append(act)
    if not evaluated:
        return []
    frame = roll_up(
        pd.concat(evaluated, ignore_index=True),
        pd.concat(active, ignore_index=True) if coverage_known and active else None,
        keys=keys,
        period=period,
        min_per_agent_month=min_per_agent_month,
    )
    frame = frame.sort_values([*keys, "_period"], na_position="first")
    return [
        _figures({str(k): v for k, v in rec.items()}, by, keys) for rec in frame.to_dict("records")
    ]


def _figures(rec: dict[str, Any], by: Sequence[str], keys: list[str]) -> QaFigures:
    def num(name: str) -> float | None:
        value = rec.get(name)
        return None if value is None or pd.isna(value) else float(value)

    months = num("qa_active_agent_months")
    return QaFigures(
        group={b: None if pd.isna(rec[k]) else str(rec[k]) for b, k in zip(by, keys, strict=True)},
        period=None if pd.isna(rec["_period"]) else str(rec["_period"]),
        qa_evaluations=int(rec["qa_evaluations"]),
        qa_mean_score=num("qa_mean_score"),
        qa_pass_rate=num("qa_pass_rate"),
        qa_critical_error_rate=num("qa_critical_error_rate"),
        qa_active_agent_months=None if months is None else int(months),
        qa_coverage=num("qa_coverage"),
        qa_coverage_share=num("qa_coverage_share"),
    )


def _evaluated(
    lake: Lake,
    engagement: Engagement,
    keys: list[str],
    side: str,
    start: datetime | None,
    end: datetime | None,
    where: Mapping[str, Sequence[str]],
    pass_mark: float,
) -> pd.DataFrame:
    """Per (keys, agent, month): evaluations, score sum, passes and critical fails."""
    t = kpis.with_month(lake.table("qa_evaluations", engagement.id))
    if side != "all":
        t = t.filter(t.evaluator_side == side)
    if start is not None:
        t = t.filter(t.evaluated_at >= start)
    if end is not None:
        t = t.filter(t.evaluated_at < end)
    wanted = [k for k in keys if k not in ("engagement_id", "vendor_id", "agent_ref")]
    needed = list(dict.fromkeys([*wanted, *where]))
    if needed:
        if not lake.has_rows("interactions", engagement.id):
            raise NotFoundError(
                f"grouping QA by {', '.join(needed)} needs the interactions of {engagement.id}"
            )
        interactions = lake.table("interactions", engagement.id)
        absent = [c for c in needed if c not in interactions.columns]
        if absent:
            raise InputError(f"no column(s) {', '.join(absent)} in {engagement.id}'s interactions")
        right = interactions.select("interaction_id", *needed).distinct(on="interaction_id")
        t = t.left_join(right, "interaction_id").drop("interaction_id_right")
        for column, values in where.items():
            t = t.filter(t[column].isin(list(values)))
    t = t.mutate(
        engagement_id=ibis.literal(engagement.id), vendor_id=ibis.literal(engagement.vendor_id)
    )
    group = list(dict.fromkeys([*keys, "agent_ref", "month"]))
    frame: pd.DataFrame = (
        t.group_by(group)
        .aggregate(
            n=t.count(),
            score_sum=t.total.sum(),
            passes=(t.total >= pass_mark).cast("int64").sum(),
            fails=t.auto_fail.fill_null(False).cast("int64").sum(),
        )
        .to_pyarrow()
        .to_pandas()
    )
    return frame


def _active_agent_months(
    lake: Lake,
    engagement: Engagement,
    keys: list[str],
    start: datetime | None,
    end: datetime | None,
    *,
    today: date,
) -> pd.DataFrame | None:
    """Active (agent, month) pairs with their agent-level keys; None without a roster.

    Without ``end``, a roster-only engagement's agents still in post count up to
    ``today`` (the workspace's day, never the wall clock).
    """
    has_months = lake.has_rows("agent_months", engagement.id)
    has_roster = lake.has_rows("agents", engagement.id)
    if not has_months and not has_roster:
        return None
    roster = None
    if has_roster:
        agents = lake.table("agents", engagement.id)
        roster = (
            agents.group_by("agent_ref")
            .aggregate(
                site_id=agents.site_id.max(),
                role=agents.role.max(),
                hired_on=agents.hired_on.min(),
                left_on=agents.left_on.max(),
                still=agents.left_on.isnull().any(),
            )
            .to_pyarrow()
            .to_pandas()
        )
    if has_months:
        am = lake.table("agent_months", engagement.id)
        pairs = (
            am.select("agent_ref", month=am.month.strftime("%Y-%m"))
            .distinct()
            .to_pyarrow()
            .to_pandas()
        )
    else:
        assert roster is not None
        pairs = _months_in_post(roster, start, end, today=today)
    if start is not None:
        pairs = pairs[pairs["month"] >= start.strftime("%Y-%m")]
    if end is not None:  # months that start before ``end``
        pairs = pairs[pairs["month"] <= (end - timedelta(microseconds=1)).strftime("%Y-%m")]
    default_site = engagement.site_ids[0] if len(engagement.site_ids) == 1 else None
    if roster is not None:
        pairs = pairs.merge(roster[["agent_ref", "site_id", "role"]], on="agent_ref", how="left")
        pairs = pairs[pairs["role"].isna() | pairs["role"].isin(AGENT_ROLES)]
        pairs["site_id"] = pairs["site_id"].fillna(default_site)
    else:
        pairs = pairs.assign(site_id=default_site)
    out: pd.DataFrame = pairs.assign(engagement_id=engagement.id, vendor_id=engagement.vendor_id)
    return out[["engagement_id", "vendor_id", "site_id", "agent_ref", "month"]]


def _months_in_post(
    roster: pd.DataFrame, start: datetime | None, end: datetime | None, *, today: date
) -> pd.DataFrame:
    """(agent, month) for every month the roster shows the agent in post some day."""
    rows = []
    first = start.date() if start is not None else None
    last = end.date() if end is not None else today
    for rec in roster.to_dict("records"):
        hired = rec["hired_on"]
        left = None if rec["still"] else rec["left_on"]
        month = date(hired.year, hired.month, 1)
        if first is not None and month < date(first.year, first.month, 1):
            month = date(first.year, first.month, 1)
        stop = left or last
        while month <= stop:
            rows.append({"agent_ref": rec["agent_ref"], "month": month.strftime("%Y-%m")})
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return pd.DataFrame(rows, columns=["agent_ref", "month"])
