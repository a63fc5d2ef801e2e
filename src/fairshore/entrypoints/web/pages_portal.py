"""The vendor portal and the client's side of it: the landing page (a vendor's to-do
list) and contests; the questionnaire, findings and audits live in sibling modules
(``pages_portal_questionnaire``, ``pages_portal_findings``, ``pages_portal_audits``),
whose routes this module's ``router`` includes.

A vendor user fills in its questionnaire, adds evidence, reads its own scorecard
line by line and contests a line; the client's analysts resolve contests. Vendors
respond to findings on their engagements (explanation and corrective action plan);
analysts move findings along the workflow; auditors record audits. Every change is
appended to the audit log (``audit_trail.log_change``), every download is logged.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fairshore.accounts.model import Principal
from fairshore.attention.services import notify_contest
from fairshore.attention.vendor_queue import vendor_queue
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import list_vendors
from fairshore.entrypoints.web import (
    pages_portal_audits,
    pages_portal_findings,
    pages_portal_questionnaire,
)
from fairshore.entrypoints.web.audit_trail import log_change
from fairshore.entrypoints.web.deps import (
    require,
    tenant,
    visible_contest,
    visible_vendor,
    workspace,
)
from fairshore.entrypoints.web.pages import render, visible_engagements
from fairshore.entrypoints.web.pages_portal_findings import finding_view
from fairshore.vetting import services as vetting

router = APIRouter()
for _part in (pages_portal_questionnaire, pages_portal_findings, pages_portal_audits):
    router.include_router(_part.router)
WS = Annotated[Workspace, Depends(workspace)]
Reader = Annotated[Principal, Depends(require("read"))]
Answerer = Annotated[Principal, Depends(require("answer_questionnaire"))]
RowId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
__all__ = ["finding_view", "router"]


# ------------------------------------------------------------------- portal home


@router.get("/portal", response_class=HTMLResponse)
def portal_home(request: Request, ws: WS, who: Reader) -> Response:
    """The portal; for a vendor user its to-do list first (its landing page)."""
    view = tenant(ws, who)
    vendors = [v for v in list_vendors(view) if who.sees_vendor(v.id)]
    contests = [c for c in vetting.list_contests(view) if who.sees_vendor(c.vendor_id)]
    engagements = visible_engagements(ws, who)
    queue = None
    if who.role == "vendor":
        queue = vendor_queue(view, who, engagements, [v.id for v in vendors], today=ws.today())
    return render(
        request,
        "portal.html",
        who,
        vendors=vendors,
        contests=contests,
        engagements=engagements,
        queue=queue,
    )


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
    return RedirectResponse(f"/scorecards/{vendor.id}?done=contest#contests", status_code=303)


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
    return RedirectResponse(
        f"/scorecards/{contest.vendor_id}?done=resolved#contests", status_code=303
    )
