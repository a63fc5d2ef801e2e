"""Request dependencies: the workspace, who is asking, CSRF, and what they may do."""

from __future__ import annotations

import dataclasses
import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from fairshore.accounts import services as accounts
from fairshore.accounts.model import Action, Principal
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement
from fairshore.engagements.services import get_engagement
from fairshore.errors import ForbiddenError, NotFoundError, UnauthenticatedError

SESSION_COOKIE = "fairshore_session"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# The small dependencies are ``async def`` so that FastAPI calls them on the event loop
# instead of sending each to the thread pool (a thread hop each, per request).


async def workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.workspace
    return ws


async def _sent_csrf(request: Request) -> str | None:
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    if request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get("csrf_token")
        return value if isinstance(value, str) else None
    return None


async def optional_principal(
    request: Request, ws: Annotated[Workspace, Depends(workspace)]
) -> Principal | None:
    """The session's or bearer token's principal; checks CSRF on cookie-based writes."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        principal = accounts.token_principal(ws, auth[7:].strip())
        if principal is None:
            raise UnauthenticatedError("invalid or revoked API token")
        return principal
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    found = accounts.session_principal(ws, token)
    if found is None:
        return None
    principal, csrf = found
    request.state.csrf_token = csrf
    if request.method in UNSAFE_METHODS:
        sent = await _sent_csrf(request)
        if not sent or not hmac.compare_digest(sent, csrf):
            raise ForbiddenError(
                "the form expired or did not come from Fairshore (CSRF check); reload"
            )
    return principal


async def principal(
    found: Annotated[Principal | None, Depends(optional_principal)],
) -> Principal:
    if found is None:
        raise UnauthenticatedError("sign in first")
    return found


def require(action: Action) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets through only principals allowed to ``action``."""

    async def check(who: Annotated[Principal, Depends(principal)]) -> Principal:
        if not who.can(action):
            raise ForbiddenError(f"your role ({who.role}) may not {action.replace('_', ' ')}")
        return who

    check.__name__ = f"require_{action}"
    return check


def tenant(ws: Workspace, who: Principal) -> Workspace:
    """The workspace seen through the principal's organisation."""
    return dataclasses.replace(ws, organisation_id=who.organisation_id)


def visible_engagement(ws: Workspace, who: Principal, engagement_id: str) -> Engagement:
    """The engagement if this principal may see it; otherwise 'not found' (no existence leak)."""
    engagement = get_engagement(tenant(ws, who), engagement_id)
    if not who.sees_vendor(engagement.vendor_id):
        raise NotFoundError(f"unknown engagement {engagement_id!r}")
    return engagement
