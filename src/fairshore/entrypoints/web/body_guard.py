"""Request bodies: a byte cap on every route, counted as the body streams in, and no body
read at all for a route that needs sign-in when the request carries no live credential.

``Content-Length`` alone is not a cap: a chunked body has none, and Starlette spools a
multipart body to disk while FastAPI resolves the route's dependencies, so an anonymous
client could once fill the disk with a 500 MB body and only then be sent to ``/login``.
"""

from __future__ import annotations

import re

from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.deps import SESSION_COOKIE, UNSAFE_METHODS
from fairshore.entrypoints.web.intake import EVIDENCE_MAX_BYTES

MIB = 1024 * 1024
FORM_MAX_BYTES = 2 * MIB  # the largest form (a questionnaire's answers) is far below
SIGN_IN_MAX_BYTES = 16 * 1024  # email, password and the form token
UPLOADS = re.compile(r"/(?:api/v1/)?uploads")
EVIDENCE = re.compile(r"/portal/vendors/[^/]+/evidence")
# The only writes that need no sign-in: signing in, and the workers' anonymous voice.
PUBLIC_WRITES = frozenset({"/login", "/voice", "/voice/receipt", "/voice/pulse"})


class BodyTooLarge(HTTPException):
    """A request body that went past its route's cap while it was read."""

    def __init__(self, cap: int) -> None:
        size = f"{cap // MIB} MB" if cap >= MIB else f"{cap // 1024} KB"
        super().__init__(413, f"the request body is larger than this address accepts ({size})")


def body_cap(path: str, *, upload_max_bytes: int) -> int:
    """The most bytes a request body to ``path`` may hold."""
    if UPLOADS.fullmatch(path):
        return upload_max_bytes
    if EVIDENCE.fullmatch(path):
        return min(upload_max_bytes, EVIDENCE_MAX_BYTES + MIB)  # the file and its form
    if path == "/login":
        return SIGN_IN_MAX_BYTES
    return FORM_MAX_BYTES


def signed_in(ws: Workspace, headers: Headers) -> bool:
    """Whether the request carries a live API token or session (the same test as ``deps``)."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return accounts.token_principal(ws, auth[7:].strip()) is not None
    token = cookie_parser(headers.get("cookie", "")).get(SESSION_COOKIE, "")
    return bool(token) and accounts.session_principal(ws, token) is not None


def _unauthenticated(path: str) -> Response:
    if path.startswith("/api/"):
        return JSONResponse({"detail": "sign in first, or send a valid API token"}, 401)
    return RedirectResponse("/login", status_code=303)


class BodyGuard:
    """Caps every request body and refuses anonymous bodies before reading them."""

    def __init__(self, app: ASGIApp, *, upload_max_bytes: int) -> None:
        self.app = app
        self.upload_max_bytes = upload_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        cap = body_cap(path, upload_max_bytes=self.upload_max_bytes)
        headers = Headers(scope=scope)
        length = headers.get("content-length", "")
        refusal: Response | None = None
        if length.isdigit() and int(length) > cap:
            refusal = JSONResponse({"detail": BodyTooLarge(cap).detail}, 413)
        elif (
            scope["method"] in UNSAFE_METHODS
            and path not in PUBLIC_WRITES
            and not signed_in(scope["app"].state.workspace, headers)
        ):
            refusal = _unauthenticated(path)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self._capped(scope, receive, send, cap)

    async def _capped(self, scope: Scope, receive: Receive, send: Send, cap: int) -> None:
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge as exc:  # read outside FastAPI's own handler (a raw ASGI read)
            if started:
                raise
            await JSONResponse({"detail": exc.detail}, 413)(scope, receive, send)
