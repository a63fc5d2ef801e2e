"""Assigning a finding to its owner: the finding page's form and ``/api/v1`` (scope
``update_finding``), both the same use case (``attention.owners.assign_finding``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from fairshore.accounts.model import Principal
from fairshore.attention import owners
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.deps import require, tenant, visible_finding, workspace
from fairshore.entrypoints.web.pages_portal import finding_view
from fairshore.entrypoints.web.schemas import FindingPublic
from fairshore.errors import GovernanceError, InputError

router = APIRouter()
api_router = APIRouter(prefix="/api/v1", tags=["findings"])
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
WS = Annotated[Workspace, Depends(workspace)]
Editor = Annotated[Principal, Depends(require("update_finding"))]


@router.post("/portal/findings/{finding_id}/assign")
def finding_assign(
    request: Request,
    finding_id: RowId,
    ws: WS,
    who: Editor,
    to: Annotated[str, Form(max_length=320)] = "",
) -> Response:
    visible_finding(ws, who, finding_id)
    try:
        owners.assign_finding(tenant(ws, who), finding_id, to=to or None, actor=who.email)
    except (InputError, GovernanceError) as exc:  # checked visible above: a user not found
        return _error(request, ws, who, finding_id, str(exc))
    return RedirectResponse(f"/portal/findings/{finding_id}?assigned=1", status_code=303)


def _error(request: Request, ws: Workspace, who: Principal, finding_id: int, msg: str) -> Response:
    response = finding_view(request, ws, who, finding_id, msg)
    response.status_code = 409
    return response


class Assignment(BaseModel):
    to: str | None = Field(max_length=320, description="The owner's e-mail; null: nobody.")


@api_router.post("/findings/{finding_id}/assignee", response_model=FindingPublic)
def api_assign_finding(finding_id: RowId, body: Assignment, ws: WS, who: Editor) -> FindingPublic:
    """Give a finding an owner (an admin or analyst of the organisation); they get an
    e-mail. The change is kept in the finding's history and the audit log."""
    visible_finding(ws, who, finding_id)
    record = owners.assign_finding(tenant(ws, who), finding_id, to=body.to, actor=who.email)
    return FindingPublic.of(record)
