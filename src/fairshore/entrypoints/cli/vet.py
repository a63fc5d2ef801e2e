"""``fairshore vet``: rubrics, questionnaires, evidence, scores and rankings of vendors."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import typer

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.context import JsonOption, state
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.entrypoints.cli.vet_contests import contest_app, contest_row
from fairshore.errors import InputError
from fairshore.vetting import services
from fairshore.vetting.answers import format_value
from fairshore.vetting.methods import DEFAULT_METHOD, METHODS
from fairshore.vetting.model import Evidence, MeasuredFigure, MeasuredFigures, Rubric
from fairshore.vetting.questionnaire import QuestionnaireError
from fairshore.vetting.rubric import DEFAULT_RUBRIC, get_rubric, list_rubrics
from fairshore.vetting.scores import scorecard_to_dict

vet_app = typer.Typer(help="Vendor due diligence: the Ethical BPO Scorecard.", no_args_is_help=True)
rubric_app = typer.Typer(help="The rubric library.", no_args_is_help=True)
questionnaire_app = typer.Typer(help="Questionnaires as Excel workbooks.", no_args_is_help=True)
evidence_app = typer.Typer(help="Evidence documents, stored by sha256.", no_args_is_help=True)
criticality_app = typer.Typer(help="Inherent criticality of engagements.", no_args_is_help=True)

VendorOption = Annotated[str, typer.Option("--vendor", help="Vendor id.")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Judge evidence on this day (YYYY-MM-DD; default today)."),
]
MethodOption = Annotated[
    str, typer.Option("--method", help=f"Scoring method: {', '.join(METHODS)}.")
]


def register(app: typer.Typer) -> None:
    vet_app.add_typer(rubric_app, name="rubric")
    vet_app.add_typer(questionnaire_app, name="questionnaire")
    vet_app.add_typer(evidence_app, name="evidence")
    vet_app.add_typer(contest_app, name="contest")
    vet_app.add_typer(criticality_app, name="criticality")
    app.add_typer(vet_app, name="vet")


def _day(value: str | None, what: str = "--as-of", *, ws: Workspace | None = None) -> date:
    """The day given, else the workspace's day (a pinned demo's own, else today)."""
    if value is None:
        return ws.today() if ws is not None else date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _maybe_day(value: str | None, what: str) -> date | None:
    return None if value is None else _day(value, what)


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


@rubric_app.command("list")
def rubric_list(as_json: bool = JsonOption) -> None:
    """List rubrics in the library."""
    rows = [
        {
            "rubric": r.ref,
            "id": r.id,
            "version": r.version,
            "title": r.title,
            "pillars": len(r.pillars),
            "questions": len(r.questions),
            "rules": len(r.rules),
        }
        for r in list_rubrics()
    ]
    if as_json:
        print_json(rows)
    else:
        print_table("Rubrics", rows)


def _rubric_rows(rubric: Rubric) -> list[dict[str, object]]:
    return [
        {
            "question_id": q.id,
            "pillar_id": q.pillar,
            "type": q.type,
            "weight": str(q.weight),
            "required": q.required,
            "evidence": list(q.evidence),
            "standards": [f"{s.framework} {s.ref}" for s in q.standards],
            "text": q.text,
        }
        for q in rubric.questions
    ]


@rubric_app.command("show")
def rubric_show(
    rubric_ref: Annotated[str, typer.Argument(help="Rubric id or id@version.")] = DEFAULT_RUBRIC,
    as_json: bool = JsonOption,
) -> None:
    """Show a rubric's pillars, questions and rules."""
    rubric = get_rubric(rubric_ref)
    if as_json:
        print_json(rubric.model_dump(mode="json", by_alias=True))
        return
    console.print(f"[bold]{rubric.title}[/bold] ({rubric.ref})")
    print_table(
        "Pillars",
        [{"pillar_id": p.id, "title": p.title, "weight": str(p.weight)} for p in rubric.pillars],
    )
    print_table("Questions", _rubric_rows(rubric))
    print_table(
        "Rules",
        [{"rule_id": r.id, "kind": r.kind, "title": r.title} for r in rubric.rules],
    )


@questionnaire_app.command("export")
def questionnaire_export(
    ctx: typer.Context,
    vendor: VendorOption,
    out: Annotated[Path, typer.Option("--out", help="The .xlsx file to write.")],
    rubric: Annotated[str, typer.Option(help="Rubric id or id@version.")] = DEFAULT_RUBRIC,
    as_json: bool = JsonOption,
) -> None:
    """Write a vendor's questionnaire (pre-filled with its answers) to an Excel workbook."""
    path = services.export_questionnaire(
        state(ctx).workspace(), vendor, out, rubric_id=rubric, today=state(ctx).workspace().today()
    )
    if as_json:
        print_json({"vendor_id": vendor, "path": str(path)})
    else:
        console.print(f"Questionnaire for [bold]{vendor}[/bold] written to {path}")


@questionnaire_app.command("import")
def questionnaire_import(
    ctx: typer.Context,
    vendor: VendorOption,
    file: Annotated[Path, typer.Argument(help="The filled .xlsx workbook.")],
    rubric: Annotated[str, typer.Option(help="Rubric id or id@version.")] = DEFAULT_RUBRIC,
    partial: Annotated[
        bool, typer.Option("--partial", help="Accept blank required answers (scored as worst).")
    ] = False,
    as_json: bool = JsonOption,
) -> None:
    """Import a filled questionnaire; nothing is stored if any cell is wrong."""
    try:
        result = services.import_questionnaire(
            state(ctx).workspace(), vendor, file, rubric_id=rubric, allow_incomplete=partial
        )
    except QuestionnaireError as exc:
        if as_json:
            print_json(
                {
                    "imported": 0,
                    "problems": [
                        {"sheet": p.sheet, "cell": p.cell, "message": p.message}
                        for p in exc.problems
                    ],
                }
            )
            raise typer.Exit(2) from None
        raise
    data = {
        "vendor_id": vendor,
        "imported": len(result.answers),
        "unanswered_required": list(result.unanswered_required),
    }
    if as_json:
        print_json(data)
    else:
        console.print(f"Imported {len(result.answers)} answers for [bold]{vendor}[/bold].")
        if result.unanswered_required:
            console.print(
                "Unanswered required questions (scored as the worst answer): "
                + ", ".join(result.unanswered_required)
            )


@vet_app.command("answer")
def answer(
    ctx: typer.Context,
    vendor: VendorOption,
    question: Annotated[str, typer.Argument(help="Question id, e.g. lab.attrition.")],
    value: Annotated[str, typer.Argument(help="The answer: yes, 32, cba, 2026-01-31, n/a ...")],
    evidence: Annotated[
        str | None, typer.Option(help="Comma list of evidence sha256 prefixes backing it.")
    ] = None,
    note: Annotated[str, typer.Option(help="A note kept with the answer.")] = "",
    as_json: bool = JsonOption,
) -> None:
    """Answer one question of a vendor's questionnaire."""
    given = services.answer_question(
        state(ctx).workspace(), vendor, question, value, evidence_refs=_csv(evidence), note=note
    )
    data = {
        "vendor_id": vendor,
        "question_id": given.question_id,
        "value": "n/a" if given.na else format_value(given.value),
    }
    if as_json:
        print_json(data)
    else:
        console.print(f"{vendor} {given.question_id} = {data['value']}")


@vet_app.command("scope")
def scope(
    ctx: typer.Context,
    vendor: VendorOption,
    items: Annotated[str, typer.Option("--scope", help="Comma list: sites or services assessed.")],
    personal_data: Annotated[
        bool,
        typer.Option(
            "--personal-data/--no-personal-data", help="Touchpoints handle personal data."
        ),
    ] = True,
    as_json: bool = JsonOption,
) -> None:
    """Set what a vendor's assessment covers (evidence must cover all of it)."""
    done = services.set_assessment_scope(
        state(ctx).workspace(), vendor, scope=_csv(items), handles_personal_data=personal_data
    )
    data = {"vendor_id": vendor, "scope": list(done.scope), "context": done.context}
    if as_json:
        print_json(data)
    else:
        console.print(f"{vendor}: scope {', '.join(done.scope)}; context {done.context}")


@evidence_app.command("add")
def evidence_add(
    ctx: typer.Context,
    vendor: VendorOption,
    file: Annotated[Path, typer.Argument(help="The document (PDF, image, text ...).")],
    type_: Annotated[str, typer.Option("--type", help="e.g. iso27001, soc2_type2, payroll_audit.")],
    issuer: Annotated[str, typer.Option(help="Who issued it (certification body, auditor).")],
    scope: Annotated[
        str, typer.Option(help="Comma list of sites or services it covers ('*' = all).")
    ],
    valid_from: Annotated[str | None, typer.Option("--valid-from", help="YYYY-MM-DD.")] = None,
    valid_until: Annotated[str | None, typer.Option("--valid-until", help="YYYY-MM-DD.")] = None,
    status: Annotated[
        str, typer.Option(help="self_declared, document_provided or verified_by_auditor.")
    ] = "document_provided",
    as_json: bool = JsonOption,
) -> None:
    """Store an evidence document and what it proves."""
    evidence = services.add_evidence(
        state(ctx).workspace(),
        vendor,
        file,
        type=type_,
        issuer=issuer,
        scope=_csv(scope),
        valid_from=_maybe_day(valid_from, "--valid-from"),
        valid_until=_maybe_day(valid_until, "--valid-until"),
        status=status,
    )
    if as_json:
        print_json(_evidence_row(evidence))
    else:
        console.print(f"Evidence {evidence.sha256[:12]} ({evidence.type}) added for {vendor}.")


def _evidence_row(e: Evidence) -> dict[str, object]:
    return {
        "vendor_id": e.vendor_id,
        "sha256": e.sha256,
        "type": e.type,
        "issuer": e.issuer,
        "scope": list(e.scope),
        "valid_from": e.valid_from,
        "valid_until": e.valid_until,
        "status": e.status,
        "filename": e.filename,
    }


@evidence_app.command("list")
def evidence_list(
    ctx: typer.Context,
    vendor: Annotated[str | None, typer.Option(help="Only this vendor's evidence.")] = None,
    as_of: AsOfOption = None,
    as_json: bool = JsonOption,
) -> None:
    """List evidence with whether it counts today (valid and in scope)."""
    found = services.evidence_status(
        state(ctx).workspace(), vendor, as_of=_day(as_of, ws=state(ctx).workspace())
    )
    rows = [
        {**_evidence_row(s.evidence), "counts": s.counts, "days_left": s.days_left} for s in found
    ]
    if as_json:
        print_json(rows)
    else:
        for row in rows:
            row["sha256"] = str(row["sha256"])[:12]
        print_table(
            "Evidence",
            rows,
            [
                "vendor_id",
                "sha256",
                "type",
                "issuer",
                "scope",
                "valid_until",
                "status",
                "counts",
                "days_left",
            ],
        )


@vet_app.command("score")
def score(
    ctx: typer.Context,
    vendor: VendorOption,
    method: MethodOption = DEFAULT_METHOD,
    as_of: AsOfOption = None,
    as_json: bool = JsonOption,
) -> None:
    """Score a vendor by the evidence: each answer beside what its data measured over the
    twelve months up to --as-of, flags and knock-outs, and the answers-only score."""
    ws = state(ctx).workspace()
    card = services.scorecard(ws, vendor, method=method, as_of=_day(as_of, ws=ws))
    data: dict[str, Any] = scorecard_to_dict(card)
    data["contests"] = [contest_row(c) for c in services.list_contests(ws, vendor)]
    if as_json:
        print_json(data)
        return
    declared = data["declared"]
    console.print(
        f"[bold]{vendor}[/bold] {data['total']:.2f} / 100 ({data['band']}) by the evidence; "
        f"{declared['total']:.2f} ({declared['band']}) by the answers alone. "
        f"{card.adjusted.method} on {card.adjusted.rubric}, as of {card.as_of}"
        f"{' (the workspace day: no --as-of given)' if as_of is None else ''}; "
        f"confidence {float(data['confidence']):.0%}"
    )
    print_table("Pillars", data["pillars"])
    print_table(
        "Breakdown",
        data["contributions"],
        ["question_id", "status", "credit", "evidence", "evidence_factor", "share", "points"],
    )
    print_table(
        f"Declared against measured ({card.measured_over or 'no data measured'})",
        data["claims"],
        ["question_id", "label", "declared", "measured", "unit", "contradicted", "source"],
    )
    for kind in ("knock_outs", "red_flags", "green_lights"):
        title = kind.replace("_", " ").capitalize()
        print_table(title, data[kind], ["rule_id", "title", "basis", "detail"])
    print_table("Evidence expiring or expired", data["expiry_warnings"])
    print_table(
        "Contests", data["contests"], ["id", "question_id", "status", "reason", "resolution"]
    )


@vet_app.command("rank")
def rank(
    ctx: typer.Context,
    method: MethodOption = DEFAULT_METHOD,
    as_of: AsOfOption = None,
    draws: Annotated[int, typer.Option(help="Weight perturbation draws.", min=1)] = 1000,
    spread: Annotated[
        float, typer.Option(help="Each pillar weight x U(1-s, 1+s).", min=0, max=1)
    ] = 0.5,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 20251101,
    as_json: bool = JsonOption,
) -> None:
    """Rank assessed vendors by their evidence-adjusted scores (answers-only totals beside)
    and report how often each ranks first as weights vary."""
    result = services.rank_vendors(
        state(ctx).workspace(),
        method=method,
        as_of=_day(as_of, ws=state(ctx).workspace()),
        draws=draws,
        spread=spread,
        seed=seed,
    )
    rows: list[dict[str, Any]] = [
        {
            "rank": r.rank,
            "vendor_id": r.vendor_id,
            # Exact scores as numbers (what the API gives); the table rounds them as it
            # prints (fairshore.numbers), so the two never disagree.
            "total": float(r.total),
            "declared_total": None if r.declared_total is None else float(r.declared_total),
            "contradicted": r.contradicted,
            "band": r.band,
            "eligible": r.eligible,
            "first_share": r.first_share,
            "pillars": {k: None if v is None else float(v) for k, v in r.pillars.items()},
        }
        for r in result.rows
    ]
    if as_json:
        print_json(
            {
                "method": result.method,
                "draws": result.draws,
                "spread": result.spread,
                "seed": result.seed,
                "vendors": rows,
            }
        )
    else:
        print_table(
            f"Ranking ({result.method}; {result.draws} weight draws ±{spread:.0%})",
            rows,
            [
                "rank",
                "vendor_id",
                "total",
                "declared_total",
                "contradicted",
                "band",
                "eligible",
                "first_share",
            ],
        )
        print_table(
            "Pillar scores side by side",
            [{"vendor_id": r["vendor_id"], **r["pillars"]} for r in rows],
        )


@vet_app.command("claims")
def claims(
    ctx: typer.Context,
    vendor: VendorOption,
    measured: Annotated[
        list[str], typer.Option("--measured", help="key=value measured figure (repeatable).")
    ],
    engagement: Annotated[str | None, typer.Option(help="Engagement measured.")] = None,
    source: Annotated[str, typer.Option(help="Where the figures come from.")] = "cli",
    as_of: AsOfOption = None,
    as_json: bool = JsonOption,
) -> None:
    """Compare a vendor's declared figures with measured ones; list contradictions."""
    figures: dict[str, MeasuredFigure] = {}
    for item in measured:
        key, _, raw = item.partition("=")
        try:
            figures[key.strip()] = MeasuredFigure(value=float(Decimal(raw)), source=source)
        except InvalidOperation:
            raise InputError(f"--measured {item!r}: write key=number") from None
    findings = services.check_claims(
        state(ctx).workspace(),
        vendor,
        MeasuredFigures(figures, engagement_id=engagement),
        as_of=_day(as_of, ws=state(ctx).workspace()),
    )
    rows = [f.model_dump(mode="json") for f in findings]
    if as_json:
        print_json(rows)
    else:
        print_table("Claims contradicted by data", rows, ["severity", "key", "title"])


@criticality_app.command("set")
def criticality_set(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Argument(help="Engagement id.")],
    reason: Annotated[str, typer.Option(help="Why the measured value is replaced.")],
    actor: Annotated[str, typer.Option(help="Who sets the override.")] = "cli",
    data_sensitivity: Annotated[
        str | None, typer.Option(help="Override: none, personal, financial, special_category.")
    ] = None,
    monthly_volume: Annotated[str | None, typer.Option(help="Override: contacts a month.")] = None,
    vulnerable_share: Annotated[
        str | None, typer.Option(help="Override: share of vulnerable customers, 0..1.")
    ] = None,
    as_of: AsOfOption = None,
    as_json: bool = JsonOption,
) -> None:
    """Override measured criticality inputs (kept with who, when and why); then regrade."""
    given = {
        "data_sensitivity": data_sensitivity,
        "monthly_volume": monthly_volume,
        "vulnerable_share": vulnerable_share,
    }
    chosen = {k: v for k, v in given.items() if v is not None}
    if not chosen:
        raise InputError(
            "give at least one override: --data-sensitivity, --monthly-volume or "
            "--vulnerable-share (the rest stays measured)"
        )
    ws = state(ctx).workspace()
    day = _day(as_of, ws=ws)
    now = datetime.combine(day, datetime.now(UTC).time(), tzinfo=UTC)
    for dimension, value in chosen.items():
        services.override_criticality(
            ws, engagement, dimension=dimension, value=value, set_by=actor, reason=reason, now=now
        )
    result = services.assess_criticality(ws, engagement, as_of=day)
    if as_json:
        print_json(asdict(result))
    else:
        console.print(
            f"{engagement}: {result.tier} (level {result.level}); review every "
            f"{result.review_months} months, next by {result.next_review}"
        )
        for line in result.reasons:
            console.print(f"  {line}")


@criticality_app.command("list")
def criticality_list(
    ctx: typer.Context, as_of: AsOfOption = None, as_json: bool = JsonOption
) -> None:
    """Every engagement's criticality from measured inputs, overrides shown."""
    found = services.list_criticality(
        state(ctx).workspace(), as_of=_day(as_of, ws=state(ctx).workspace())
    )
    rows = [asdict(c) for c in found]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        row["overridden"] = ", ".join(o["dimension"] for o in row["overrides"]) or "-"
    print_table(
        "Engagement criticality",
        rows,
        [
            "engagement_id",
            "tier",
            "level",
            "review_months",
            "next_review",
            "data_sensitivity",
            "monthly_volume",
            "vulnerable_share",
            "overridden",
        ],
    )
    for c in found:
        for dim, source in c.sources.items():
            console.print(f"{c.engagement_id} {dim}: {source}")
