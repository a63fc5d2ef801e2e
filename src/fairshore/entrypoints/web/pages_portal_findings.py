"""A finding's page: the vendor's response (with its proposed date and attachments) and
the analysts' workflow moves. Every change is appended to the audit log; every
attachment download is logged.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fairshore.accounts.model import Principal
from fairshore.attention.owners import eligible_owners
from fairshore.attention.services import notify_response
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.audit_trail import audited_download, log_change
from fairshore.entrypoints.web.deps import require, tenant, visible_finding, workspace
from fairshore.entrypoints.web.intake import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_SUFFIXES,
    save_upload,
    scratch_folder,
)
from fairshore.entrypoints.web.pages import render
from fairshore.errors import GovernanceError, InputError, NotFoundError
from fairshore.governance import responses
from fairshore.governance import services as governance
from fairshore.governance.model import FindingStatus

router = APIRouter()
WS = Annotated[Workspace, Depends(workspace)]
Reader = Annotated[Principal, Depends(require("read"))]
Updater = Annotated[Principal, Depends(require("update_finding"))]
RowId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
STATUSES: tuple[FindingStatus, ...] = ("open", "action_planned", "awaiting_verification", "closed")


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
    attachments = responses.list_attachments(view, finding_id)
    return render(
        request, "finding.html", who, record=record, history=list(reversed(history)),
        statuses=STATUSES, error=error, owners=owners, attachments=attachments,
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
    attachment: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """The vendor's response, its proposed date and optionally one attached file (the
    evidence upload's type and size checks); nothing is stored unless all are valid."""
    visible_finding(ws, who, finding_id)
    view = tenant(ws, who)
    try:
        due = date.fromisoformat(plan_due_on) if plan_due_on else None
        with scratch_folder(ws.folder("uploads")) as folder:
            path = None
            if attachment is not None and attachment.filename:
                path = save_upload(
                    attachment.file,
                    attachment.filename,
                    folder,
                    allowed=EVIDENCE_SUFFIXES,
                    max_bytes=EVIDENCE_MAX_BYTES,
                )
            record = responses.respond_to_finding(
                view,
                finding_id,
                actor=who.email,
                response=response,
                corrective_action=corrective_action or None,
                owner=owner or None,
                plan_due_on=due,
            )
            stored = None
            if path is not None:
                stored = responses.attach_to_finding(view, finding_id, path, actor=who.email)
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
        proposed_due=plan_due_on or None,
        attachment=stored.filename if stored else None,
    )
    notify_response(view, record, by=who.email)
    return RedirectResponse(f"/portal/findings/{finding_id}?done=response", status_code=303)


@router.get("/portal/findings/{finding_id}/attachments/{attachment_id}")
def finding_attachment(finding_id: RowId, attachment_id: RowId, ws: WS, who: Reader) -> Response:
    """One attached file: only for the finding's organisation and its vendor."""
    visible_finding(ws, who, finding_id)
    view = tenant(ws, who)
    found = next(
        (a for a in responses.list_attachments(view, finding_id) if a.id == attachment_id), None
    )
    if found is None:
        raise NotFoundError(f"no attachment {attachment_id} on finding {finding_id}")
    return audited_download(
        ws,
        who,
        responses.attachment_content(view, found),
        filename=found.filename,
        target=f"finding:{finding_id}:attachment:{found.id}",
    )


@router.post("/portal/findings/{finding_id}/accept-date", response_class=HTMLResponse)
def finding_accept_date(request: Request, finding_id: RowId, ws: WS, who: Updater) -> Response:
    """The client accepts the vendor's proposed date: the due date moves (in history)."""
    visible_finding(ws, who, finding_id)
    try:
        record = responses.accept_proposed_due(tenant(ws, who), finding_id, actor=who.email)
    except GovernanceError as exc:
        return _finding_error(request, ws, who, finding_id, str(exc))
    log_change(ws, who, "finding.accept_date", f"finding:{finding_id}", due_on=str(record.due_on))
    return RedirectResponse(f"/portal/findings/{finding_id}?done=due-accepted", status_code=303)


@router.post("/portal/findings/{finding_id}/update", response_class=HTMLResponse)
def finding_update(
    request: Request,
    finding_id: RowId,
    ws: WS,
    who: Updater,
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
    return RedirectResponse(f"/portal/findings/{finding_id}?done=updated", status_code=303)
