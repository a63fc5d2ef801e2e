"""The worker pulse on the public worker-voice channel: one eNPS question a quarter.

The same rules as the anonymous grievance form (``pages_voice``): no sign-in, no
cookie, no address logged, a signed time-boxed form from this site's own page, and
limits per channel and overall. An answer keeps only the quarter, the score and the
site if the worker names one.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement, list_sites
from fairshore.entrypoints.web.deps import workspace
from fairshore.entrypoints.web.pages_voice import (
    LIMITER,
    RATE_OVERALL,
    RATE_PER_CHANNEL,
    _check_form,
    _code_page,
    _language,
    _public,
    sign_form,
)
from fairshore.errors import InputError, NotFoundError
from fairshore.people import pulse
from fairshore.people import services as people
from fairshore.people.services import submit_pulse
from fairshore.people.voice import K_ANONYMITY

router = APIRouter()
WS = Annotated[Workspace, Depends(workspace)]


def _pulse_form(
    request: Request,
    ws: Workspace,
    channel_code: str,
    lang: str | None,
    *,
    done: bool = False,
    error: str | None = None,
) -> HTMLResponse:
    channel = people.voice_channel(ws, channel_code)
    view = dataclasses.replace(ws, organisation_id=channel.organisation_id)
    engagement = get_engagement(view, channel.engagement_id)
    languages = list(engagement.languages)
    return _public(
        request,
        "voice_pulse.html",
        lang=_language(request, lang, languages),
        here=f"/voice/pulse?code={quote(channel.code)}",
        languages=languages,
        code=channel.code,
        engagement_name=engagement.name,
        sites=[s for s in list_sites(view) if s.id in engagement.site_ids],
        question=pulse.QUESTION,
        k=K_ANONYMITY,
        form_token=sign_form(ws),
        done=done,
        error=error,
    )


@router.get("/voice/pulse", response_class=HTMLResponse)
def pulse_page(request: Request, ws: WS, code: str = "", lang: str | None = None) -> Response:
    try:
        return _pulse_form(request, ws, code[:40], lang)
    except NotFoundError as exc:
        return _code_page(request, lang, str(exc))


@router.post("/voice/pulse", response_class=HTMLResponse)
def pulse_submit(
    request: Request,
    ws: WS,
    code: Annotated[str, Form(max_length=40)],
    form_token: Annotated[str, Form(max_length=100)],
    score: Annotated[str, Form(max_length=4)] = "",
    site_id: Annotated[str, Form(max_length=64)] = "",
    lang: Annotated[str | None, Form(max_length=8)] = None,
) -> Response:
    try:
        channel = people.voice_channel(ws, code)
    except NotFoundError as exc:
        return _code_page(request, lang, str(exc))
    try:
        _check_form(request, ws, form_token)
        if not score.strip().isdigit():
            raise InputError("choose a score from 0 to 10")
        now = time.monotonic()
        if not (
            LIMITER.allow(f"pulse:{channel.code}", limit=RATE_PER_CHANNEL, now=now)
            and LIMITER.allow("*", limit=RATE_OVERALL, now=now)
        ):
            raise InputError("too many reports were sent just now; please try again in a while")
        view = dataclasses.replace(ws, organisation_id=channel.organisation_id)
        submit_pulse(view, channel.engagement_id, score=int(score), site_id=site_id or None)
    except InputError as exc:
        response = _pulse_form(request, ws, channel.code, lang, error=str(exc))
        response.status_code = 422
        return response
    return _pulse_form(request, ws, channel.code, lang, done=True)
