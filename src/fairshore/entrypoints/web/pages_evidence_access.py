"""Drill-down page: from an access anomaly to the access events that raised it.

``/engagements/{id}/access-events/{kind}/{agent}/{day}`` lists the events behind an
agent's kind of anomaly on a (local) day, as the detector judged them over ``over``
(the period kept in the finding's evidence), each with its ingest batch and file.
``back`` (a same-site path) links to the page the reader came from: the privacy page,
or the finding.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from fairshore import web_paths
from fairshore.accounts.model import Principal
from fairshore.entrypoints.web.deps import require, tenant, visible_engagement
from fairshore.entrypoints.web.pages import WS, page_window, render
from fairshore.entrypoints.web.return_to import safe_next
from fairshore.errors import InputError
from fairshore.metrics.periods import parse_period
from fairshore.privacy.anomaly_evidence import COUNTS, access_events_behind

router = APIRouter()
Reader = Annotated[Principal, Depends(require("read"))]
PER_PAGE = 25
Over = Annotated[str | None, Query(max_length=64)]
Page = Annotated[int, Query(ge=1, le=100_000)]
Back = Annotated[str | None, Query(max_length=2000)]


def access_events_link(
    engagement_id: str, evidence: Mapping[str, object], day: str | None, *, back: str
) -> str | None:
    """The events behind one day of an access-anomaly finding (its ``evidence`` names the
    agent, the kind and the period judged), or None."""
    kind, agent, over = (evidence.get(k) for k in ("kind", "agent_ref", "detected_over"))
    if kind not in COUNTS or not isinstance(agent, str) or not agent:
        return None
    if day is None or not _is_day(day):
        return None
    since = over if isinstance(over, str) else ""
    return web_paths.access_events(engagement_id, kind, agent, day, over=since, back=back)


def _is_day(text: str | None) -> bool:
    try:
        return bool(text) and parse_period(text or "").kind == "day"
    except InputError:
        return False


@router.get(
    "/engagements/{engagement_id}/access-events/{kind}/{agent_ref}/{day}",
    response_class=HTMLResponse,
)
def access_event_evidence(
    request: Request,
    engagement_id: str,
    kind: str,
    agent_ref: str,
    day: str,
    ws: WS,
    who: Reader,
    over: Over = None,
    page: Page = 1,
    back: Back = None,
) -> Response:
    """The access events that raised an agent's kind of anomaly on a day."""
    engagement = visible_engagement(ws, who, engagement_id)
    back = safe_next(back) if back else None  # only a same-site path, in every link
    sample = access_events_behind(
        tenant(ws, who),
        engagement_id=engagement.id,
        kind=kind[:64],
        agent_ref=agent_ref[:200],
        day=day[:64],
        detected_over=over,
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    link = ({"over": over} if over else {}) | ({"back": back} if back else {})
    return render(
        request,
        "evidence_access_events.html",
        who,
        engagement=engagement,
        sample=sample,
        heading=f"{kind.replace('_', ' ')} by {agent_ref} on {day}",
        page=page,
        query=urlencode(link),
        **page_window(page, PER_PAGE, len(sample.rows), sample.total),
        back=back,
    )
