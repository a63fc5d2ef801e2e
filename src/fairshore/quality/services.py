"""Use cases of quality assurance: forms, QA metrics, audit samples and calibration."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from fairshore.adapters.lake import Lake
from fairshore.cells import write_csv
from fairshore.engagements.services import get_engagement
from fairshore.errors import InputError, NotFoundError
from fairshore.governance.model import Finding
from fairshore.metrics import outcomes
from fairshore.metrics.periods import Period
from fairshore.quality import kpis
from fairshore.quality.calibration import (
    DEFAULT_TOLERANCE,
    ScoredInteraction,
    calibrate,
    item_shares,
)
from fairshore.quality.forms import get_form, load_forms
from fairshore.quality.measures import qa_figures as qa_figures
from fairshore.quality.model import (
    AuditSample,
    CalibrationReport,
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


def evaluations_table(ws: Workspace, engagement_id: str, *, lake: Lake | None = None) -> ir.Table:
    """The engagement's QA evaluations; ``NotFoundError`` when none were ingested."""
    get_engagement(ws, engagement_id)
    lake = lake or ws.lake_reader
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
    lake = ws.lake_reader
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
    lake = ws.lake_reader
    if not lake.has_rows("interactions", engagement_id):
        raise NotFoundError(
            f"no interactions ingested for engagement {engagement_id!r}: run "
            f"'fairshore ingest interactions FILE --engagement {engagement_id}' first"
        )
    t = lake.table("interactions", engagement_id)
    t = t.filter(outcomes.answered(t))
    t = t.mutate(outcome=outcomes.handling_result(t))
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

    The audits' findings are for the caller to hand to the findings register.
    """
    if side not in ("vendor", "client", "auditor", "all"):
        raise InputError("side is vendor, client, auditor or all")
    unknown = [o for o in outcomes or [] if o not in QA_OUTCOMES]
    if unknown:
        raise InputError(
            f"unknown QA outcome(s) {', '.join(unknown)}; use {', '.join(QA_OUTCOMES)}"
        )
    lake = ws.lake_reader
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
    return audits
