"""``fairshore qa``: QA forms, QA metrics, audit samples and calibration."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from fairshore import numbers
from fairshore.entrypoints.cli.context import JsonOption, PeriodOption, period_from_option, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.entrypoints.cli.register import RecordOption, record_detected
from fairshore.quality import services

qa_app = typer.Typer(
    help="Quality assurance: forms, QA metrics, audit samples, calibration.",
    no_args_is_help=True,
)
forms_app = typer.Typer(help="The packaged QA forms.", no_args_is_help=True)
qa_app.add_typer(forms_app, name="forms")

Engagement = Annotated[str, typer.Option("--engagement", help="Engagement id, e.g. telco-blr.")]


def register(app: typer.Typer) -> None:
    app.add_typer(qa_app, name="qa")


@forms_app.command("list")
def forms_list(as_json: bool = JsonOption) -> None:
    """Every QA form and version."""
    rows = [
        {
            "form_id": f.id,
            "version": f.version,
            "title": f.title,
            "items": len(f.items),
            "critical_items": len(f.critical_items),
            "pass_mark": f.pass_mark,
        }
        for f in services.list_forms()
    ]
    if as_json:
        print_json(rows)
        return
    print_table("QA forms", rows)


@forms_app.command("show")
def forms_show(
    form_id: Annotated[str, typer.Argument(help="Form id, e.g. contact-centre.")],
    version: Annotated[str | None, typer.Option(help="Version (default: latest).")] = None,
    as_json: bool = JsonOption,
) -> None:
    """One QA form: sections, items, weights and critical items."""
    form = services.show_form(form_id, version=version)
    if as_json:
        print_json(form)
        return
    rows = [
        {"section": s.id, "item": i.id, "weight": i.weight, "critical": i.critical, "text": i.text}
        for s in form.sections
        for i in s.items
    ]
    print_table(
        f"{form.title} ({form.id}@{form.version}, pass mark {numbers.number(form.pass_mark)})", rows
    )


@qa_app.command("kpis")
def kpis_cmd(
    ctx: typer.Context,
    engagement: Engagement,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by",
            help="Group by month, agent_ref, evaluator_side, form_id, site_id, channel, "
            "language, queue or a seg_* column (repeatable).",
        ),
    ] = None,
    side: Annotated[str, typer.Option(help="vendor, client, auditor or all.")] = "vendor",
    min_per_agent_month: Annotated[
        int, typer.Option("--min-per-agent-month", help="Coverage minimum per agent-month.")
    ] = 4,
    as_json: bool = JsonOption,
) -> None:
    """Mean score, pass rate, critical-error rate and coverage of QA evaluations."""
    rows = services.qa_kpis(
        state(ctx).workspace(),
        engagement_id=engagement,
        by=by or [],
        side=side,
        min_per_agent_month=min_per_agent_month,
    )
    flat = [{**r.group, **{k: v for k, v in asdict(r).items() if k != "group"}} for r in rows]
    if as_json:
        print_json(flat)
        return
    print_table(f"QA metrics of {engagement} ({side} evaluations)", flat)


@qa_app.command("sample")
def sample_cmd(
    ctx: typer.Context,
    engagement: Engagement,
    out: Annotated[Path, typer.Option("--out", help="CSV file to write the sample to.")],
    size: Annotated[int | None, typer.Option("--size", help="Interactions to sample.")] = None,
    margin: Annotated[
        float | None, typer.Option("--margin", help="Margin of error, e.g. 0.05.")
    ] = None,
    confidence: Annotated[float, typer.Option(help="Confidence level.")] = 0.95,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same sample).")] = 0,
    as_json: bool = JsonOption,
) -> None:
    """A stratified random sample of handled contacts for the client's own review."""
    sample = services.draw_audit_sample(
        state(ctx).workspace(),
        engagement_id=engagement,
        size=size,
        margin=margin,
        confidence=confidence,
        seed=seed,
        out=out,
    )
    if as_json:
        data = asdict(sample)
        data["out"] = str(out)
        print_json(data)
        return
    print_table("Strata", sample.strata)
    margin_text = f" (margin +/- {sample.margin:.1%})" if sample.margin is not None else ""
    console.print(
        f"{sample.size:,} of {sample.population:,} handled contacts sampled{margin_text} "
        f"at {sample.confidence:.0%} confidence, seed {sample.seed} -> {out}"
    )


@qa_app.command("calibration")
def calibration_cmd(
    ctx: typer.Context,
    engagement: Engagement,
    reference: Annotated[str, typer.Option(help="client or auditor.")] = "client",
    tolerance: Annotated[float, typer.Option(help="Tolerated inflation, points.")] = 5.0,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """The vendor's QA self-scores against the client's re-scores of the same contacts."""
    ws = state(ctx).workspace()
    report = services.calibrate_engagement(
        ws, engagement_id=engagement, reference_side=reference, tolerance=tolerance
    )
    record_detected(ws, report.findings, record=record, quiet=as_json)
    if as_json:
        print_json(asdict(report))
        return
    d = report.difference
    rows: list[dict[str, object]] = [
        {"measure": "pairs", "value": report.pairs},
        {"measure": "vendor mean", "value": report.vendor_mean},
        {"measure": f"{reference} mean", "value": report.reference_mean},
        {"measure": "mean difference (vendor - reference)", "value": d.mean if d else None},
        {
            "measure": f"{d.confidence:.0%} CI" if d else "CI",
            "value": f"{d.low:.2f} .. {d.high:.2f}" if d else None,
        },
        {"measure": "direction", "value": report.direction},
        {"measure": "item weighted kappa (quadratic)", "value": report.item_kappa},
        {"measure": "item Krippendorff alpha (ordinal)", "value": report.item_alpha_ordinal},
        {"measure": "item Krippendorff alpha (interval)", "value": report.item_alpha_interval},
        {"measure": "auto-fail disagreement", "value": report.auto_fail_disagreement},
    ]
    print_table(f"QA calibration of {engagement}", rows)
    for f in report.findings:
        console.print(f"[bold red]{f.severity}[/bold red] {f.title}")


@qa_app.command("parity")
def parity_cmd(
    ctx: typer.Context,
    engagement: Engagement,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Comma-separated: language, channel, seg_* (customers), site_id, "
            "employment_type (agents). Default: language, every seg_*, site_id, "
            "employment_type.",
        ),
    ] = None,
    side: Annotated[str, typer.Option(help="vendor, client, auditor or all.")] = "vendor",
    period: Annotated[str | None, PeriodOption] = None,
    outcome: Annotated[
        str | None,
        typer.Option(help="Comma-separated: qa_score, qa_critical_error, qa_pass."),
    ] = None,
    control: Annotated[
        str | None, typer.Option(help="Comma-separated strata columns (default channel; none).")
    ] = None,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """QA scores and critical errors compared across customer and agent groups."""

    def split(text: str | None) -> list[str] | None:
        if text is None:
            return None
        return [] if text.strip() == "none" else [p.strip() for p in text.split(",") if p.strip()]

    ws = state(ctx).workspace()
    audits = services.qa_parity(
        ws,
        engagement_id=engagement,
        by=split(by),
        side=side,
        period=period_from_option(period),
        outcomes=split(outcome),
        controls=split(control),
    )
    record_detected(ws, [f for a in audits for f in a.findings], record=record, quiet=as_json)
    if as_json:
        print_json({"audits": [a.to_dict() for a in audits]})
        return
    for audit in audits:
        rows = [
            {
                "outcome": f.outcome.name,
                "group": g.group,
                "n": g.n,
                "value": round(g.value, 4),
                "adjusted": None
                if g.adjusted_value != g.adjusted_value
                else round(g.adjusted_value, 4),
                "impact_ratio": round(g.impact_ratio, 3),
                "p_adjusted": round(g.adjusted_p_adjusted if audit.controls else g.p_adjusted, 4),
                "status": g.status,
                "flagged": g.flagged_adjusted if audit.controls else g.flagged_raw,
            }
            for f in audit.frames
            for g in f.groups
        ]
        print_table(f"QA parity of {engagement} by {audit.dimension} ({audit.side})", rows)
        for note in audit.notes:
            console.print(f"note: {note}")
        for finding in audit.findings:
            console.print(f"[bold red]{finding.severity}[/bold red] {finding.title}")
    if not any(a.findings for a in audits):
        console.print("No group is judged unequally by QA.")
