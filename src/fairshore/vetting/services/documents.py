"""Use cases of evidence documents: store them and say which count on a day."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from fairshore.adapters.db import vetting_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.errors import InputError, VettingError
from fairshore.vetting.evidence import EvidenceState, evidence_state, usable
from fairshore.vetting.model import VERIFICATION_STATUSES, Evidence, VerificationStatus
from fairshore.vetting.rubric import get_rubric
from fairshore.vetting.services.assessments import _vendor, load_assessment


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
    questions: tuple[str, ...] = (),
) -> Evidence:
    """Store a document under ``<workspace>/evidence/<sha256>`` and record what it proves.

    ``questions`` are the ids of the questions it supports (each must be in the rubric).
    """
    _vendor(ws, vendor_id)
    known = {q.id for q in get_rubric().questions}
    unknown = [q for q in questions if q not in known]
    if unknown:
        raise InputError(f"no question {', '.join(unknown)} in the questionnaire")
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
        questions=tuple(dict.fromkeys(questions)),
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


def evidence_by_question(documents: list[Evidence]) -> dict[str, list[Evidence]]:
    """The documents linked to each question id (the other side of ``Evidence.questions``)."""
    linked: dict[str, list[Evidence]] = {}
    for d in documents:
        for q in d.questions:
            linked.setdefault(q, []).append(d)
    return linked


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
