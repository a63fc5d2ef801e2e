"""``/api/docs``: Swagger UI over the published OpenAPI spec, for signed-in users only.

Swagger UI comes from the ``fastapi-offline`` package (a Swagger UI 5 bundle, which reads
OpenAPI 3.1) through this router, never from a CDN, and the page runs no inline script:
``static/api-docs.js`` starts it, so the Content-Security-Policy stays ``script-src 'self'``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from fairshore.accounts.model import Principal
from fairshore.entrypoints.web.deps import principal
from fairshore.entrypoints.web.pages import render

router = APIRouter(include_in_schema=False)
SignedIn = Annotated[Principal, Depends(principal)]


def _asset(name: str) -> Path:
    return Path(str(resources.files("fastapi_offline").joinpath("static", name)))


@router.get("/api/docs", response_class=HTMLResponse)
async def api_docs(request: Request, who: SignedIn) -> Response:
    return render(request, "api_docs.html", who)


# Two fixed routes, no file-name parameter: nothing else of the package can be asked for.
@router.get("/api/docs/swagger-ui-bundle.js")
async def swagger_ui_script(who: SignedIn) -> Response:
    return FileResponse(_asset("swagger-ui-bundle.js"), media_type="text/javascript")


@router.get("/api/docs/swagger-ui.css")
async def swagger_ui_style(who: SignedIn) -> Response:
    return FileResponse(_asset("swagger-ui.css"), media_type="text/css")
