"""Use cases of vendor due diligence: load, call the domain, save."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from fairshore.adapters.db import repositories as entity_repo
from fairshore.adapters.db import vetting_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.contracts.providers import load_provider_modules, measure_clause
from fairshore.errors import FairshoreError, InputError, NotFoundError, VettingError
from fairshore.governance.model import Finding
from fairshore.metrics.periods import Period
from fairshore.people.services import people_report
from fairshore.vetting import claims, criticality, questionnaire, ranking, scoring
from fairshore.vetting.answers import decode_value, encode_value, is_na, parse_value
from fairshore.vetting.evidence import EvidenceState, evidence_state, usable
from fairshore.vetting.methods import DEFAULT_METHOD, get_method
from fairshore.vetting.model import (
    VERIFICATION_STATUSES,
    Answer,
    Assessment,
    Contest,
    ContestStatus,
    Criticality,
    Evidence,
    MeasuredFigure,
    MeasuredFigures,
    Rubric,
    Score,
    VerificationStatus,
)
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
    known = [e.sha256 for e in list_evidence(ws, vendor_id)]
    imported = questionnaire.import_questionnaire(
        rubric, path, vendor_id=vendor_id, known_evidence=known, allow_incomplete=allow_incomplete
    )
    save_answers(ws, vendor_id, list(imported.answers), rubric=rubric)
    return imported


def add_evidence(
    ws: Workspace,
    vendor_id: str,
    file: Path,
    *,
    type: str,
    issuer: str,
    scope: tuple[str, ...],
    valid_from: date | None,
    valid_until: date | None,
    status: VerificationStatus | str = "document_provided",
) -> Evidence:
    """Store a document under ``<workspace>/evidence/<sha256>`` and record what it proves."""
    _vendor(ws, vendor_id)
    checked = next((v for v in VERIFICATION_STATUSES if v == status), None)
    if checked is None:
        raise InputError(
            f"status must be one of {', '.join(VERIFICATION_STATUSES)}, not {status!r}"
        )
    if valid_from and valid_until and valid_until < valid_from:
        raise InputError(f"valid until {valid_until} is before valid from {valid_from}")
    if not type.strip() or not issuer.strip():
        raise InputError("evidence needs a --type (e.g. iso27001) and an --issuer")
    try:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError as exc:
        raise VettingError(f"cannot read evidence file {file}: {exc.strerror}") from None
    target = ws.folder("evidence") / digest
    if not target.exists():
        shutil.copyfile(file, target)
    evidence = Evidence(
        sha256=digest,
        vendor_id=vendor_id,
        type=type.strip(),
        issuer=issuer.strip(),
        scope=scope,
        valid_from=valid_from,
        valid_until=valid_until,
        status=checked,
        filename=file.name,
        added_at=datetime.now(UTC),
    )
    with ws.db.begin() as conn:
        repo.save_evidence(conn, ws.organisation_id, evidence)
    return evidence


def list_evidence(ws: Workspace, vendor_id: str | None = None) -> list[Evidence]:
    """Evidence documents of one vendor, or of all."""
    if vendor_id is not None:
        _vendor(ws, vendor_id)
    with ws.db.begin() as conn:
        return repo.list_evidence(conn, ws.organisation_id, vendor_id)


@dataclass(frozen=True)
class EvidenceStatus:
    """A document and whether it counts on a given day for its vendor's assessment."""

    evidence: Evidence
    counts: bool
    days_left: int | None


def evidence_status(ws: Workspace, vendor_id: str | None, *, as_of: date) -> list[EvidenceStatus]:
    """Every document with whether it counts (valid, in scope) on ``as_of``."""
    out = []
    scopes: dict[str, tuple[str, ...]] = {}
    for e in list_evidence(ws, vendor_id):
        if e.vendor_id not in scopes:
            scopes[e.vendor_id] = load_assessment(ws, e.vendor_id).scope
        left = None if e.valid_until is None else (e.valid_until - as_of).days
        out.append(EvidenceStatus(e, usable(e, as_of=as_of, scope=scopes[e.vendor_id]), left))
    return out


def score_vendor(
    ws: Workspace,
    vendor_id: str,
    *,
    method: str = DEFAULT_METHOD,
    as_of: date,
    rubric_id: str = DEFAULT_RUBRIC,
    warn_days: int = 60,
) -> Score:
    """Score a vendor's assessment on ``as_of`` with the named method."""
    rubric = get_rubric(rubric_id)
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    documents = list_evidence(ws, vendor_id)
    return scoring.score(
        rubric, assessment, documents, method=get_method(method), as_of=as_of, warn_days=warn_days
    )


def assessed_vendors(ws: Workspace) -> list[str]:
    """Vendors with an assessment, by id."""
    with ws.db.begin() as conn:
        return sorted({r["vendor_id"] for r in repo.list_assessments(conn, ws.organisation_id)})


def data_version(ws: Workspace) -> tuple[object, ...]:
    """Changes whenever anything a score reads (answers, scope, evidence) changes."""
    with ws.db.begin() as conn:
        return repo.data_version(conn, ws.organisation_id)


def rank_vendors(
    ws: Workspace,
    *,
    method: str = DEFAULT_METHOD,
    as_of: date,
    rubric_id: str = DEFAULT_RUBRIC,
    draws: int = 1000,
    spread: float = 0.5,
    seed: int = 20251101,
) -> ranking.Ranking:
    """Rank every assessed vendor and measure how robust first place is to the weights."""
    rubric = get_rubric(rubric_id)
    chosen = get_method(method)
    scores = [
        score_vendor(ws, v, method=method, as_of=as_of, rubric_id=rubric_id)
        for v in assessed_vendors(ws)
    ]
    return ranking.rank(
        rubric,
        scores,
        draws=draws,
        spread=spread,
        seed=seed,
        pillar_weighted=chosen.pillar_weighted,
    )


def contest_item(ws: Workspace, vendor_id: str, question_id: str, reason: str) -> Contest:
    """Record a vendor's dispute of one item of its breakdown."""
    rubric = get_rubric()
    if question_id not in {q.id for q in rubric.questions}:
        raise NotFoundError(f"unknown question {question_id!r} in {rubric.ref}")
    if not reason.strip():
        raise InputError("a contest needs a reason")
    _vendor(ws, vendor_id)
    with ws.db.begin() as conn:
        return repo.add_contest(conn, ws.organisation_id, vendor_id, question_id, reason.strip())


def resolve_contest(
    ws: Workspace, contest_id: int, *, status: ContestStatus | str, resolution: str
) -> Contest:
    """Close a contest as upheld or rejected, saying why."""
    outcome: ContestStatus | None = next((v for v in ("upheld", "rejected") if v == status), None)
    if outcome is None:
        raise InputError("a contest is resolved as 'upheld' or 'rejected'")
    if not resolution.strip():
        raise InputError("say how the contest was resolved (--resolution)")
    with ws.db.begin() as conn:
        found = repo.get_contest(conn, ws.organisation_id, contest_id)
        if found is None:
            raise NotFoundError(f"unknown contest {contest_id}")
        if found.status != "open":
            raise VettingError(f"contest {contest_id} is already {found.status}")
        repo.resolve_contest(conn, contest_id, outcome, resolution.strip(), datetime.now(UTC))
        resolved = repo.get_contest(conn, ws.organisation_id, contest_id)
    assert resolved is not None
    return resolved


def list_contests(ws: Workspace, vendor_id: str | None = None) -> list[Contest]:
    with ws.db.begin() as conn:
        return repo.list_contests(conn, ws.organisation_id, vendor_id)


def measure_claims(ws: Workspace, engagement_id: str, *, period: Period) -> MeasuredFigures:
    """What an engagement's data shows over ``period`` for every claim the rubric checks
    (through the contract clause providers)."""
    load_provider_modules()
    first, last = period.start, period.last_day
    measured = claims.measured_from_clauses(
        {k: measure_clause(ws, k, engagement_id, first, last) for k in claims.CLAUSE_TO_CLAIM},
        engagement_id=engagement_id,
        period=period.label,
    )
    share = _living_wage_share(ws, engagement_id, period)
    if share is None:
        return measured
    return replace(measured, figures={**measured.figures, "living_wage_share": share})


def _living_wage_share(ws: Workspace, engagement_id: str, period: Period) -> MeasuredFigure | None:
    # No contract clause measures this share, so the people report does.
    try:
        return claims.living_wage_share(people_report(ws, engagement_id, period=period).pay.sites)
    except FairshoreError:
        return None


def check_claims(
    ws: Workspace, vendor_id: str, measured: MeasuredFigures, *, as_of: date
) -> list[Finding]:
    """Integrity findings where measured figures contradict the vendor's declared ones."""
    rubric = get_rubric()
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    return claims.integrity_findings(rubric, assessment, measured, observed_on=as_of)


def compare_claims(
    ws: Workspace, vendor_id: str, measured: MeasuredFigures
) -> list[claims.ClaimCheck]:
    """Every declared figure next to its measurement, contradicted or not."""
    rubric = get_rubric()
    return claims.compare(rubric, load_assessment(ws, vendor_id, rubric=rubric), measured)


def assess_criticality(
    ws: Workspace,
    engagement_id: str,
    *,
    data_sensitivity: criticality.DataSensitivity,
    monthly_volume: int,
    vulnerable_share: Decimal,
    assessed_on: date,
) -> Criticality:
    """Grade an engagement's inherent criticality and store it."""
    if data_sensitivity not in criticality.SENSITIVITY_GRADE:
        raise InputError(
            f"data sensitivity must be one of {', '.join(criticality.SENSITIVITY_GRADE)}"
        )
    if monthly_volume < 0 or not Decimal(0) <= vulnerable_share <= Decimal(1):
        raise InputError("monthly volume must be >= 0 and vulnerable share within 0..1")
    with ws.db.begin() as conn:
        if entity_repo.get_engagement(conn, ws.organisation_id, engagement_id) is None:
            raise NotFoundError(f"unknown engagement {engagement_id!r}")
    result = criticality.assess(
        engagement_id,
        data_sensitivity=data_sensitivity,
        monthly_volume=monthly_volume,
        vulnerable_share=vulnerable_share,
        assessed_on=assessed_on,
    )
    with ws.db.begin() as conn:
        repo.save_criticality(
            conn,
            ws.organisation_id,
            engagement_id=engagement_id,
            data_sensitivity=data_sensitivity,
            monthly_volume=monthly_volume,
            vulnerable_share=str(vulnerable_share),
            assessed_on=assessed_on,
        )
    return result


def list_criticality(ws: Workspace) -> list[Criticality]:
    """Every engagement's stored criticality, regraded with the current rules."""
    with ws.db.begin() as conn:
        rows = repo.list_criticality(conn, ws.organisation_id)
    return [
        criticality.assess(
            r["engagement_id"],
            data_sensitivity=r["data_sensitivity"],
            monthly_volume=r["monthly_volume"],
            vulnerable_share=Decimal(r["vulnerable_share"]),
            assessed_on=r["assessed_on"],
        )
        for r in rows
    ]


def claim_evidence_state(
    ws: Workspace, vendor_id: str, question_id: str, *, as_of: date
) -> EvidenceState:
    """Whether one answer is backed by valid evidence on ``as_of``."""
    rubric = get_rubric()
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    return evidence_state(
        rubric.question(question_id),
        assessment.answers.get(question_id),
        list_evidence(ws, vendor_id),
        as_of=as_of,
        scope=assessment.scope,
    )


def vendor_claims(
    ws: Workspace, vendor_id: str, *, engagement_ids: Sequence[str], period: Period
) -> list[claims.ClaimCheck]:
    """The vendor's declared figures against its engagements' data over ``period``.

    This is the one count of contradicted claims: the board pack, the ESG summary and
    the scorecard pages show it (``claims.contradicted_count``).
    """
    if vendor_id not in assessed_vendors(ws):
        return []
    measured = [measure_claims(ws, e, period=period) for e in engagement_ids]
    return worst_claims(ws, vendor_id, measured)


def worst_claims(
    ws: Workspace, vendor_id: str, measured: Sequence[MeasuredFigures]
) -> list[claims.ClaimCheck]:
    """One check per claim over several engagements' figures (``claims.worst``)."""
    rubric = get_rubric()
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    return claims.worst([claims.compare(rubric, assessment, figures) for figures in measured])
