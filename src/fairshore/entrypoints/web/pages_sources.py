"""The Sources page: each feed Fairshore pulls from, how fresh it is, and "sync now".

The feeds are the client's own systems (its helpdesk): vendor users do not see them.
Anyone else who can read sees the list; only an admin may start a sync by hand.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.audit_trail import log_change
from fairshore.entrypoints.web.deps import require, tenant, workspace
from fairshore.entrypoints.web.pages import render
from fairshore.errors import NotFoundError
from fairshore.sources import services as sources

router = APIRouter()
WS = Annotated[Workspace, Depends(workspace)]


def _client_side(who: Principal) -> None:
    if who.role == "vendor":
        raise NotFoundError("no such page")  # the client's systems are not the vendor's


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request, ws: WS, who: Annotated[Principal, Depends(require("read"))]
) -> Response:
    _client_side(who)
    view = tenant(ws, who)
    now = sources.utc_now()
    rows = [
        {"source": s, "next_run": due, "due": due <= now}
        for s in sources.list_sources(view)
        for due in [sources.next_run(s)]
    ]
    quiet = {f.evidence.get("source") for f in sources.silent_feeds(view, now=now)}
    return render(
        request, "sources.html", who, rows=rows, quiet=quiet,
        synced=request.query_params.get("synced"),
    )  # fmt: skip


@router.post("/sources/{source_id}/sync")
def sync_now(
    source_id: str, ws: WS, who: Annotated[Principal, Depends(require("manage_users"))]
) -> Response:
    view = tenant(ws, who)
    sources.get_source(view, source_id)  # 404 for another organisation's source
    report = sources.sync_source(view, source_id, now=sources.utc_now())
    log_change(ws, who, "source.sync", f"source:{source_id}", status=report.status,
               pages=report.pages, rows=report.rows_read)  # fmt: skip
    return RedirectResponse(f"/sources?synced={source_id}", status_code=303)
