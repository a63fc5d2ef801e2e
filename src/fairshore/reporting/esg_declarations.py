"""ESG rows the vendor declared: questionnaire answers, claims against data, environment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from fairshore import numbers
from fairshore.numbers import NO_DATA
from fairshore.reporting.esg_inputs import (
    Declaration,
    EsgInputs,
    EvidenceStatus,
)
from fairshore.reporting.esg_labour import _status
from fairshore.reporting.esg_scorecard import score_figures
from fairshore.reporting.figures import figure
from fairshore.reporting.model import Light, Note, Section, Table
from fairshore.vetting.claims import contradicted_count, declared_figure
from fairshore.vetting.evidence import evidence_state, matching, usable
from fairshore.vetting.measured import ClaimCheck
from fairshore.vetting.model import Answer, Assessment, Evidence, Question, Rubric

# --- declarations (the vendor's questionnaire) -------------------------------------------

ESG_PILLARS = ("labour", "welfare", "environment", "voice")


def _answer_text(question: Question, answer: Answer | None) -> str:
    if answer is None:
        return "—"
    if answer.na:
        return "n/a"
    value = answer.value
    labels = {o.id: o.label for o in question.options}
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(labels.get(v, v) for v in value)
    if isinstance(value, str):
        return labels.get(value, value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "—"
    unit = question.unit or ("%" if question.type == "percentage" else "")
    return f"{value.normalize():f} {unit}".rstrip()


def _evidence_text(docs: list[Evidence], *, as_of: date, scope: tuple[str, ...]) -> str:
    parts = []
    for d in docs:
        until = f", valid until {d.valid_until.isoformat()}" if d.valid_until else ""
        counts = usable(d, as_of=as_of, scope=scope)
        why = "" if counts else " — not counted (expired, not yet valid or out of scope)"
        parts.append(f"{d.type} by {d.issuer}, {d.status.replace('_', ' ')}{until}{why}")
    return "; ".join(parts)


def declarations(
    rubric: Rubric,
    assessment: Assessment,
    documents: list[Evidence],
    *,
    as_of: date,
    pillars: tuple[str, ...] = ESG_PILLARS,
) -> list[Declaration]:
    """The vendor's answers to the ESG questions, each with its evidence status on ``as_of``.

    ``declared_with_evidence``: a valid document provided or verified (vetting's
    ``valid``); ``declared_without_evidence``: the vendor's word, or only a
    self-declared document; ``not_available``: unanswered or not applicable.
    """
    out = []
    for q in rubric.questions:
        if q.pillar not in pillars or q.type == "text":
            continue
        answer = assessment.answers.get(q.id)
        docs = matching(q, answer, documents)
        state = evidence_state(q, answer, documents, as_of=as_of, scope=assessment.scope)
        answered_by_document = q.type == "document" and state in ("valid", "self_declared")
        if (answer is None or answer.na) and not answered_by_document:
            status: EvidenceStatus = "not_available"
        elif state == "valid":
            status = "declared_with_evidence"
        else:
            status = "declared_without_evidence"
        evidence = _evidence_text(docs, as_of=as_of, scope=assessment.scope)
        if not evidence:
            evidence = "no evidence asked for" if not q.evidence else "no document"
        declared = None
        if q.claim is not None and answer is not None and not answer.na:
            figure_ = declared_figure(q.claim, answer.value)
            declared = None if figure_ is None else float(figure_)
        out.append(
            Declaration(
                question_id=q.id,
                pillar=q.pillar,
                question=q.text,
                answer=_answer_text(q, answer)
                if answer is not None or not answered_by_document
                else "document provided",
                status=status,
                evidence=evidence,
                claim_key=q.claim.key if q.claim else None,
                declared=declared,
                unit=q.claim.unit if q.claim else "",
                higher_is_better=q.claim.higher_is_better if q.claim else True,
                tolerance=float(q.claim.tolerance) if q.claim else 0.0,
            )
        )
    return out


def _fmt_claim(value: float | Decimal | None, unit: str) -> str:
    if value is None:
        return NO_DATA
    if unit == "share":
        return numbers.percent(float(value))
    if unit == "ratio":
        return numbers.number(float(value), decimals=2)
    return f"{numbers.number(float(value), decimals=1)} {unit}".rstrip()


def _claim_row(d: Declaration, check: ClaimCheck | None) -> list[Any]:
    verdict = "not measured"
    if check is not None:
        verdict = "contradicted by data" if check.contradicted else "consistent with data"
        verdict += " (contest upheld: set aside)" if check.set_aside else ""
    return [
        d.question,
        _fmt_claim(d.declared, d.unit) if d.declared is not None else d.answer,
        _status(d.status),
        _fmt_claim(check.measured if check else None, d.unit),
        "measured" if check else "not available",
        verdict,
    ]


def claims_section(inputs: EsgInputs) -> Section:
    """The vendor's declared figures beside what the data measured.

    Verdicts are vetting's (``vendor_claims``): the same checks, and the same count of
    contradicted claims, as the board pack's.
    """
    title = "Declared against measured"
    checks = {c.question_id: c for c in inputs.claims}
    claims = [
        d
        for d in inputs.declarations
        if d.claim_key and (d.pillar in ("labour", "welfare") or d.question_id in checks)
    ]
    if not inputs.assessed or not (claims or checks):
        return Section(
            id="claims",
            title=title,
            blocks=[
                Note(
                    text=f"{inputs.vendor_id} has no answered due-diligence questionnaire with "
                    "labour claims: nothing declared to compare (`fairshore vet`).",
                    kind="missing_data",
                )
            ],
        )
    rows = [_claim_row(d, checks.get(d.question_id)) for d in claims]
    shown = {d.question_id for d in claims}
    rows += [
        [
            c.label,
            _fmt_claim(c.declared, c.unit),
            "",
            _fmt_claim(c.measured, c.unit),
            "measured",
            "contradicted by data" if c.contradicted else "consistent with data",
        ]
        for c in inputs.claims
        if c.question_id not in shown
    ]
    contradicted = contradicted_count(inputs.claims)
    light: Light = "red" if contradicted else "green"
    return Section(
        id="claims",
        title=title,
        light=light,
        blocks=[
            figure(
                "Declarations contradicted by data", float(contradicted), str(contradicted), light
            ),
            *score_figures(inputs.scorecard, light),
            Table(
                title="Labour declarations and measurements",
                columns=[
                    "question",
                    "declared",
                    "declaration evidence",
                    "measured",
                    "measurement",
                    "verdict",
                ],
                rows=rows,
                caption="Declared figures come from the questionnaire; measured ones from the "
                "data (the engagement that contradicts a claim, else the first measured; "
                "other claims the data tests follow the labour ones). Neither replaces the "
                "other.",
            ),
        ],
    )


def environment_section(inputs: EsgInputs) -> Section:
    """Environment figures the vendor declared, each with its evidence status."""
    title = "Environment (declared by the vendor)"
    env = [d for d in inputs.declarations if d.pillar == "environment"]
    if not inputs.assessed or not env:
        return Section(
            id="environment",
            title=title,
            blocks=[
                Note(
                    text=f"Not available: {inputs.vendor_id} has declared no environment figures "
                    "(no answered due-diligence questionnaire).",
                    kind="missing_data",
                )
            ],
        )
    with_evidence = sum(1 for d in env if d.status == "declared_with_evidence")
    declared = sum(1 for d in env if d.status != "not_available")
    light: Light = (
        "green" if declared and with_evidence == declared else "amber" if declared else "grey"
    )
    shown = None if not declared else float(with_evidence)
    return Section(
        id="environment",
        title=title,
        light=light,
        blocks=[
            figure(
                "Environment declarations with evidence",
                shown,
                f"{with_evidence} of {declared} declared",
                light,
                "none of these figures is measured by Fairshore",
            ),
            Table(
                title="Environment declarations",
                columns=["question", "declared", "evidence status", "evidence"],
                rows=[[d.question, d.answer, _status(d.status), d.evidence] for d in env],
                caption="From the vendor's questionnaire (rubric pillar 'environment'); evidence "
                "counts only when valid on the period's last day and in scope.",
            ),
        ],
    )
