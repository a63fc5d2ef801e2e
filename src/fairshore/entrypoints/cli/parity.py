"""``fairshore parity``: fairness of service across customer groups, and the routing audit.

``fairshore parity --engagement E --by language`` is the same as
``fairshore parity audit --engagement E --by language``.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from fairshore import numbers
from fairshore.entrypoints.cli.context import JsonOption, PeriodOption, period_from_option, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.entrypoints.cli.register import RecordOption, record_detected
from fairshore.errors import InputError
from fairshore.governance.model import Finding
from fairshore.parity import services
from fairshore.parity.model import (
    DEFAULT_CONTROLS,
    DEFAULT_OUTCOMES,
    AuditOptions,
    DesignedDifference,
    ParityAudit,
    RoutingAudit,
    RoutingOptions,
)

parity_app = typer.Typer(
    help="Fairness of service across customer groups, and the routing audit.",
    invoke_without_command=True,
)

Engagement = Annotated[str | None, typer.Option("--engagement", "-e", help="Engagement id.")]
By = Annotated[
    str,
    typer.Option(
        "--by",
        help="Segment column(s), comma-separated: language, channel, seg_region, seg_tier ...",
    ),
]
OutcomeOpt = Annotated[
    str | None,
    typer.Option(
        "--outcome",
        help="Comma-separated outcomes (default: " + ",".join(DEFAULT_OUTCOMES) + ").",
    ),
]
ControlOpt = Annotated[
    str | None,
    typer.Option(
        "--control",
        help="Comma-separated control columns for mix adjustment "
        "(default: " + ",".join(DEFAULT_CONTROLS) + "; 'none' for none).",
    ),
]
PeriodOpt = Annotated[str | None, PeriodOption]
MinGroup = Annotated[int, typer.Option("--min-group", help="Smallest group that is judged.")]
Replies = Annotated[
    Path | None,
    typer.Option("--replies", help="Agent replies (CSV/Parquet: interaction_id, reply_text)."),
]
Designed = Annotated[
    str | None,
    typer.Option(
        "--designed",
        help="Designed differences as dimension=group[:promised_ratio], comma-separated "
        "(default seg_tier=premium; 'none' for none).",
    ),
]


def register(app: typer.Typer) -> None:
    app.add_typer(parity_app, name="parity")


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def _designed(value: str | None) -> tuple[tuple[str, str, float | None], ...] | None:
    if value is None:
        return None
    if value.strip().lower() == "none":
        return ()
    out = []
    for item in _csv(value):
        dim, _, rest = item.partition("=")
        group, _, ratio = rest.partition(":")
        if not dim or not group:
            raise InputError(f"--designed {item!r}: write dimension=group[:promised_ratio]")
        try:
            out.append((dim, group, float(ratio) if ratio else None))
        except ValueError:
            raise InputError(f"--designed {item!r}: the promised ratio must be a number") from None
    return tuple(out)


def _options(
    outcome: str | None, control: str | None, min_group: int, designed: str | None
) -> AuditOptions:
    options = replace(AuditOptions(), min_group_size=min_group)
    if outcome:
        options = replace(options, outcomes=_csv(outcome))
    if control is not None:
        controls = () if control.strip().lower() == "none" else _csv(control)
        options = replace(options, controls=controls)
    spec = _designed(designed)
    if spec is not None:
        options = replace(options, designed=tuple(DesignedDifference(d, g, r) for d, g, r in spec))
    return options


@parity_app.callback()
def parity_default(
    ctx: typer.Context,
    engagement: Engagement = None,
    by: By = "language",
    outcome: OutcomeOpt = None,
    control: ControlOpt = None,
    period: PeriodOpt = None,
    min_group: MinGroup = 30,
    designed: Designed = None,
    replies: Replies = None,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """Audit fairness of service (runs 'audit' when no sub-command is given)."""
    if ctx.invoked_subcommand is not None:
        return
    found = _audit(
        ctx, engagement, by, outcome, control, period, min_group, designed, replies, as_json
    )
    record_detected(state(ctx).workspace(), found, record=record, quiet=as_json)


@parity_app.command("audit")
def parity_audit(
    ctx: typer.Context,
    engagement: Engagement = None,
    by: By = "language",
    outcome: OutcomeOpt = None,
    control: ControlOpt = None,
    period: PeriodOpt = None,
    min_group: MinGroup = 30,
    designed: Designed = None,
    replies: Replies = None,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """Audit fairness of service across the groups of one segment column; record its
    findings in the findings register."""
    found = _audit(
        ctx, engagement, by, outcome, control, period, min_group, designed, replies, as_json
    )
    record_detected(state(ctx).workspace(), found, record=record, quiet=as_json)


def _audit(
    ctx: typer.Context,
    engagement: str | None,
    by: str,
    outcome: str | None,
    control: str | None,
    period: str | None,
    min_group: int,
    designed: str | None,
    replies: Path | None,
    as_json: bool,
) -> list[Finding]:
    """Run and show the audits; their findings are the caller's to record."""
    if not engagement:
        raise InputError("name the engagement: fairshore parity --engagement E --by language")
    audits = services.audit_parity_many(
        state(ctx).workspace(),
        engagement_id=engagement,
        by=_csv(by),
        period=period_from_option(period),
        options=_options(outcome, control, min_group, designed),
        replies=replies,
    )
    if as_json:
        if len(audits) == 1:
            print_json(audits[0].to_dict())
        else:
            print_json({"audits": [a.to_dict() for a in audits]})
    else:
        for audit in audits:
            _show_audit(audit)
    return [f for a in audits for f in a.findings]


def _fmt(value: float | None, kind: str) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind == "time":
        return f"{value:,.0f}s" if abs(value) >= 10 else f"{value:.1f}s"
    return f"{100 * value:.1f}%"


def _num(value: float | None, spec: str) -> str | None:
    if value is None or math.isnan(value):
        return None
    return format(value, spec)


def _show_audit(audit: ParityAudit) -> None:
    controls = ", ".join(audit.controls) or "none"
    console.print(
        f"[bold]Parity of service[/bold] {audit.engagement_id} by {audit.dimension} "
        f"(period {audit.period or 'all'}; controls: {controls})"
    )
    adjusted = bool(audit.controls)
    for frame in audit.frames:
        kind = frame.outcome.kind
        rows = []
        for g in frame.groups:
            row: dict[str, object] = {
                "group": g.group,
                "n": g.n,
                "value": _fmt(g.value, kind),
                "ci": f"{_fmt(g.ci_low, kind)}-{_fmt(g.ci_high, kind)}",
            }
            if kind == "time":
                row["p90"] = _fmt(g.p90, kind)
            if frame.outcome.censored:
                row["km_med"] = _fmt(g.km_median, kind)
            row["ratio"] = _num(g.impact_ratio, ".2f")
            if kind == "time":
                row["p90_ratio"] = _num(g.p90_impact_ratio, ".2f")
            if adjusted:
                row["adj"] = _fmt(g.adjusted_value, kind)
                row["adj_ratio"] = _num(g.adjusted_impact_ratio, ".2f")
            p_bh = g.adjusted_p_adjusted if adjusted else g.p_adjusted
            row["p_bh"] = None if p_bh is None else numbers.p_value(p_bh, label=False)
            flagged = g.flagged_adjusted if adjusted else g.flagged_raw
            row["verdict"] = (
                "FINDING"
                if flagged
                else ("raw only" if g.flagged_raw else g.status.replace("judged", "ok"))
            )
            rows.append(row)
        print_table(f"{frame.outcome.name}: {frame.outcome.meaning}", rows)
        for g in frame.groups:
            if g.mix_note:
                console.print(f"  [yellow]{g.group}: {g.mix_note}[/yellow]")
    for note in audit.notes:
        console.print(f"[dim]note: {note}[/dim]")
    if not audit.findings:
        console.print("[green]No finding.[/green]")
    for f in audit.findings:
        console.print(f"[bold red]{f.severity}[/bold red] {f.title}")


@parity_app.command("routing")
def parity_routing(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option("--engagement", "-e", help="Engagement id.")],
    protected: Annotated[
        str, typer.Option("--protected", help="Comma-separated protected attributes.")
    ],
    decisions: Annotated[
        Path | None,
        typer.Option("--decisions", help="Routing decisions (CSV or Parquet); default: lake."),
    ] = None,
    outcome: Annotated[
        str, typer.Option("--outcome", help="Column holding the routing outcome.")
    ] = "queue",
    legitimate: Annotated[
        str | None,
        typer.Option(
            "--legitimate",
            help="Legitimate factors (default skill_needed,language,channel,priority).",
        ),
    ] = None,
    record: bool = RecordOption,
    as_json: bool = JsonOption,
) -> None:
    """Does a protected attribute, or a proxy of it, steer routing beyond legitimate factors?"""
    options = RoutingOptions(outcome=outcome)
    if legitimate is not None:
        options = RoutingOptions(outcome=outcome, legitimate=_csv(legitimate))
    ws = state(ctx).workspace()
    audit = services.audit_routing(
        ws,
        engagement_id=engagement,
        protected=_csv(protected),
        decisions=decisions,
        options=options,
    )
    record_detected(ws, audit.findings, record=record, quiet=as_json)
    if as_json:
        print_json(audit.to_dict())
    else:
        _show_routing(audit)


def _show_routing(audit: RoutingAudit) -> None:
    console.print(
        f"[bold]Routing audit[/bold] {audit.engagement_id}: outcome {audit.outcome}; "
        f"legitimate factors: {', '.join(audit.legitimate) or 'none'}"
    )
    print_table(
        "Conditional tests (G-test within strata of legitimate factors)",
        [
            {
                "attribute": x.attribute,
                "role": x.role,
                "proxy_of": x.proxy_of,
                "n": x.n,
                "strata": x.strata,
                "G": x.statistic,
                "dof": x.dof,
                "p_bh": x.p_adjusted,
                "cramers_v": x.cramers_v,
                "odds_ratio": x.odds_ratio,
                "flag": "FINDING" if x.flagged else "" if x.judged else "insufficient data",
            }
            for x in audit.tests
        ],
    )
    print_table(
        "Association of features with protected attributes",
        [
            {
                "feature": p.feature,
                "protected": p.protected,
                "cramers_v": p.cramers_v,
                "nmi": p.normalised_mutual_information,
                "legitimate": p.legitimate,
                "proxy": p.proxy,
            }
            for p in audit.proxies
        ],
    )
    for note in audit.notes:
        console.print(f"[dim]note: {note}[/dim]")
    for line in audit.insufficient:
        console.print(f"[yellow]insufficient data[/yellow]: {line}", highlight=False)
    if not audit.findings and not audit.insufficient:
        console.print("[green]No finding.[/green]")
    for f in audit.findings:
        console.print(f"[bold red]{f.severity}[/bold red] {f.title}")
