"""The vendor portal and the client's side of it.

A vendor user fills in its questionnaire, adds evidence, reads its own scorecard
line by line and contests a line; the client's analysts resolve contests. Vendors
respond to findings on their engagements (explanation and corrective action plan);
analysts move findings along the workflow; auditors record audits. Every change is
appended to the audit log (``audit_trail.log_change``), every download is logged.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from fairshore.accounts.model import Principal
from fairshore.attention.owners import eligible_owners
from fairshore.attention.services import notify_contest, notify_response
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Vendor
from fairshore.engagements.services import list_vendors
from fairshore.entrypoints.web.audit_trail import audited_download, log_change
from fairshore.entrypoints.web.deps import (
    require,
    tenant,
    visible_contest,
    visible_engagement,
    visible_finding,
    visible_vendor,
    workspace,
)
from fairshore.entrypoints.web.intake import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_SUFFIXES,
    save_upload,
    scratch_folder,
)
from fairshore.entrypoints.web.pages import render, visible_engagements
from fairshore.errors import GovernanceError, InputError, NotFoundError
from fairshore.governance import services as governance
from fairshore.governance.model import Audit, FindingStatus, Nonconformity
from fairshore.people.audit_pay import measured_pay
from fairshore.vetting import services as vetting
from fairshore.vetting.model import AnswerValue, Question
from fairshore.vetting.rubric import get_rubric

router = APIRouter()
WS = Annotated[Workspace, Depends(workspace)]
Reader = Annotated[Principal, Depends(require("read"))]
Answerer = Annotated[Principal, Depends(require("answer_questionnaire"))]
Exporter = Annotated[Principal, Depends(require("export"))]
RowId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
NC_ROWS = 5
STATUSES: tuple[FindingStatus, ...] = ("open", "action_planned", "awaiting_verification", "closed")


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


# ------------------------------------------------------------------- portal home


@router.get("/portal", response_class=HTMLResponse)
def portal_home(request: Request, ws: WS, who: Reader) -> Response:
    view = tenant(ws, who)
    vendors = [v for v in list_vendors(view) if who.sees_vendor(v.id)]
    contests = [c for c in vetting.list_contests(view) if who.sees_vendor(c.vendor_id)]
    return render(
        request,
        "portal.html",
        who,
        vendors=vendors,
        contests=contests,
        engagements=visible_engagements(ws, who),
    )


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
        f"/portal/vendors/{vendor.id}/questionnaire?saved={len(answers)}", status_code=303
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
    )
    return RedirectResponse(f"/portal/vendors/{vendor.id}/questionnaire", status_code=303)


def _error(
    request: Request, ws: Workspace, who: Principal, vendor: Vendor, message: str
) -> Response:
    response = _questionnaire(request, ws, who, vendor, error=message)
    response.status_code = 422
    return response


# ---------------------------------------------------------------- scorecard, contests


@router.post("/portal/vendors/{vendor_id}/contests")
def contest_add(
    vendor_id: str,
    ws: WS,
    who: Answerer,
    question_id: Annotated[str, Form(max_length=80)],
    reason: Annotated[str, Form(max_length=5000)],
) -> Response:
    vendor = visible_vendor(ws, who, vendor_id)
    contest = vetting.contest_item(tenant(ws, who), vendor.id, question_id, reason)
    log_change(
        ws, who, "contest.add", f"contest:{contest.id}", vendor_id=vendor.id, question=question_id
    )
    notify_contest(tenant(ws, who), contest, by=who.email)
    return RedirectResponse(f"/scorecards/{vendor.id}#contests", status_code=303)


@router.post("/portal/contests/{contest_id}")
def contest_resolve(
    contest_id: RowId,
    ws: WS,
    who: Annotated[Principal, Depends(require("resolve_contest"))],
    status: Annotated[str, Form(max_length=20)],
    resolution: Annotated[str, Form(max_length=5000)],
) -> Response:
    view = tenant(ws, who)
    visible_contest(ws, who, contest_id)
    contest = vetting.resolve_contest(view, contest_id, status=status, resolution=resolution)
    log_change(
        ws,
        who,
        "contest.resolve",
        f"contest:{contest.id}",
        vendor_id=contest.vendor_id,
        status=contest.status,
    )
    return RedirectResponse(f"/scorecards/{contest.vendor_id}#contests", status_code=303)


# ---------------------------------------------------------------------- findings


@router.get("/portal/findings/{finding_id}", response_class=HTMLResponse)
def finding_page(request: Request, finding_id: RowId, ws: WS, who: Reader) -> Response:
    visible_finding(ws, who, finding_id)
    return finding_view(request, ws, who, finding_id, request.query_params.get("error"))


def finding_view(
    request: Request, ws: Workspace, who: Principal, finding_id: int, error: str | None
) -> HTMLResponse:
    """The finding page (checked visible by the caller), with ``error`` if any."""
    view = tenant(ws, who)
    record, history = governance.get_finding(view, finding_id)
    owners = eligible_owners(view) if who.can("update_finding") else []
    return render(
        request, "finding.html", who, record=record, history=list(reversed(history)),
        statuses=STATUSES, error=error, owners=owners,
    )  # fmt: skip


def _finding_error(
    request: Request, ws: Workspace, who: Principal, finding_id: int, message: str
) -> Response:
    response = finding_view(request, ws, who, finding_id, message)
    response.status_code = 409
    return response


@router.post("/portal/findings/{finding_id}/respond", response_class=HTMLResponse)
def finding_respond(
    request: Request,
    finding_id: RowId,
    ws: WS,
    who: Annotated[Principal, Depends(require("respond_finding"))],
    response: Annotated[str, Form(max_length=5000)],
    corrective_action: Annotated[str, Form(max_length=5000)] = "",
    owner: Annotated[str, Form(max_length=200)] = "",
    plan_due_on: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    visible_finding(ws, who, finding_id)
    try:
        due = date.fromisoformat(plan_due_on) if plan_due_on else None
        record = governance.respond_to_finding(
            tenant(ws, who),
            finding_id,
            actor=who.email,
            response=response,
            corrective_action=corrective_action or None,
            owner=owner or None,
            plan_due_on=due,
        )
    except ValueError:
        return _finding_error(request, ws, who, finding_id, "dates are written YYYY-MM-DD")
    except NotFoundError:
        raise
    except (InputError, GovernanceError) as exc:
        return _finding_error(request, ws, who, finding_id, str(exc))
    log_change(
        ws,
        who,
        "finding.respond",
        f"finding:{finding_id}",
        status=record.status,
        plan_due_on=plan_due_on or None,
    )
    notify_response(tenant(ws, who), record, by=who.email)
    return RedirectResponse(f"/portal/findings/{finding_id}", status_code=303)


@router.post("/portal/findings/{finding_id}/update", response_class=HTMLResponse)
def finding_update(
    request: Request,
    finding_id: RowId,
    ws: WS,
    who: Annotated[Principal, Depends(require("update_finding"))],
    status: Annotated[str, Form(max_length=30)] = "",
    owner: Annotated[str, Form(max_length=200)] = "",
    due_on: Annotated[str, Form(max_length=10)] = "",
    corrective_action: Annotated[str, Form(max_length=5000)] = "",
    verification_method: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    visible_finding(ws, who, finding_id)
    chosen = next((s for s in STATUSES if s == status), None)
    if status and chosen is None:
        return _finding_error(request, ws, who, finding_id, f"unknown status {status!r}")
    try:
        due = date.fromisoformat(due_on) if due_on else None
        record = governance.update_finding(
            tenant(ws, who),
            finding_id,
            actor=who.email,
            status=chosen,
            owner=owner or None,
            due_on=due,
            corrective_action=corrective_action or None,
            verification_method=verification_method or None,
            note=note or None,
        )
    except ValueError:
        return _finding_error(request, ws, who, finding_id, "dates are written YYYY-MM-DD")
    except NotFoundError:
        raise
    except (InputError, GovernanceError) as exc:
        return _finding_error(request, ws, who, finding_id, str(exc))
    log_change(
        ws,
        who,
        "finding.update",
        f"finding:{finding_id}",
        status=record.status,
        owner=owner or None,
        due_on=due_on or None,
        verification_method=verification_method or None,
    )
    return RedirectResponse(f"/portal/findings/{finding_id}", status_code=303)


# ------------------------------------------------------------------------ audits


def _audits(request: Request, ws: Workspace, who: Principal, **extra: object) -> HTMLResponse:
    engagements = visible_engagements(ws, who)
    ids = {e.id for e in engagements}
    audits = [a for a in governance.list_audits(tenant(ws, who)) if a.engagement_id in ids]
    context: dict[str, object] = {
        "engagements": engagements,
        "audits": sorted(audits, key=lambda a: (a.audited_on, a.id or 0), reverse=True),
        "nc_rows": range(1, NC_ROWS + 1),
        "error": None,
        "recorded": None,
    }
    return render(request, "audits.html", who, **(context | extra))


@router.get("/portal/audits", response_class=HTMLResponse)
def audits_page(request: Request, ws: WS, who: Reader, recorded: int | None = None) -> Response:
    return _audits(request, ws, who, recorded=recorded)


@router.post("/portal/audits", response_class=HTMLResponse)
async def audit_record(
    request: Request, ws: WS, who: Annotated[Principal, Depends(require("record_audit"))]
) -> Response:
    form = await request.form()

    def field(name: str, limit: int = 500) -> str:
        return str(form.get(name) or "").strip()[:limit]

    def record() -> Response:
        engagement_id = field("engagement_id", 64)
        visible_engagement(ws, who, engagement_id)
        try:
            nonconformities = [
                Nonconformity(
                    grade=field(f"nc_grade_{i}"),
                    title=field(f"nc_title_{i}"),
                    pillar=field(f"nc_pillar_{i}", 40) or None,
                )
                for i in range(1, NC_ROWS + 1)
                if field(f"nc_title_{i}")
            ]
            audit = Audit(
                engagement_id=engagement_id,
                auditor=field("auditor", 200) or who.email,
                audited_on=date.fromisoformat(field("audited_on", 10)),
                scope=field("scope"),
                pillars=[p.strip() for p in field("pillars").split(",") if p.strip()],
                nonconformities=nonconformities,
            )
        except (ValidationError, ValueError) as exc:
            message = (
                "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                if isinstance(exc, ValidationError)
                else "the audit date is written YYYY-MM-DD"
            )
            response = _audits(request, ws, who, error=message)
            response.status_code = 422
            return response
        view = tenant(ws, who)
        measured = measured_pay(view, audit.engagement_id, audited_on=audit.audited_on)
        stored, score, outcome = governance.add_audit(view, audit, measured=measured)
        log_change(
            ws,
            who,
            "audit.record",
            f"audit:{stored.id}",
            engagement_id=engagement_id,
            audited_on=str(stored.audited_on),
            nonconformities=len(nonconformities),
            findings_opened=outcome.opened,
            score=score.score,
        )
        return RedirectResponse(f"/portal/audits?recorded={stored.id}", status_code=303)

    return await run_in_threadpool(record)
