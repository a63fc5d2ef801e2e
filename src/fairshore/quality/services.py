"""Use cases of quality assurance: forms, QA metrics, audit samples and calibration."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ibis
import pyarrow as pa
import pyarrow.csv as pacsv

from fairshore.adapters.lake import Lake
from fairshore.engagements.services import get_engagement
from fairshore.errors import InputError, NotFoundError
from fairshore.governance.model import Finding
from fairshore.quality import kpis
from fairshore.quality.calibration import (
    DEFAULT_TOLERANCE,
    ScoredInteraction,
    calibrate,
    item_shares,
)
from fairshore.quality.forms import get_form, load_forms
from fairshore.quality.model import AuditSample, CalibrationReport, QaForm, QaKpiRow
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


def _lake(ws: Workspace) -> Lake:
    return Lake.from_settings(ws.settings)


def evaluations_table(ws: Workspace, engagement_id: str, *, lake: Lake | None = None) -> ir.Table:
    """The engagement's QA evaluations; ``NotFoundError`` when none were ingested."""
    get_engagement(ws, engagement_id)
    lake = lake or _lake(ws)
    if not lake.files("qa_evaluations", engagement_id):
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
    if not lake.files("interactions", engagement_id):
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
    pacsv.write_csv(table, out)


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
