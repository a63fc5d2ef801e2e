"""Request dependencies: the workspace, who is asking, CSRF, and what they may do.

Every route that takes the id of a record in its path loads the record through one
``visible_*`` function below, all built on ``load_visible``: a record that does not
exist and one this principal may not see get the same 404 with the same words.
"""

from __future__ import annotations

import dataclasses
import hmac
from collections.abc import Awaitable, Callable, Iterable
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from fairshore.accounts import services as accounts
from fairshore.accounts.model import Action, Principal
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement, Vendor
from fairshore.engagements.services import get_engagement, list_vendors
from fairshore.errors import ForbiddenError, NotFoundError, UnauthenticatedError
from fairshore.governance import services as governance
from fairshore.governance.model import FindingRecord
from fairshore.interactions import services as ingest
from fairshore.interactions.model import BatchDetail
from fairshore.people import services as people
from fairshore.people.voice import Grievance
from fairshore.vetting import services as vetting
from fairshore.vetting.model import Contest

SESSION_COOKIE = "fairshore_session"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# The small dependencies are ``async def`` so that FastAPI calls them on the event loop
# instead of sending each to the thread pool (a thread hop each, per request).


def utf8(text: str) -> bytes:
    """A client's text as bytes for ``hmac.compare_digest``, which refuses non-ASCII
    strings (a TypeError, a 500) but compares any bytes in constant time."""
    return text.encode("utf-8", "surrogatepass")


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
        if not sent or not hmac.compare_digest(utf8(sent), utf8(csrf)):
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


T = TypeVar("T")


def load_visible(
    who: Principal,
    kind: str,
    ident: str | int,
    load: Callable[[], T],
    vendor_of: Callable[[T], str | None],
) -> T:
    """What ``load`` finds if ``who`` sees its vendor; otherwise one and the same 404.

    Missing (``load`` raises ``NotFoundError``) and out of scope (another vendor's,
    another tenant's, or a portfolio record, ``vendor_of`` None, asked by a vendor)
    answer the same words, which name only what was asked for: never the record's
    engagement or vendor, so sequential ids cannot map another tenant's records.
    """
    try:
        found = load()
        seen = who.sees_vendor(vendor_of(found))
    except NotFoundError:
        seen = False
    if not seen:
        shown = ident if isinstance(ident, int) else repr(ident[:80])
        raise NotFoundError(f"no {kind} {shown} visible to you")
    return found


def visible_engagement(ws: Workspace, who: Principal, engagement_id: str) -> Engagement:
    """The engagement if this principal may see it; otherwise 'not found'."""
    view = tenant(ws, who)
    return load_visible(
        who,
        "engagement",
        engagement_id,
        lambda: get_engagement(view, engagement_id),
        lambda e: e.vendor_id,
    )


def _vendor_of_engagement(ws: Workspace, engagement_id: str | None) -> str | None:
    return None if engagement_id is None else get_engagement(ws, engagement_id).vendor_id


def _one(found: Iterable[T], record_id: object) -> T:
    """The first of ``found``; ``NotFoundError`` when there is none."""
    for item in found:
        return item
    raise NotFoundError(str(record_id))


def visible_vendor(ws: Workspace, who: Principal, vendor_id: str) -> Vendor:
    """The vendor if this principal may see it (a vendor user only its own)."""
    view = tenant(ws, who)

    def load() -> Vendor:
        return _one((v for v in list_vendors(view) if v.id == vendor_id), vendor_id)

    return load_visible(who, "vendor", vendor_id, load, lambda v: v.id)


def visible_finding(ws: Workspace, who: Principal, finding_id: int) -> FindingRecord:
    """A finding if its engagement is visible (portfolio findings: not to vendors)."""
    view = tenant(ws, who)
    return load_visible(
        who,
        "finding",
        finding_id,
        lambda: governance.get_finding(view, finding_id)[0],
        lambda r: _vendor_of_engagement(view, r.finding.engagement_id),
    )


def visible_batch(ws: Workspace, who: Principal, batch_id: str, *, limit: int) -> BatchDetail:
    """A batch (with its first ``limit`` quarantined rows) if its engagement is visible."""
    view = tenant(ws, who)
    return load_visible(
        who,
        "batch",
        batch_id,
        lambda: ingest.get_batch(view, batch_id, limit=limit),
        lambda d: _vendor_of_engagement(view, d.report.engagement_id),
    )


def visible_contest(ws: Workspace, who: Principal, contest_id: int) -> Contest:
    """A score contest if its vendor is visible."""
    view = tenant(ws, who)

    def load() -> Contest:
        return _one((c for c in vetting.list_contests(view) if c.id == contest_id), contest_id)

    return load_visible(who, "contest", contest_id, load, lambda c: c.vendor_id)


def visible_grievance(ws: Workspace, who: Principal, case_id: str) -> Grievance:
    """A worker-voice case if its engagement is visible."""
    view = tenant(ws, who)
    return load_visible(
        who,
        "case",
        case_id,
        lambda: people.get_grievance(view, case_id[:40]),
        lambda c: _vendor_of_engagement(view, c.engagement_id),
    )
