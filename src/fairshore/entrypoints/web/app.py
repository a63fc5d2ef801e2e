"""The FastAPI application: pages, API, static assets, security headers, error mapping."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

import fairshore.entrypoints.web.api_portal as api_portal
import fairshore.entrypoints.web.api_uploads as api_uploads
import fairshore.entrypoints.web.pages_portal as pages_portal
import fairshore.entrypoints.web.pages_uploads as pages_uploads
import fairshore.entrypoints.web.pages_voice as pages_voice
from fairshore import __version__
from fairshore.bootstrap import Workspace, open_workspace
from fairshore.config import Settings, get_settings
from fairshore.entrypoints.web import api, api_analytics, pages, pages_analytics
from fairshore.entrypoints.web.errors import status_for
from fairshore.errors import FairshoreError, UnauthenticatedError

STATIC = Path(__file__).parent / "static"
MAX_BODY_BYTES = 200 * 1024 * 1024
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


def create_app(settings: Settings | None = None, workspace: Workspace | None = None) -> FastAPI:
    """The web application over one workspace (opened at start-up when not given)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = workspace is None
        app.state.workspace = workspace or open_workspace(settings)
        yield
        if owned:
            app.state.workspace.close()

    app = FastAPI(
        title="Fairshore",
        version=__version__,
        lifespan=lifespan,
        docs_url="/api/docs",
        swagger_ui_oauth2_redirect_url="/api/docs/oauth2-redirect",
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    if workspace is not None:
        app.state.workspace = workspace

    @app.middleware("http")
    async def security(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
            response: Response = JSONResponse({"detail": "upload too large"}, status_code=413)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api/") or request.method != "GET":
            response.headers.setdefault("cache-control", "no-store")
        return response

    @app.exception_handler(FairshoreError)
    async def fairshore_error(request: Request, exc: FairshoreError) -> Response:
        status = status_for(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        if isinstance(exc, UnauthenticatedError):
            return RedirectResponse("/login", status_code=303)
        heading = {403: "Not allowed", 404: "Not found"}.get(status, "Something is wrong")
        response = pages.render(
            request, "error.html", None, status=status, heading=heading, message=str(exc)
        )
        response.status_code = status
        return response

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    pages_voice.silence_access_log()  # no client address in any log (worker voice)
    app.include_router(pages_uploads.router, include_in_schema=False)
    app.include_router(api_uploads.router)
    app.include_router(api_portal.router)
    app.include_router(pages_portal.router, include_in_schema=False)
    app.include_router(pages_voice.router, include_in_schema=False)
    app.include_router(pages.router, include_in_schema=False)
    app.include_router(api.router)
    app.include_router(pages_analytics.router, include_in_schema=False)
    app.include_router(api_analytics.router)
    return app
