"""Scoring an assessment: judge each question, hand the lines to a method, add rules.

Deterministic: the same rubric, answers, evidence, measured figures, method and day
give the same score, to the exact fraction. Given measured figures, the score is the
evidence-adjusted verdict (``verdicts``); without, what the answers alone earn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction

from fairshore.vetting.answers import credit
from fairshore.vetting.claims import compare
from fairshore.vetting.evidence import evidence_state, expiry_warnings, valid_types
from fairshore.vetting.measured import MeasuredFigures
from fairshore.vetting.methods import Line, Method
from fairshore.vetting.methods.base import LineStatus
from fairshore.vetting.model import Assessment, Evidence, Question, Rubric, Score
from fairshore.vetting.rules import RuleInputs, fired
from fairshore.vetting.verdicts import adjust_hits, note_contradicted, rule_answers


def judge(
    question: Question, assessment: Assessment, documents: Sequence[Evidence], *, as_of: date
) -> Line:
    """One question's status, credit and evidence; unanswered required = worst answer."""
    answer = assessment.answers.get(question.id)
    state = evidence_state(question, answer, documents, as_of=as_of, scope=assessment.scope)
    if answer is not None and answer.na and question.na_allowed:
        return Line(question=question, status="na", credit=Fraction(0), evidence=state)
    if answer is None and question.type == "document" and state in ("valid", "self_declared"):
        # A document question is answered by the document itself.
        return Line(question=question, status="answered", credit=Fraction(1), evidence=state)
    if answer is None or answer.na or answer.value is None:
        status: LineStatus = "unanswered_required" if question.required else "unanswered_optional"
        return Line(question=question, status=status, credit=Fraction(0), evidence=state)
    return Line(
        question=question,
        status="answered",
        credit=credit(question, answer.value, as_of=as_of),
        evidence=state,
    )


def score(
    rubric: Rubric,
    assessment: Assessment,
    documents: Sequence[Evidence],
    *,
    method: Method,
    as_of: date,
    warn_days: int = 60,
    measured: MeasuredFigures | None = None,
    set_aside: frozenset[str] = frozenset(),
) -> Score:
    """Score a vendor's assessment under ``method`` on day ``as_of``.

    ``measured``: figures measured from the vendor's data; contradicted claims then earn
    nothing and rules read the figures (``docs/vetting.md``, "Verdicts from evidence").
    ``set_aside``: claim keys whose measurement the vendor contested successfully.
    """
    evidence = measured or MeasuredFigures()
    checks = compare(rubric, assessment, evidence, set_aside=set_aside)
    lost = {c.question_id: c for c in checks if c.contradicted and c.judges}
    lines = [judge(q, assessment, documents, as_of=as_of) for q in rubric.questions]
    lines = [replace(ln, credit=Fraction(0)) if ln.question.id in lost else ln for ln in lines]
    result = method.score(rubric, lines)
    answers, measured_by = rule_answers(rubric, assessment.answers, evidence, set_aside=set_aside)
    raw = fired(
        rubric,
        RuleInputs(
            answers=answers,
            context=assessment.context,
            valid_evidence_types=frozenset(
                valid_types(documents, as_of=as_of, scope=assessment.scope)
            ),
        ),
    )
    hits = adjust_hits(rubric, raw, measured_by=measured_by, contradicted=lost)
    return Score(
        vendor_id=assessment.vendor_id,
        rubric=rubric.ref,
        method=f"{method.id}@{method.version}",
        as_of=as_of,
        total=result.total,
        band=result.band,
        pillars=result.pillars,
        contributions=note_contradicted(result.contributions, lost),
        confidence=confidence(lines),
        red_flags=tuple(h for h in hits if h.kind == "red_flag"),
        green_lights=tuple(h for h in hits if h.kind == "green_light"),
        knock_outs=tuple(h for h in hits if h.kind == "knock_out"),
        expiry_warnings=tuple(expiry_warnings(documents, as_of=as_of, warn_days=warn_days)),
    )


def confidence(lines: Sequence[Line]) -> Fraction:
    """Share of claims backed by valid evidence.

    A claim is an answered question that asks for evidence and earns some credit
    (a "no" claims nothing). With no claims at all, confidence is 0.
    """
    claims = [
        ln
        for ln in lines
        if ln.status == "answered" and ln.question.evidence and ln.credit > 0 and ln.active
    ]
    if not claims:
        return Fraction(0)
    return Fraction(sum(1 for ln in claims if ln.evidence == "valid"), len(claims))
