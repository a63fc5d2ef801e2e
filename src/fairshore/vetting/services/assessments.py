"""Use cases of answering the questionnaire: load, store and import answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fairshore.adapters.db import repositories as entity_repo
from fairshore.adapters.db import vetting_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.errors import InputError, NotFoundError
from fairshore.vetting import questionnaire
from fairshore.vetting.answers import decode_value, encode_value, is_na, parse_value
from fairshore.vetting.model import Answer, Assessment, Rubric
from fairshore.vetting.rubric import DEFAULT_RUBRIC, get_rubric

DEFAULT_CONTEXT: dict[str, str | bool] = {"handles_personal_data": True}


def _vendor(ws: Workspace, vendor_id: str) -> None:
    with ws.db.begin() as conn:
        if entity_repo.get_vendor(conn, ws.organisation_id, vendor_id) is None:
            raise NotFoundError(f"unknown vendor {vendor_id!r} (see 'fairshore vendor list')")


def _assessment_id(vendor_id: str, rubric_id: str) -> str:
    return f"{vendor_id}:{rubric_id}"


def load_assessment(ws: Workspace, vendor_id: str, *, rubric: Rubric | None = None) -> Assessment:
    """The vendor's assessment against ``rubric`` (empty when nothing is answered yet)."""
    rubric = rubric or get_rubric(DEFAULT_RUBRIC)
    _vendor(ws, vendor_id)
    with ws.db.begin() as conn:
        row = repo.get_assessment(conn, ws.organisation_id, vendor_id, rubric.id)
        rows = [] if row is None else repo.get_answers(conn, row["id"])
    known = {q.id for q in rubric.questions}
    answers = {
        r["question_id"]: Answer(
            question_id=r["question_id"],
            value=None if r["na"] else decode_value(rubric.question(r["question_id"]), r["value"]),
            na=r["na"],
            evidence_refs=tuple(r["evidence_refs"]),
            note=r["note"],
            source=r["source"],
        )
        for r in rows
        if r["question_id"] in known
    }
    return Assessment(
        vendor_id=vendor_id,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        scope=tuple(row["scope"]) if row else (),
        context=dict(row["context"]) if row else dict(DEFAULT_CONTEXT),
        answers=answers,
    )


def save_answers(
    ws: Workspace,
    vendor_id: str,
    answers: list[Answer],
    *,
    rubric: Rubric,
    scope: tuple[str, ...] | None = None,
    context: dict[str, str | bool] | None = None,
) -> None:
    """Store answers (replacing earlier ones to the same questions), scope and context."""
    current = load_assessment(ws, vendor_id, rubric=rubric)
    with ws.db.begin() as conn:
        aid = _assessment_id(vendor_id, rubric.id)
        repo.save_assessment(
            conn,
            ws.organisation_id,
            assessment_id=aid,
            vendor_id=vendor_id,
            rubric_id=rubric.id,
            rubric_version=rubric.version,
            scope=list(scope if scope is not None else current.scope),
            context=dict(context if context is not None else current.context),
        )
        for a in answers:
            repo.save_answer(
                conn,
                aid,
                question_id=a.question_id,
                value=encode_value(a.value),
                na=a.na,
                evidence_refs=list(a.evidence_refs),
                note=a.note,
                source=a.source,
            )


def set_assessment_scope(
    ws: Workspace,
    vendor_id: str,
    *,
    scope: tuple[str, ...],
    handles_personal_data: bool = True,
    rubric_id: str = DEFAULT_RUBRIC,
) -> Assessment:
    """Set what the assessment covers (site or service tags) and if personal data is handled."""
    rubric = get_rubric(rubric_id)
    save_answers(
        ws,
        vendor_id,
        [],
        rubric=rubric,
        scope=scope,
        context={"handles_personal_data": handles_personal_data},
    )
    return load_assessment(ws, vendor_id, rubric=rubric)


def answer_question(
    ws: Workspace,
    vendor_id: str,
    question_id: str,
    raw: str,
    *,
    evidence_refs: tuple[str, ...] = (),
    note: str = "",
    rubric_id: str = DEFAULT_RUBRIC,
) -> Answer:
    """Answer one question from text (``yes``, ``85``, ``cba``, ``2026-01-31``, ``n/a``)."""
    rubric = get_rubric(rubric_id)
    try:
        question = rubric.question(question_id)
    except KeyError:
        raise NotFoundError(
            f"unknown question {question_id!r} in {rubric.ref} (see 'fairshore vet rubric show')"
        ) from None
    if is_na(raw):
        if not question.na_allowed:
            raise InputError(f"{question_id}: N/A is not allowed for this question")
        answer = Answer(question_id, None, na=True, evidence_refs=evidence_refs, note=note)
    else:
        try:
            value = parse_value(question, raw)
        except ValueError as exc:
            raise InputError(f"{question_id}: {exc}") from None
        answer = Answer(question_id, value, evidence_refs=evidence_refs, note=note)
    save_answers(ws, vendor_id, [answer], rubric=rubric)
    return answer


def answer_questions(
    ws: Workspace,
    vendor_id: str,
    raw: dict[str, str],
    *,
    notes: dict[str, str] | None = None,
    source: str = "web",
    rubric_id: str = DEFAULT_RUBRIC,
) -> list[Answer]:
    """Answer several questions from text at once; nothing is stored unless all are valid.

    Blank values are skipped (the earlier answer, if any, stays). Every invalid value
    is reported in one ``InputError``, one line per question.
    """
    rubric = get_rubric(rubric_id)
    _vendor(ws, vendor_id)
    notes = notes or {}
    answers: list[Answer] = []
    problems: list[str] = []
    for question_id, text in raw.items():
        if not text.strip():
            continue
        try:
            question = rubric.question(question_id)
        except KeyError:
            problems.append(f"{question_id}: unknown question in {rubric.ref}")
            continue
        note = notes.get(question_id, "").strip()
        if is_na(text):
            if not question.na_allowed:
                problems.append(f"{question_id}: N/A is not allowed for this question")
            else:
                answers.append(Answer(question_id, None, na=True, note=note, source=source))
            continue
        try:
            value = parse_value(question, text.strip())
        except ValueError as exc:
            problems.append(f"{question_id}: {exc}")
            continue
        answers.append(Answer(question_id, value, note=note, source=source))
    if problems:
        raise InputError("; ".join(problems))
    if answers:
        save_answers(ws, vendor_id, answers, rubric=rubric)
    return answers


def export_questionnaire(
    ws: Workspace, vendor_id: str, out: Path, *, rubric_id: str = DEFAULT_RUBRIC, today: date
) -> Path:
    """Write the vendor's questionnaire, pre-filled with its current answers."""
    rubric = get_rubric(rubric_id)
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    return questionnaire.export_questionnaire(
        rubric, out, vendor_id=vendor_id, answers=assessment.answers, exported_on=today
    )


def import_questionnaire(
    ws: Workspace,
    vendor_id: str,
    path: Path,
    *,
    rubric_id: str = DEFAULT_RUBRIC,
    allow_incomplete: bool = False,
) -> questionnaire.ImportedQuestionnaire:
    """Read a filled questionnaire and store its answers (nothing stored if any cell is bad)."""
    rubric = get_rubric(rubric_id)
    _vendor(ws, vendor_id)
    with ws.db.begin() as conn:
        known = [e.sha256 for e in repo.list_evidence(conn, ws.organisation_id, vendor_id)]
    imported = questionnaire.import_questionnaire(
        rubric, path, vendor_id=vendor_id, known_evidence=known, allow_incomplete=allow_incomplete
    )
    save_answers(ws, vendor_id, list(imported.answers), rubric=rubric)
    return imported
