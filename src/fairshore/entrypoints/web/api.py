"""The JSON API under /api/v1: the same services as the pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from fairshore.accounts import services as accounts
from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.deps import principal, require, tenant, visible_engagement, workspace
from fairshore.entrypoints.web.pages import visible_engagements
from fairshore.entrypoints.web.register import register_query
from fairshore.entrypoints.web.schemas import (
    ChainPublic,
    EngagementPublic,
    EngagementsPublic,
    FindingPublic,
    FindingsPublic,
    TokenCreate,
    TokenPublic,
)
from fairshore.errors import ForbiddenError
from fairshore.governance import services as governance
from fairshore.governance.model import FindingQuery

router = APIRouter(prefix="/api/v1", tags=["api"])
Reader = Annotated[Principal, Depends(require("read"))]
WS = Annotated[Workspace, Depends(workspace)]


@router.get("/engagements", response_model=EngagementsPublic)
def api_engagements(ws: WS, who: Reader) -> EngagementsPublic:
    data = [EngagementPublic.model_validate(e.model_dump()) for e in visible_engagements(ws, who)]
    return EngagementsPublic(data=data, count=len(data))


@router.get("/engagements/{engagement_id}", response_model=EngagementPublic)
def api_engagement(engagement_id: str, ws: WS, who: Reader) -> EngagementPublic:
    return EngagementPublic.model_validate(visible_engagement(ws, who, engagement_id).model_dump())


@router.get("/findings", response_model=FindingsPublic)
def api_findings(
    ws: WS,
    who: Reader,
    query: Annotated[FindingQuery, Depends(register_query)],
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> FindingsPublic:
    """Findings that match the register's filters (those of ``/findings``: ``severity``,
    ``engagement``, ``vendor``, ``source``, ``status``, ``due``, ``due_from``, ``due_to``,
    ``search``, ``sort``, ``desc``), soonest due first unless sorted otherwise; ``total``
    counts every match, ``limit`` of them from ``offset``."""
    if query.engagement is not None:
        visible_engagement(ws, who, query.engagement)
    found = governance.page_findings(
        tenant(ws, who),
        query=query,
        engagement_ids={e.id for e in visible_engagements(ws, who)},
        include_unassigned=who.role != "vendor",
        limit=limit,
        offset=offset,
    )
    data = [FindingPublic.of(r) for r in found.records]
    return FindingsPublic(data=data, count=len(data), total=found.total, limit=limit, offset=offset)


@router.post("/tokens", response_model=TokenPublic, status_code=201)
def api_create_token(
    body: TokenCreate, ws: WS, who: Annotated[Principal, Depends(principal)]
) -> TokenPublic:
    if who.scopes is not None:
        raise ForbiddenError("an API token cannot create tokens; sign in")
    if not who.can("upload") and "upload" in body.scopes:
        raise ForbiddenError(f"your role ({who.role}) may not upload")
    token_id, token = accounts.create_api_token(ws, who, name=body.name, scopes=body.scopes)
    return TokenPublic(id=token_id, token=token)


@router.delete("/tokens/{token_id}", status_code=204)
def api_revoke_token(
    token_id: Annotated[int, Path(ge=1, le=2**31 - 1)],  # beyond: SQLite's OverflowError (500)
    ws: WS,
    who: Annotated[Principal, Depends(principal)],
) -> None:
    if who.scopes is not None:
        raise ForbiddenError("an API token cannot revoke tokens; sign in")
    accounts.revoke_api_token(ws, who, token_id)


@router.get("/audit-log/verify", response_model=ChainPublic)
def api_verify_audit_log(
    ws: WS, who: Annotated[Principal, Depends(require("manage_users"))]
) -> ChainPublic:
    check = accounts.verify_audit_log(ws)
    return ChainPublic(**check.__dict__)
