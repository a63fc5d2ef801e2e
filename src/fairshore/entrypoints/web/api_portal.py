"""``/api/v1/findings/{id}/responses``: a vendor's system answers findings (token scope
``respond_finding``), the same use case as the portal's response form."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from fairshore.accounts.model import Principal
from fairshore.attention.services import notify_response
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.audit_trail import log_change
from fairshore.entrypoints.web.deps import require, tenant, visible_finding, workspace
from fairshore.entrypoints.web.schemas import FindingPublic
from fairshore.governance import responses

router = APIRouter(prefix="/api/v1", tags=["findings"])


class FindingResponse(BaseModel):
    response: str = Field(min_length=1, max_length=5000)
    corrective_action: str | None = Field(default=None, max_length=5000)
    owner: str | None = Field(default=None, max_length=200)
    plan_due_on: date | None = None  # the vendor's proposed date; the due date stays


@router.post("/findings/{finding_id}/responses", response_model=FindingPublic, status_code=201)
def api_respond_finding(
    finding_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: FindingResponse,
    ws: Annotated[Workspace, Depends(workspace)],
    who: Annotated[Principal, Depends(require("respond_finding"))],
) -> FindingPublic:
    """Respond to a finding: a corrective action and owner move an open one to
    ``action_planned``; the plan's date is kept as a proposal beside the due date."""
    visible_finding(ws, who, finding_id)
    r = responses.respond_to_finding(
        tenant(ws, who),
        finding_id,
        actor=who.email,
        response=body.response,
        corrective_action=body.corrective_action,
        owner=body.owner,
        plan_due_on=body.plan_due_on,
    )
    log_change(ws, who, "finding.respond", f"finding:{finding_id}", status=r.status, via="api")
    notify_response(tenant(ws, who), r, by=who.email)
    return FindingPublic.of(r)
