"""Verdicts from evidence: measured figures overrule the answers they test.

Three rules, each stated in ``docs/vetting.md`` ("Verdicts from evidence"):

1. A claim the data contradicts (worse than declared by more than the claim's
   ``tolerance`` in the rubric) earns no credit.
2. Rules (red flags, green lights, knock-outs) read the measured figure in place of the
   answer wherever one is measured, at the rubric's own thresholds: the flag follows
   the data, not the answer (a vendor declaring 20 % attrition with 83 % measured is
   flagged; one declaring 50 % with 15 % measured is not).
3. A contradicted claim loses every green light that reads it and raises every red flag
   that reads it: declaring more than the data shows is the "vague answers" the seed
   scorecard warns of.

A measurement the vendor contested successfully (``set_aside``) judges nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from fairshore.vetting.claims import describe, format_figure
from fairshore.vetting.measured import ClaimCheck, MeasuredFigure, MeasuredFigures
from fairshore.vetting.model import Question, Rubric, condition_questions
from fairshore.vetting.scores import Contribution, RuleHit
from fairshore.vetting.submissions import Answer, AnswerValue


def measured_answer(question: Question, figure: MeasuredFigure) -> AnswerValue:
    """The answer the measured figure gives to ``question``, in the answer's own unit.

    A yes/no claim is answered yes when the figure meets what "yes" declares (within the
    claim's tolerance); a number or percentage is the figure over the claim's scale.
    None when the question's answer cannot be read from a figure.
    """
    claim = question.claim
    if claim is None:
        return None
    value = Decimal(repr(figure.value))
    if question.type == "yes_no" and claim.yes_means is not None:
        gap = claim.yes_means - value if claim.higher_is_better else value - claim.yes_means
        return gap <= claim.tolerance
    if question.type in ("number", "percentage") and claim.scale:
        return value / claim.scale
    return None


def rule_answers(
    rubric: Rubric,
    answers: Mapping[str, Answer],
    measured: MeasuredFigures,
    *,
    set_aside: frozenset[str] = frozenset(),
) -> tuple[dict[str, Answer], dict[str, MeasuredFigure]]:
    """The answers rules read: the measured answer wherever a figure judges the question.

    Returns the answers and, by question id, the figure that replaced each answer.
    """
    out = dict(answers)
    used: dict[str, MeasuredFigure] = {}
    for q in rubric.questions:
        if q.claim is None or q.claim.key in set_aside:
            continue
        figure = measured.figures.get(q.claim.key)
        value = None if figure is None else measured_answer(q, figure)
        if figure is None or value is None:
            continue
        out[q.id] = Answer(q.id, value, source="measured")
        used[q.id] = figure
    return out, used


def note_contradicted(
    contributions: tuple[Contribution, ...], lost: Mapping[str, ClaimCheck]
) -> tuple[Contribution, ...]:
    """Breakdown lines that say why a contradicted claim earns nothing."""
    return tuple(
        replace(c, note=f"contradicted by data: {describe(lost[c.question_id])}")
        if c.question_id in lost
        else c
        for c in contributions
    )


def adjust_hits(
    rubric: Rubric,
    hits: list[RuleHit],
    *,
    measured_by: Mapping[str, MeasuredFigure],
    contradicted: Mapping[str, ClaimCheck],
) -> list[RuleHit]:
    """Say which hits the data raised, drop green lights resting on a contradicted claim,
    and raise the red flags that read one (in rubric order)."""
    fired = {h.rule_id: h for h in hits}
    out: list[RuleHit] = []
    for rule in rubric.rules:
        read = list(dict.fromkeys(condition_questions(rule.when)))
        against = [contradicted[q] for q in read if q in contradicted]
        hit = fired.get(rule.id)
        if against and rule.kind == "green_light":
            continue
        if against and rule.kind == "red_flag":
            detail = "; ".join(describe(c) for c in against)
            base = hit or RuleHit(rule.id, rule.kind, rule.title, rule.pillar)
            out.append(replace(base, basis="contradicted", detail=detail))
            continue
        if hit is None:
            continue
        figures = [(q, measured_by[q]) for q in read if q in measured_by]
        if figures:
            hit = replace(
                hit, basis="measured", detail="; ".join(_measured(rubric, *f) for f in figures)
            )
        out.append(hit)
    return out


def _measured(rubric: Rubric, question_id: str, figure: MeasuredFigure) -> str:
    claim = rubric.question(question_id).claim
    assert claim is not None  # only claim questions are measured
    return f"measured {format_figure(Decimal(repr(figure.value)), claim.unit)} ({figure.source})"
