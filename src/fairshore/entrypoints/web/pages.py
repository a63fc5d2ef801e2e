"""Server-rendered pages: they translate requests to service calls and render templates."""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from fairshore import numbers, vegalite
from fairshore.accounts import services as accounts
from fairshore.accounts.model import Principal
from fairshore.attention.home import home as attention_home
from fairshore.attention.services import outbox
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import list_engagements, list_vendors
from fairshore.entrypoints.web.deps import (
    SESSION_COOKIE,
    optional_principal,
    principal,
    require,
    tenant,
    utf8,
    visible_engagement,
    workspace,
)
from fairshore.entrypoints.web.return_to import safe_next
from fairshore.entrypoints.web.sign_in_throttle import SignInThrottle, ThrottledError
from fairshore.errors import ForbiddenError
from fairshore.governance import services as governance

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters.update(numbers.jinja_filters(missing="—"))
LOGIN_CSRF_COOKIE = "fairshore_login_csrf"
router = APIRouter()
Reader = Annotated[Principal, Depends(require("read"))]
FINDINGS_PER_PAGE = 50
WS = Annotated[Workspace, Depends(workspace)]


def page_window(page: int, per_page: int, rows: int, total: int) -> dict[str, Any]:
    """What a paged list's footer says: ``shown`` (first, last row numbers) and ``more``."""
    first = (page - 1) * per_page + 1
    return {"shown": (first, first + rows - 1), "more": first + rows <= total}


def render(request: Request, name: str, who: Principal | None, **context: Any) -> HTMLResponse:
    """Render a page with the signed-in principal and its CSRF token."""
    context |= {"who": who, "csrf_token": getattr(request.state, "csrf_token", "")}
    return TEMPLATES.TemplateResponse(request, name, context)


def visible_engagements(ws: Workspace, who: Principal) -> list[Any]:
    """The engagements this principal may see (a vendor only its own)."""
    return [e for e in list_engagements(tenant(ws, who)) if who.sees_vendor(e.vendor_id)]


@router.get("/login", response_class=HTMLResponse)
def login_form(
    request: Request, back_to: Annotated[str | None, Query(alias="next")] = None
) -> Response:
    token = secrets.token_urlsafe(24)
    response = render(
        request, "login.html", None, login_csrf=token, error=None, email=None,
        next=safe_next(back_to),
    )  # fmt: skip
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, secure=True, samesite="strict")
    return response


def _login_again(
    request: Request, csrf: str, email: str, error: str, *, status: int = 200, back_to: str = "/"
) -> Response:
    response = render(
        request, "login.html", None, login_csrf=csrf, email=email, error=error, next=back_to
    )
    response.status_code = status
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    ws: WS,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=100)],
    next_form: Annotated[str, Form(alias="next", max_length=2000)] = "/",
) -> Response:
    back_to = safe_next(next_form)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(utf8(expected), utf8(csrf_token)):
        return _login_again(
            request, expected, email, "The sign-in form expired; please try again.", back_to=back_to
        )
    client = request.client.host if request.client else "unknown"
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    try:
        with throttle.attempt(client) as attempt:
            try:
                session = accounts.sign_in(ws, email=email, password=password, client=client)
            except accounts.SignInError as exc:
                attempt.failed()
                return _login_again(
                    request,
                    expected,
                    email,
                    str(exc).capitalize() + ".",
                    status=401,
                    back_to=back_to,
                )
    except ThrottledError as exc:
        response = _login_again(
            request, expected, email, str(exc).capitalize() + ".", status=429, back_to=back_to
        )
        response.headers["retry-after"] = str(exc.retry_after)
        return response
    redirect = RedirectResponse(back_to, status_code=303)
    redirect.set_cookie(
        SESSION_COOKIE,
        session.token,
        httponly=True,
        secure=True,
        samesite="lax",
        max_age=accounts.SESSION_HOURS * 3600,
    )
    redirect.delete_cookie(LOGIN_CSRF_COOKIE)
    return redirect


def _signed_out() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.post("/logout")
def logout(
    request: Request, ws: WS, who: Annotated[Principal | None, Depends(optional_principal)]
) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token and who is not None:
        accounts.sign_out(ws, token)
    return _signed_out()


@router.post("/logout/everywhere")
def logout_everywhere(ws: WS, who: Annotated[Principal, Depends(principal)]) -> Response:
    """End every session of the signed-in user, in every browser."""
    if who.scopes is not None:
        raise ForbiddenError("an API token cannot end sessions; sign in")
    accounts.sign_out_everywhere(ws, who)
    return _signed_out()


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, ws: WS, who: Reader) -> Response:
    if who.role == "vendor":  # a vendor's landing page is its to-do list
        return RedirectResponse("/portal", status_code=303)
    view = tenant(ws, who)
    vendors = {v.id: v.name for v in list_vendors(view)}
    engagements = visible_engagements(ws, who)
    shown = {e.id for e in engagements}
    counted = [c for c in governance.count_active_findings(view) if c.engagement_id in shown]
    rows = []
    for e in engagements:
        mine = [c for c in counted if c.engagement_id == e.id]
        rows.append(
            {
                "engagement": e,
                "vendor_name": vendors.get(e.vendor_id, e.vendor_id),
                "open": sum(c.active for c in mine),
                "overdue": sum(c.overdue for c in mine),
                "critical": any(c.severity == "critical" for c in mine),
            }
        )
    counts = {(c.engagement_id, c.severity): c.active for c in counted}
    chart = None
    if counts:
        chart = {
            "$schema": vegalite.SCHEMA,
            "width": "container",
            "height": 180,
            "data": {
                "values": [
                    {
                        "engagement": e,
                        "severity": s,
                        "findings": n,
                        "href": "/findings?" + urlencode({"engagement": e or "", "severity": s}),
                    }
                    for (e, s), n in sorted(counts.items())
                ]  # each bar opens the register filtered to it
            },
            "mark": "bar",
            "encoding": {
                "y": {"field": "engagement", "type": "nominal", "title": None},
                "x": {"field": "findings", "type": "quantitative", "title": "open findings"},
                "href": {"field": "href"},
                "color": {
                    "field": "severity",
                    "type": "nominal",
                    "scale": {
                        "domain": ["critical", "major", "minor", "observation"],
                        "range": ["#cf222e", "#bf8700", "#8c959f", "#d0d7de"],
                    },
                },
            },
        }
    failed = outbox(view, status="failed", limit=20) if who.can("manage_users") else []
    return render(
        request, "overview.html", who, rows=rows, chart=chart,
        home=attention_home(view, who, engagements), failed_notices=failed,
    )  # fmt: skip


@router.get("/engagements/{engagement_id}", response_class=HTMLResponse)
def engagement_page(request: Request, engagement_id: str, ws: WS, who: Reader) -> Response:
    engagement = visible_engagement(ws, who, engagement_id)
    view = tenant(ws, who)
    vendors = {v.id: v.name for v in list_vendors(view)}
    found = governance.page_findings(view, engagement_id=engagement.id, limit=FINDINGS_PER_PAGE)
    return render(
        request,
        "engagement.html",
        who,
        engagement=engagement,
        vendor_name=vendors.get(engagement.vendor_id, engagement.vendor_id),
        findings=found.records,
        findings_total=found.total,
    )
