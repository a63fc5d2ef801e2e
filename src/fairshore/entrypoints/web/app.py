"""The FastAPI application: pages, API, static assets, security headers, error mapping."""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fairshore import __version__
from fairshore.bootstrap import Workspace, open_workspace
from fairshore.config import Settings, get_settings
from fairshore.entrypoints.web import (
    api,
    api_analytics,
    api_docs,
    api_portal,
    api_uploads,
    pages,
    pages_analytics,
    pages_evidence,
    pages_evidence_access,
    pages_glossary,
    pages_owners,
    pages_portal,
    pages_pulse,
    pages_reports,
    pages_sources,
    pages_uploads,
    pages_voice,
    register,
)
from fairshore.entrypoints.web.body_guard import BodyGuard
from fairshore.entrypoints.web.errors import status_for
from fairshore.entrypoints.web.request_body import refuse_hostile_body
from fairshore.entrypoints.web.return_to import login_url
from fairshore.entrypoints.web.scheduler import SyncScheduler
from fairshore.entrypoints.web.sign_in_throttle import SignInThrottle
from fairshore.errors import FairshoreError, UnauthenticatedError

STATIC = Path(__file__).parent / "static"
STATIC_CACHE = "public, max-age=86400"  # static assets: a day, then revalidated
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)  # style-src needs 'unsafe-inline' only for the SVG styles vega-embed writes
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
}

ERROR_STATUSES = {
    400: "The request is not valid",
    401: "Not signed in, or the API token is invalid or revoked",
    403: "Not allowed for this role, token scope or form (CSRF)",
    404: "Not found, or not visible to this user",
    409: "Conflicts with the current state",
    413: "The request body is too large",
    422: "The input is not valid",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"title": "Detail", "type": "string"}},
    "required": ["detail"],
}


def document_errors(spec: dict[str, Any]) -> dict[str, Any]:
    """Add the ``{"detail": "..."}`` answers of ``fairshore_error`` to every API operation.

    Routes added later get them too; a 422 may be FastAPI's validation list or ours.
    """
    spec.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    error = {"application/json": {"schema": ref}}
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, text in ERROR_STATUSES.items():
                known = responses.get(str(status))
                if known is None:
                    responses[str(status)] = {"description": text, "content": error}
                    continue
                schema = known.get("content", {}).get("application/json", {}).get("schema")
                if schema is not None and schema != ref and "anyOf" not in schema:
                    known["content"]["application/json"]["schema"] = {"anyOf": [schema, ref]}
    return spec


SERVER_ERROR_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>500</title></head>'
    "<body><h1>Something went wrong</h1><p>The server could not answer this request. "
    'It was logged; try again, or <a href="/">go back to the portfolio</a>.</p></body></html>'
)


async def server_error(request: Request, exc: Exception) -> Response:
    """An unexpected error's answer: JSON or HTML, with the security headers, no detail.

    Starlette answers it from its outermost middleware, outside ``SecurityMiddleware``,
    so the headers are set here; the exception is still raised on to the server's log.
    """
    headers = SECURITY_HEADERS | {"cache-control": "no-store"}
    detail = "internal error: the server could not answer this request"
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=500, headers=headers)
    return HTMLResponse(SERVER_ERROR_PAGE, status_code=500, headers=headers)


async def invalid_request(request: Request, exc: Exception) -> Response:
    """FastAPI's 422 list without each error's ``input``: the input is the client's own,
    may be megabytes, and is what a JSON encoder may not be able to write back."""
    assert isinstance(exc, RequestValidationError)
    errors = [{k: e[k] for k in ("type", "loc", "msg") if k in e} for e in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)


class SecurityMiddleware:
    """Security headers on every answer; ``no-store`` on all but the public static assets;
    refuses NUL bytes in URLs.

    A plain ASGI middleware (not ``@app.middleware``, whose per-request task and body
    streaming cost about a millisecond of each request).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        # Pages, exports and the API show private data: no browser or proxy may keep them.
        no_store = not path.startswith("/static/")

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if no_store:
                    headers["cache-control"] = "no-store"
                else:  # public, and revalidated by ETag once a day has passed
                    headers.setdefault("cache-control", STATIC_CACHE)
            await send(message)

        refusal: Response | None = None
        if "\x00" in path or b"%00" in scope.get("query_string", b""):
            # A NUL byte is never a valid id or filter, and PostgreSQL text refuses it (500).
            refusal = JSONResponse({"detail": "NUL bytes are not allowed in the URL"}, 400)
        if refusal is not None:
            await refusal(scope, receive, send_secured)
        else:
            await self.app(scope, receive, send_secured)


def create_app(
    settings: Settings | None = None,
    workspace: Workspace | None = None,
    *,
    freeze_at_startup: bool = False,
) -> FastAPI:
    """The web application over one workspace (opened at start-up when not given).

    ``freeze_at_startup`` (what ``fairshore serve`` uses): once the workspace is open,
    everything loaded so far (modules, routes, templates, the workspace) is moved out of
    the garbage collector's reach with ``gc.freeze()``, as it lives as long as the
    process. A full collection otherwise walks those ~225,000 objects (and ~300,000 once
    the analytics stack is loaded): 80-145 ms during which every request in flight
    waits, which was most of the latency tail under load (docs/web.md).
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = workspace is None
        app.state.workspace = workspace or open_workspace(settings)
        if freeze_at_startup:
            gc.collect()  # only what is still alive is frozen
            gc.freeze()
        syncs = SyncScheduler.start(app.state.workspace) if owned else None
        yield
        if syncs is not None:
            syncs.stop()
        if owned:
            app.state.workspace.close()

    app = FastAPI(
        title="Fairshore",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,  # api_docs serves it behind sign-in, without a CDN
        swagger_ui_oauth2_redirect_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        dependencies=[Depends(refuse_hostile_body)],
    )
    if workspace is not None:
        app.state.workspace = workspace
    app.state.sign_in_throttle = SignInThrottle(
        failures_per_client=settings.sign_in_failures_per_client,
        at_once=max(2, os.cpu_count() or 2),  # argon2id: about a core each
    )
    plain_openapi = app.openapi
    app.openapi = lambda: document_errors(plain_openapi())  # type: ignore[method-assign]

    app.add_middleware(BodyGuard, upload_max_bytes=settings.web_upload_max_bytes)
    app.add_middleware(SecurityMiddleware)  # the outer one: its headers are on every answer
    app.add_exception_handler(Exception, server_error)
    app.add_exception_handler(RequestValidationError, invalid_request)

    @app.exception_handler(FairshoreError)
    async def fairshore_error(request: Request, exc: FairshoreError) -> Response:
        status = status_for(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        if isinstance(exc, UnauthenticatedError):
            # A page asked for without a session comes back after signing in.
            back = request.method == "GET"
            target = login_url(request.url.path, request.url.query) if back else "/login"
            return RedirectResponse(target, status_code=303)
        heading = {403: "Not allowed", 404: "Not found"}.get(status, "Something is wrong")
        response = pages.render(
            request, "error.html", None, status=status, heading=heading, message=str(exc)
        )
        response.status_code = status
        return response

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        # Browsers ask for it on their own (a page's <link rel="icon"> names the SVG).
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    pages_voice.silence_access_log()  # no client address in any log (worker voice)
    app.include_router(pages_uploads.router, include_in_schema=False)
    app.include_router(api_uploads.router)
    app.include_router(api_portal.router)
    app.include_router(pages_portal.router, include_in_schema=False)
    app.include_router(pages_owners.router, include_in_schema=False)
    app.include_router(pages_owners.api_router)
    app.include_router(pages_voice.router, include_in_schema=False)
    app.include_router(pages_pulse.router, include_in_schema=False)
    app.include_router(pages_sources.router, include_in_schema=False)
    app.include_router(pages.router, include_in_schema=False)
    app.include_router(register.router, include_in_schema=False)
    app.include_router(pages_evidence.router, include_in_schema=False)
    app.include_router(pages_evidence_access.router, include_in_schema=False)
    app.include_router(pages_glossary.router, include_in_schema=False)
    app.include_router(api.router)
    app.include_router(pages_analytics.router, include_in_schema=False)
    app.include_router(pages_reports.router, include_in_schema=False)
    app.include_router(api_analytics.router)
    app.include_router(api_docs.router)
    return app


def served_app() -> FastAPI:
    """The app as ``fairshore serve`` runs it (uvicorn's factory in worker processes)."""
    return create_app(freeze_at_startup=True)
