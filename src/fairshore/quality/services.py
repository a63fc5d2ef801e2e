"""Use cases of quality assurance: forms, QA metrics, audit samples and calibration."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
import pandas as pd
import pyarrow as pa

from fairshore.adapters.lake import Lake
from fairshore.engagements.model import Engagement
from fairshore.engagements.services import get_engagement, list_engagements
from fairshore.errors import InputError, NotFoundError
from fairshore.governance.model import Finding
from fairshore.metrics.periods import Period
from fairshore.quality import kpis
from fairshore.quality.calibration import (
    DEFAULT_TOLERANCE,
    ScoredInteraction,
    calibrate,
    item_shares,
)
from fairshore.quality.figures import AGENT_ROLES, roll_up
from fairshore.quality.forms import get_form, load_forms
from fairshore.quality.model import (
    AuditSample,
    CalibrationReport,
    QaFigures,
    QaForm,
    QaKpiRow,
    QaParityAudit,
)
from fairshore.quality.parity import (
    AGENT_DIMENSIONS,
    CUSTOMER_DIMENSIONS,
    QA_OUTCOMES,
    audit_qa_parity,
    qa_audit_options,
)
from fairshore.quality.sampling import achieved_margin, draw_stratified, sample_size
from fairshore.reporting.cells import write_csv

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from fairshore.bootstrap import Workspace

STRATA = ("site_id", "channel", "language", "outcome")
# Columns exported for reviewers: ids and categories only. The canonical interactions
# table holds no free text; customer_ref is left out (the reviewer needs the contact,
# not the customer).
SAMPLE_COLUMNS = (
    "interaction_id",
    "site_id",
    "channel",
    "queue",
    "language",
    "agent_ref",
    "arrived_at",
    "outcome",
)
DROPPED_COLUMNS = ["customer_ref"]


def list_forms() -> list[QaForm]:
    """Every packaged QA form (each version)."""
    return list(load_forms())


def show_form(form_id: str, *, version: str | None = None) -> QaForm:
    """One QA form (latest version unless ``version``)."""
    return get_form(form_id, version)


def _lake(ws: Workspace) -> Lake:
    return Lake.from_settings(ws.settings)


def evaluations_table(ws: Workspace, engagement_id: str, *, lake: Lake | None = None) -> ir.Table:
    """The engagement's QA evaluations; ``NotFoundError`` when none were ingested."""
    get_engagement(ws, engagement_id)
    lake = lake or _lake(ws)
    if not lake.has_rows("qa_evaluations", engagement_id):
        raise NotFoundError(
            f"no QA evaluations ingested for engagement {engagement_id!r}: run "
            f"'fairshore ingest qa_evaluations FILE --engagement {engagement_id}' first"
        )
    return lake.table("qa_evaluations", engagement_id)


def qa_kpis(
    ws: Workspace,
    *,
    engagement_id: str,
    by: list[str] | None = None,
    side: str = "vendor",
    pass_mark: float | None = None,
    min_per_agent_month: int = 4,
) -> list[QaKpiRow]:
    """QA metrics of an engagement's evaluations by one side, grouped by ``by``.

    ``by`` takes ``month``, ``agent_ref``, ``evaluator_side``, ``form_id`` and the
    interaction's ``site_id``, ``channel``, ``language``, ``queue`` and ``seg_*``
    columns. ``pass_mark`` defaults to the latest packaged form's.
    """
    by = list(by or [])
    lake = _lake(ws)
    evaluations = kpis.with_month(evaluations_table(ws, engagement_id, lake=lake))
    if side != "all":
        evaluations = evaluations.filter(evaluations.evaluator_side == side)
    interactions = lake.table("interactions", engagement_id)
    kpis.check_dimensions(by, kpis.interaction_dimensions(interactions))
    evaluations = kpis.join_interactions(evaluations, interactions, by)
    mark = pass_mark if pass_mark is not None else load_forms()[-1].pass_mark
    expr = kpis.qa_metrics(
        evaluations, by=by, pass_mark=mark, min_per_agent_month=min_per_agent_month
    )
    rows = (
        expr.order_by(by or ["evaluations"]).to_pyarrow().to_pylist()
        if by
        else (expr.to_pyarrow().to_pylist())
    )
    return [_kpi_row(r, by) for r in rows if r["evaluations"]]


def _kpi_row(row: dict[str, Any], by: list[str]) -> QaKpiRow:
    def num(name: str) -> float | None:
        value = row.get(name)
        return (
            None
            if value is None or (isinstance(value, float) and math.isnan(value))
            else float(value)
        )

    return QaKpiRow(
        group={k: None if row[k] is None else str(row[k]) for k in by},
        evaluations=int(row["evaluations"]),
        agents=int(row["agents"] or 0),
        mean_score=num("mean_score"),
        pass_rate=num("pass_rate"),
        critical_error_rate=num("critical_error_rate"),
        agent_months=int(row["agent_months"] or 0),
        evaluations_per_agent_month=num("evaluations_per_agent_month"),
        coverage_share=num("coverage_share"),
    )


def _population(ws: Workspace, engagement_id: str) -> pa.Table:
    """Handled (answered) contacts with their strata columns and outcome."""
    get_engagement(ws, engagement_id)
    lake = _lake(ws)
    if not lake.has_rows("interactions", engagement_id):
        raise NotFoundError(
            f"no interactions ingested for engagement {engagement_id!r}: run "
            f"'fairshore ingest interactions FILE --engagement {engagement_id}' first"
        )
    t = lake.table("interactions", engagement_id)
    t = t.filter(t.answered_at.notnull())
    outcome = ibis.cases(
        (t.escalated.fill_null(False), "escalated"),
        (t.transferred.fill_null(False), "transferred"),
        (t.resolved_at.notnull() | t.first_contact_resolved.fill_null(False), "resolved"),
        else_="unresolved",
    )
    t = t.mutate(outcome=outcome)
    result: pa.Table = t.select(*SAMPLE_COLUMNS).to_pyarrow()
    return result


def draw_audit_sample(
    ws: Workspace,
    *,
    engagement_id: str,
    size: int | None = None,
    margin: float | None = None,
    confidence: float = 0.95,
    seed: int = 0,
    out: Path | None = None,
) -> AuditSample:
    """A stratified random sample of handled contacts for the client's own QA review.

    Strata are site, channel, language and outcome; each gets its proportional share
    (largest remainder). Give ``size`` or ``margin`` (for a proportion, at
    ``confidence``, with the finite-population correction). The same seed and data
    give the same sample. ``out`` writes the sample as CSV (ids and categories only).
    """
    if (size is None) == (margin is None):
        raise InputError("give exactly one of --size or --margin")
    if size is not None and size <= 0:
        raise InputError("--size must be a positive number of interactions")
    population = _population(ws, engagement_id)
    n_pop = population.num_rows
    if n_pop == 0:
        raise NotFoundError(f"no handled interactions at {engagement_id!r} to sample from")
    wanted = (
        size
        if size is not None
        else sample_size(n_pop, margin=margin or 0.0, confidence=confidence)
    )
    ids = [str(x) for x in population.column("interaction_id").to_pylist()]
    keys = _strata(population)
    chosen = draw_stratified(ids, keys, size=min(wanted, n_pop), seed=seed)
    strata = _strata_summary(keys, ids, set(chosen))
    if out is not None:
        _write_sample(population, ids, keys, chosen, out)
    return AuditSample(
        engagement_id=engagement_id,
        population=n_pop,
        size=len(chosen),
        margin=achieved_margin(n_pop, len(chosen), confidence=confidence),
        confidence=confidence,
        seed=seed,
        strata=strata,
        interaction_ids=chosen,
        dropped_columns=list(DROPPED_COLUMNS),
    )


def _strata(population: pa.Table) -> list[str]:
    columns = [population.column(c).to_pylist() for c in STRATA]
    return [
        "|".join("" if v is None else str(v) for v in values)
        for values in zip(*columns, strict=True)
    ]


def _strata_summary(keys: list[str], ids: list[str], chosen: set[str]) -> list[dict[str, object]]:
    counts: dict[str, list[int]] = {}
    for key, i in zip(keys, ids, strict=True):
        c = counts.setdefault(key, [0, 0])
        c[0] += 1
        c[1] += i in chosen
    return [
        {**dict(zip(STRATA, key.split("|"), strict=True)), "population": n, "sampled": s}
        for key, (n, s) in sorted(counts.items())
    ]


def _write_sample(
    population: pa.Table, ids: list[str], keys: list[str], chosen: list[str], out: Path
) -> None:
    order = {i: n for n, i in enumerate(chosen)}
    rows = sorted((order[i], n) for n, i in enumerate(ids) if i in order)
    table = population.take(pa.array([n for _, n in rows], pa.int64()))
    table = table.append_column("stratum", pa.array([keys[n] for _, n in rows], pa.string()))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as sink:  # vendor text: formula-safe
        write_csv(sink, table.column_names, (row.values() for row in table.to_pylist()))


def calibrate_engagement(
    ws: Workspace,
    *,
    engagement_id: str,
    reference_side: str = "client",
    tolerance: float = DEFAULT_TOLERANCE,
    confidence: float = 0.95,
) -> CalibrationReport:
    """The vendor's QA self-scores checked against the client's (or auditor's) re-scores.

    Returns the agreement statistics and, when the vendor inflates beyond
    ``tolerance`` points (significantly), a ``quality`` finding.
    """
    if reference_side not in ("client", "auditor"):
        raise InputError("the reference side is 'client' or 'auditor'")
    engagement = get_engagement(ws, engagement_id)
    t = evaluations_table(ws, engagement_id)
    t = t.filter(t.evaluator_side.isin(["vendor", reference_side]))
    rows = (
        t.select(
            "interaction_id", "evaluator_side", "total", "auto_fail", "items_json", "evaluated_at"
        )
        .order_by(["evaluated_at", "interaction_id"])
        .to_pyarrow()
        .to_pylist()
    )
    scored = [
        ScoredInteraction(
            interaction_id=str(r["interaction_id"]),
            side=str(r["evaluator_side"]),
            total=float(r["total"]),
            auto_fail=bool(r["auto_fail"]),
            items=item_shares(r["items_json"]),
        )
        for r in rows
    ]
    report = calibrate(
        scored,
        engagement_id=engagement_id,
        reference_side=reference_side,
        tolerance=tolerance,
        confidence=confidence,
        vendor_label=engagement.vendor_id,
    )
    return report


def calibration_findings(ws: Workspace, *, engagement_id: str) -> list[Finding]:
    """The calibration findings of an engagement (none when nothing to compare)."""
    try:
        report = calibrate_engagement(ws, engagement_id=engagement_id)
    except NotFoundError:
        return []
    return list(report.findings)


def qa_parity(
    ws: Workspace,
    *,
    engagement_id: str,
    by: list[str] | None = None,
    side: str = "vendor",
    period: Period | None = None,
    outcomes: list[str] | None = None,
    controls: list[str] | None = None,
    record: bool = False,
) -> list[QaParityAudit]:
    """QA scores and critical errors compared across customer and agent groups.

    Parameters
    ----------
    by
        Customer dimensions of the evaluated interaction (``language``, ``channel``,
        ``seg_*``) and agent dimensions from the roster (``site_id``,
        ``employment_type``). Default: ``language``, every ``seg_*`` column,
        ``site_id`` and ``employment_type``, those present.
    side
        Whose evaluations: ``vendor`` (default: how the vendor judges its agents),
        ``client``, ``auditor`` or ``all``.
    period
        The period of ``evaluated_at`` (default all evaluations).
    outcomes
        ``qa_score``, ``qa_critical_error``, ``qa_pass`` (default the first two).
    controls
        Strata columns for the mix-adjusted comparison (default ``channel``; ``[]``
        for none).
    record
        Store the findings in the governance register (deduplicated on their key).
    """
    from fairshore.governance.services import record_findings

    if side not in ("vendor", "client", "auditor", "all"):
        raise InputError("side is vendor, client, auditor or all")
    unknown = [o for o in outcomes or [] if o not in QA_OUTCOMES]
    if unknown:
        raise InputError(
            f"unknown QA outcome(s) {', '.join(unknown)}; use {', '.join(QA_OUTCOMES)}"
        )
    lake = _lake(ws)
    t = evaluations_table(ws, engagement_id, lake=lake)
    if side != "all":
        t = t.filter(t.evaluator_side == side)
    if period is not None:
        t = t.filter((t.evaluated_at >= period.start_at) & (t.evaluated_at < period.end_at))
    t = t.select("interaction_id", "agent_ref", "total", "auto_fail")
    customer: list[str] = []
    if lake.has_rows("interactions", engagement_id):
        interactions = lake.table("interactions", engagement_id)
        customer = [
            c
            for c in interactions.columns
            if c in (*CUSTOMER_DIMENSIONS, "site_id") or c.startswith("seg_")
        ]
        right = interactions.select("interaction_id", *customer).distinct(on="interaction_id")
        t = t.left_join(right, "interaction_id").drop("interaction_id_right")
    agent_columns: list[str] = []
    if lake.has_rows("agents", engagement_id):
        agents = lake.table("agents", engagement_id)
        roster = agents.group_by("agent_ref").aggregate(
            roster_site=agents.site_id.max(), employment_type=agents.employment_type.max()
        )
        t = t.left_join(roster, "agent_ref").drop("agent_ref_right")
        agent_columns = ["employment_type"]
    frame = t.to_pyarrow().to_pandas()
    if "roster_site" in frame:
        # the agent's site on the roster; the interaction's site when not on it
        site = frame["roster_site"]
        frame["site_id"] = site.fillna(frame["site_id"]) if "site_id" in frame else site
    available = set(customer) | set(agent_columns) | ({"site_id"} if "site_id" in frame else set())
    dims = by or [
        c
        for c in (
            "language",
            *sorted(c for c in customer if c.startswith("seg_")),
            *AGENT_DIMENSIONS,
        )
        if c in available
    ]
    missing = [d for d in dims if d not in available]
    if missing:
        allowed = ", ".join([*CUSTOMER_DIMENSIONS, "seg_*", *AGENT_DIMENSIONS])
        raise InputError(
            f"cannot compare QA by {', '.join(missing)}: not in the evaluations' interactions or "
            f"roster (use {allowed}; agent groups need 'fairshore ingest agents')"
        )
    chosen_controls = tuple(c for c in (controls if controls is not None else ["channel"]))
    absent = [c for c in chosen_controls if c not in frame.columns]
    if absent:
        raise InputError(f"no control column(s) {', '.join(absent)} in the evaluated interactions")
    options = qa_audit_options(
        outcomes=tuple(outcomes or ("qa_score", "qa_critical_error")), controls=chosen_controls
    )
    mark = load_forms()[-1].pass_mark
    audits = [
        audit_qa_parity(
            frame,
            engagement_id=engagement_id,
            dimension=d,
            side=side,
            options=options,
            period=period.label if period else None,
            pass_mark=mark,
        )
        for d in dims
    ]
    if record:
        record_findings(ws, [f for a in audits for f in a.findings])
    return audits


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
    lake = _lake(ws)
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
        act = _active_agent_months(lake, engagement, keys, start, end)
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
) -> pd.DataFrame | None:
    """Active (agent, month) pairs with their agent-level keys; None without a roster."""
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
        pairs = _months_in_post(roster, start, end)
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
    roster: pd.DataFrame, start: datetime | None, end: datetime | None
) -> pd.DataFrame:
    """(agent, month) for every month the roster shows the agent in post some day."""
    rows = []
    first = start.date() if start is not None else None
    last = end.date() if end is not None else date.today()
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
