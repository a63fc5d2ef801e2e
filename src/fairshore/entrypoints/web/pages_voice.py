"""The worker voice on the web: a public, anonymous form and receipt lookup; staff cases.

Public side (no sign-in): a worker types the channel code printed on the posters at
its site (``/voice``), chooses a category and optionally a site, writes what happened
and gets a receipt code, shown once; ``/voice/receipt`` shows the case's status and
the replies. Nothing identifying is collected or kept:

- no cookie is set (the form's anti-forgery token is signed and time-boxed, and the
  request must come from this site's own page: ``Origin``/``Sec-Fetch-Site``);
- no IP address is logged (``silence_access_log`` drops uvicorn's access log, and
  the audit log records no anonymous submission: its time would date the case more
  finely than the day the case keeps);
- the receipt code travels only in POST bodies, never in a URL;
- submissions are limited per channel and overall (not per address), text to 5000
  characters.

Staff side (``/portal/voice``): the client's analysts open or close an engagement's
channel; vendors and analysts move cases along and reply; every change is logged.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Sequence
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement, list_sites
from fairshore.entrypoints.web import i18n
from fairshore.entrypoints.web.audit_trail import log_change
from fairshore.entrypoints.web.deps import (
    require,
    tenant,
    utf8,
    visible_engagement,
    visible_grievance,
    workspace,
)
from fairshore.entrypoints.web.pages import render, visible_engagements
from fairshore.errors import GovernanceError, InputError, NotFoundError
from fairshore.people import services as people
from fairshore.people import voice

router = APIRouter()
WS = Annotated[Workspace, Depends(workspace)]
TOKEN_HOURS = 2
MAX_TEXT = 5000
RATE_WINDOW_S = 600
RATE_PER_CHANNEL = 20
RATE_OVERALL = 200
CATEGORY_LABELS = {
    "pay": "Pay",
    "hours": "Working hours",
    "harassment": "Harassment",
    "health_and_safety": "Health and safety",
    "abusive_customers": "Abusive customers",
    "retaliation": "Retaliation",
    "discrimination": "Discrimination",
    "other": "Something else",
}


class _Limiter:
    """Submissions in the last window, per channel and overall (no addresses kept)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, deque[float]] = {}

    def allow(self, key: str, *, limit: int, now: float) -> bool:
        with self._lock:
            times = self._seen.setdefault(key, deque())
            while times and times[0] < now - RATE_WINDOW_S:
                times.popleft()
            if len(times) >= limit:
                return False
            times.append(now)
            return True


LIMITER = _Limiter()


def _no_record(record: logging.LogRecord) -> bool:
    return False


def silence_access_log() -> None:
    """Drop uvicorn's access log, whatever the log level: it would write client addresses.

    Called by ``create_app``, so it holds however the app is served (``fairshore
    serve``, several workers, or ``uvicorn --factory`` by hand).
    """
    logging.getLogger("uvicorn.access").addFilter(_no_record)


def _key(ws: Workspace) -> bytes:
    """The form-signing key: from FAIRSHORE_SECRET_KEY, else a random key kept in the
    workspace (so that every worker process of one deployment shares it)."""
    secret = ws.settings.secret_key
    if secret is not None:
        return hashlib.sha256(b"voice-form|" + secret.get_secret_value().encode()).digest()
    path = ws.home / "secrets" / "voice-form.key"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        draft.write_bytes(secrets.token_bytes(32))
        draft.chmod(0o600)
        try:
            os.link(draft, path)  # atomic: the first worker's key wins, whole
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_bytes()


def sign_form(ws: Workspace, *, hour: int | None = None) -> str:
    """A signed, time-boxed token for the public form (no cookie, nothing per visitor)."""
    hour = int(time.time() // 3600) if hour is None else hour
    mac = hmac.new(_key(ws), f"voice:{hour}".encode(), hashlib.sha256).hexdigest()
    return f"{hour}.{mac[:32]}"


def _check_form(request: Request, ws: Workspace, token: str) -> None:
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site not in (None, "same-origin", "none") or (
        origin is not None and origin.split("://", 1)[-1] != request.headers.get("host", "")
    ):
        raise InputError("this form must be sent from Fairshore's own page; open it again")
    hour_text, _, _ = token.partition(".")
    now = int(time.time() // 3600)
    if not hour_text.isdigit() or not 0 <= now - int(hour_text) < TOKEN_HOURS:
        raise InputError("the form expired; open it again (nothing was sent)")
    if not hmac.compare_digest(utf8(token), utf8(sign_form(ws, hour=int(hour_text)))):
        raise InputError("the form expired; open it again (nothing was sent)")


def _language(request: Request, lang: str | None, languages: Sequence[str] = ()) -> str:
    header = request.headers.get("accept-language", "")
    return i18n.choose(lang, header[:500], languages)


def _public(
    request: Request,
    name: str,
    *,
    lang: str,
    here: str,
    languages: Sequence[str] = (),
    **context: object,
) -> HTMLResponse:
    """A public page in ``lang``, with the picker linking ``here`` in the others."""
    gettext = i18n.gettext_for(lang)
    if isinstance(context.get("error"), str):
        context["error"] = gettext(str(context["error"]))  # the form's own messages
    picker = [(code, i18n.LANGUAGES[code]) for code in i18n.offered(languages)]
    response = render(
        request, name, None, public=True, lang=lang, _=gettext, languages=picker, here=here,
        **context,
    )  # fmt: skip
    response.headers["cache-control"] = "no-store"
    response.headers["content-language"] = lang
    return response


def _channel_form(
    request: Request,
    ws: Workspace,
    channel: voice.VoiceChannel,
    lang: str | None,
    **extra: object,
) -> HTMLResponse:
    view = dataclasses.replace(ws, organisation_id=channel.organisation_id)
    engagement = get_engagement(view, channel.engagement_id)
    sites = [s for s in list_sites(view) if s.id in engagement.site_ids]
    languages = list(engagement.languages)
    context: dict[str, object] = {
        "code": channel.code,
        "engagement_name": engagement.name,
        "sites": sites,
        "categories": CATEGORY_LABELS,
        "form_token": sign_form(ws),
        "max_text": MAX_TEXT,
        "error": None,
        "sent": {},
    }
    return _public(
        request,
        "voice_form.html",
        lang=_language(request, lang, languages),
        here=f"/voice?code={quote(channel.code)}",
        languages=languages,
        **(context | extra),
    )


def _code_page(request: Request, lang: str | None, error: str | None) -> HTMLResponse:
    response = _public(
        request, "voice_code.html", lang=_language(request, lang), here="/voice", error=error
    )
    response.status_code = 404 if error else 200
    return response


@router.get("/voice", response_class=HTMLResponse)
def voice_page(request: Request, ws: WS, code: str = "", lang: str | None = None) -> Response:
    if not code:
        return _code_page(request, lang, None)
    try:
        channel = people.voice_channel(ws, code[:40])
    except NotFoundError as exc:
        return _code_page(request, lang, str(exc))
    return _channel_form(request, ws, channel, lang)


@router.post("/voice", response_class=HTMLResponse)
def voice_submit(
    request: Request,
    ws: WS,
    code: Annotated[str, Form(max_length=40)],
    category: Annotated[str, Form(max_length=40)],
    body: Annotated[str, Form(max_length=MAX_TEXT)],
    form_token: Annotated[str, Form(max_length=100)],
    site_id: Annotated[str, Form(max_length=64)] = "",
    lang: Annotated[str | None, Form(max_length=8)] = None,
) -> Response:
    try:
        channel = people.voice_channel(ws, code)
    except NotFoundError as exc:
        return _code_page(request, lang, str(exc))
    sent = {"category": category, "site_id": site_id, "body": body}
    try:
        _check_form(request, ws, form_token)
        now = time.monotonic()
        if not (
            LIMITER.allow(channel.code, limit=RATE_PER_CHANNEL, now=now)
            and LIMITER.allow("*", limit=RATE_OVERALL, now=now)
        ):
            raise InputError("too many reports were sent just now; please try again in a while")
        view = dataclasses.replace(ws, organisation_id=channel.organisation_id)
        case, receipt = people.submit_grievance(
            view, channel.engagement_id, category=category, body=body, site_id=site_id or None
        )
    except InputError as exc:
        response = _channel_form(request, ws, channel, lang, error=str(exc), sent=sent)
        response.status_code = 422
        return response
    return _public(
        request,
        "voice_receipt.html",
        lang=_language(request, lang),
        here="/voice/receipt",
        receipt=receipt,
        case=case,
        lookup=False,
    )


@router.get("/voice/receipt", response_class=HTMLResponse)
def receipt_form(request: Request, ws: WS, lang: str | None = None) -> Response:
    return _public(
        request,
        "voice_receipt.html",
        lang=_language(request, lang),
        here="/voice/receipt",
        receipt=None,
        case=None,
        lookup=True,
        error=None,
        form_token=sign_form(ws),
    )


@router.post("/voice/receipt", response_class=HTMLResponse)
def receipt_lookup(
    request: Request,
    ws: WS,
    receipt: Annotated[str, Form(max_length=80)],
    form_token: Annotated[str, Form(max_length=100)],
    lang: Annotated[str | None, Form(max_length=8)] = None,
) -> Response:
    fresh = sign_form(ws)
    shown = {"lang": _language(request, lang), "here": "/voice/receipt"}
    try:
        _check_form(request, ws, form_token)
        case = people.grievance_by_receipt(ws, receipt)
    except InputError as exc:
        response = _public(
            request,
            "voice_receipt.html",
            **shown,
            receipt=None,
            case=None,
            lookup=True,
            error=str(exc),
            form_token=fresh,
        )
        response.status_code = 404 if isinstance(exc, NotFoundError) else 422
        return response
    return _public(
        request,
        "voice_receipt.html",
        **shown,
        receipt=None,
        case=case,
        lookup=True,
        error=None,
        form_token=fresh,
    )


# --------------------------------------------------------------------- staff side


@router.get("/portal/voice", response_class=HTMLResponse)
def staff_voice(
    request: Request, ws: WS, who: Annotated[Principal, Depends(require("read"))]
) -> Response:
    view = tenant(ws, who)
    engagements = visible_engagements(ws, who)
    ids = {e.id for e in engagements}
    cases = [c for c in people.list_grievances(view) if c.engagement_id in ids]
    shown_sites = people.site_visible(cases)
    channels = [c for c in people.list_voice_channels(view) if c.engagement_id in ids]
    return render(
        request,
        "voice_staff.html",
        who,
        cases=sorted(cases, key=lambda c: (c.status == "resolved", c.resolve_due_on)),
        shown_sites=shown_sites,
        channels=channels,
        engagements=engagements,
        next_status=voice.NEXT,
        error=request.query_params.get("error"),
    )


@router.post("/portal/voice/channels")
def channel_open(
    ws: WS,
    who: Annotated[Principal, Depends(require("manage_voice"))],
    engagement_id: Annotated[str, Form(max_length=64)],
) -> Response:
    visible_engagement(ws, who, engagement_id)
    channel = people.open_voice_channel(tenant(ws, who), engagement_id)
    log_change(ws, who, "voice.channel.open", f"engagement:{engagement_id}", code=channel.code)
    return RedirectResponse("/portal/voice#channels", status_code=303)


@router.post("/portal/voice/channels/{engagement_id}/close")
def channel_close(
    engagement_id: str, ws: WS, who: Annotated[Principal, Depends(require("manage_voice"))]
) -> Response:
    visible_engagement(ws, who, engagement_id)
    channel = people.close_voice_channel(tenant(ws, who), engagement_id)
    log_change(ws, who, "voice.channel.close", f"engagement:{engagement_id}", code=channel.code)
    return RedirectResponse("/portal/voice#channels", status_code=303)


@router.post("/portal/voice/cases/{case_id}")
def case_update(
    case_id: str,
    ws: WS,
    who: Annotated[Principal, Depends(require("respond_finding"))],
    status: Annotated[str, Form(max_length=20)] = "",
    reply: Annotated[str, Form(max_length=MAX_TEXT)] = "",
) -> Response:
    view = tenant(ws, who)
    case = visible_grievance(ws, who, case_id)
    try:
        updated = people.update_grievance(
            view,
            case.id,
            status=status or None,
            reply=reply.strip() or None,
            author="vendor" if who.role == "vendor" else "client",
        )
    except (InputError, GovernanceError) as exc:
        return RedirectResponse(f"/portal/voice?error={quote(str(exc)[:200])}", status_code=303)
    log_change(
        ws,
        who,
        "voice.case.update",
        f"grievance:{case.id}",
        engagement_id=case.engagement_id,
        status=updated.status,
        replied=bool(reply.strip()),
    )
    return RedirectResponse("/portal/voice", status_code=303)
