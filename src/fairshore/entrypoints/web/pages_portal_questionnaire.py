"""The vendor portal's questionnaire: answers, the workbook, evidence documents.

Every change is appended to the audit log (``audit_trail.log_change``).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from fairshore.accounts.model import Principal
from fairshore.attention.vendor_queue import answerable
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Vendor
from fairshore.entrypoints.web.audit_trail import audited_download, log_change
from fairshore.entrypoints.web.deps import (
    require,
    tenant,
    visible_vendor,
    workspace,
)
from fairshore.entrypoints.web.intake import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_SUFFIXES,
    save_upload,
    scratch_folder,
)
from fairshore.entrypoints.web.pages import render
from fairshore.errors import InputError, NotFoundError
from fairshore.vetting import services as vetting
from fairshore.vetting.model import AnswerValue, Question
from fairshore.vetting.rubric import get_rubric

router = APIRouter()
WS = Annotated[Workspace, Depends(workspace)]
Reader = Annotated[Principal, Depends(require("read"))]
Answerer = Annotated[Principal, Depends(require("answer_questionnaire"))]
Exporter = Annotated[Principal, Depends(require("export"))]


def _text(value: AnswerValue, na: bool) -> str:
    if na:
        return "n/a"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)  # Decimal, date or text


# ------------------------------------------------------------------ questionnaire


def _questionnaire(
    request: Request,
    ws: Workspace,
    who: Principal,
    vendor: Vendor,
    *,
    error: str | None = None,
    sent: dict[str, str] | None = None,
    saved: int | None = None,
) -> HTMLResponse:
    rubric = get_rubric()
    assessment = vetting.load_assessment(tenant(ws, who), vendor.id, rubric=rubric)
    current = {qid: _text(a.value, a.na) for qid, a in assessment.answers.items()} | (sent or {})
    notes = {qid: a.note for qid, a in assessment.answers.items()}
    pillars = [(p, rubric.pillar_questions(p.id)) for p in rubric.pillars]
    evidence = vetting.list_evidence(tenant(ws, who), vendor.id)
    asked = {q.id for q in answerable(rubric)}
    progress = {
        p.id: (
            sum(q.id in assessment.answers for q in qs if q.id in asked),
            sum(q.id in asked for q in qs),
        )
        for p, qs in pillars
    }
    return render(
        request,
        "questionnaire.html",
        who,
        vendor=vendor,
        rubric=rubric,
        pillars=pillars,
        current=current,
        notes=notes,
        evidence=evidence,
        linked=vetting.evidence_by_question(evidence),
        progress=progress,
        answered=sum(a for a, _ in progress.values()),
        asked=len(asked),
        error=error,
        saved=saved,
        editable=who.can("answer_questionnaire"),
    )


@router.get("/portal/vendors/{vendor_id}/questionnaire", response_class=HTMLResponse)
def questionnaire_page(
    request: Request, vendor_id: str, ws: WS, who: Reader, saved: int | None = None
) -> Response:
    return _questionnaire(request, ws, who, visible_vendor(ws, who, vendor_id), saved=saved)


def _answers_from(
    form: Any, questions: tuple[Question, ...]
) -> tuple[dict[str, str], dict[str, str]]:
    raw: dict[str, str] = {}
    notes: dict[str, str] = {}
    for q in questions:
        if q.type == "document":
            continue
        values = [str(v) for v in form.getlist(f"q.{q.id}") if str(v).strip()]
        if values:
            raw[q.id] = ", ".join(values)[:5000]
        note = str(form.get(f"note.{q.id}") or "").strip()
        if note:
            notes[q.id] = note[:2000]
    return raw, notes


@router.post("/portal/vendors/{vendor_id}/questionnaire", response_class=HTMLResponse)
async def questionnaire_save(request: Request, vendor_id: str, ws: WS, who: Answerer) -> Response:
    vendor = await run_in_threadpool(visible_vendor, ws, who, vendor_id)
    form = await request.form()
    raw, notes = _answers_from(form, get_rubric().questions)
    try:
        answers = await run_in_threadpool(
            lambda: vetting.answer_questions(tenant(ws, who), vendor.id, raw, notes=notes)
        )
    except InputError as exc:
        message = str(exc)
        response = await run_in_threadpool(
            lambda: _questionnaire(request, ws, who, vendor, error=message, sent=raw)
        )
        response.status_code = 422
        return response
    await run_in_threadpool(
        log_change,
        ws,
        who,
        "questionnaire.answer",
        f"vendor:{vendor.id}",
        questions=[a.question_id for a in answers],
    )
    return RedirectResponse(
        f"/portal/vendors/{vendor.id}/questionnaire?saved={len(answers)}&done=answers",
        status_code=303,
    )


@router.get("/portal/vendors/{vendor_id}/questionnaire.xlsx")
def questionnaire_workbook(vendor_id: str, ws: WS, who: Exporter) -> Response:
    vendor = visible_vendor(ws, who, vendor_id)
    with tempfile.TemporaryDirectory() as folder:
        out = vetting.export_questionnaire(
            tenant(ws, who), vendor.id, Path(folder) / "q.xlsx", today=ws.today()
        )
        content = out.read_bytes()
    return audited_download(
        ws,
        who,
        content,
        filename=f"{vendor.id}-questionnaire.xlsx",
        target=f"vendor:{vendor.id}:questionnaire",
    )


@router.post("/portal/vendors/{vendor_id}/evidence", response_class=HTMLResponse)
def evidence_add(
    request: Request,
    vendor_id: str,
    ws: WS,
    who: Answerer,
    file: Annotated[UploadFile, File()],
    type: Annotated[str, Form(max_length=60)],
    issuer: Annotated[str, Form(max_length=200)],
    scope: Annotated[str, Form(max_length=500)] = "*",
    valid_from: Annotated[str, Form(max_length=10)] = "",
    valid_until: Annotated[str, Form(max_length=10)] = "",
    questions: Annotated[list[str] | None, Form(max_length=80)] = None,
) -> Response:
    vendor = visible_vendor(ws, who, vendor_id)
    try:
        start = date.fromisoformat(valid_from) if valid_from else None
        end = date.fromisoformat(valid_until) if valid_until else None
        with scratch_folder(ws.folder("uploads")) as folder:
            path = save_upload(
                file.file,
                file.filename,
                folder,
                allowed=EVIDENCE_SUFFIXES,
                max_bytes=EVIDENCE_MAX_BYTES,
            )
            evidence = vetting.add_evidence(
                tenant(ws, who),
                vendor.id,
                path,
                type=type,
                issuer=issuer,
                scope=tuple(s.strip() for s in scope.split(",") if s.strip()) or ("*",),
                valid_from=start,
                valid_until=end,
                status="document_provided",
                questions=tuple(questions or ())[:50],
            )
    except ValueError:
        return _error(request, ws, who, vendor, "dates are written YYYY-MM-DD")
    except NotFoundError:
        raise
    except InputError as exc:
        return _error(request, ws, who, vendor, str(exc))
    log_change(
        ws,
        who,
        "evidence.add",
        f"vendor:{vendor.id}:evidence:{evidence.sha256[:12]}",
        type=evidence.type,
        filename=evidence.filename,
        valid_until=str(evidence.valid_until) if evidence.valid_until else None,
        questions=list(evidence.questions),
    )
    return RedirectResponse(
        f"/portal/vendors/{vendor.id}/questionnaire?done=evidence#evidence", status_code=303
    )


def _error(
    request: Request, ws: Workspace, who: Principal, vendor: Vendor, message: str
) -> Response:
    response = _questionnaire(request, ws, who, vendor, error=message)
    response.status_code = 422
    return response
