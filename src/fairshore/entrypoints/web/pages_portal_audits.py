"""Audits: the list, and recording one (each open nonconformity becomes a finding)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.audit_trail import log_change
from fairshore.entrypoints.web.deps import (
    require,
    tenant,
    visible_engagement,
    workspace,
)
from fairshore.entrypoints.web.pages import render, visible_engagements
from fairshore.governance import services as governance
from fairshore.governance.model import Audit, Nonconformity
from fairshore.people.audit_pay import measured_pay

router = APIRouter()
WS = Annotated[Workspace, Depends(workspace)]
Reader = Annotated[Principal, Depends(require("read"))]
NC_ROWS = 5


# ------------------------------------------------------------------------ audits


def _audits(request: Request, ws: Workspace, who: Principal, **extra: object) -> HTMLResponse:
    engagements = visible_engagements(ws, who)
    ids = {e.id for e in engagements}
    audits = [a for a in governance.list_audits(tenant(ws, who)) if a.engagement_id in ids]
    context: dict[str, object] = {
        "engagements": engagements,
        "audits": sorted(audits, key=lambda a: (a.audited_on, a.id or 0), reverse=True),
        "nc_rows": range(1, NC_ROWS + 1),
        "error": None,
        "recorded": None,
    }
    return render(request, "audits.html", who, **(context | extra))


@router.get("/portal/audits", response_class=HTMLResponse)
def audits_page(request: Request, ws: WS, who: Reader, recorded: int | None = None) -> Response:
    return _audits(request, ws, who, recorded=recorded)


@router.post("/portal/audits", response_class=HTMLResponse)
async def audit_record(
    request: Request, ws: WS, who: Annotated[Principal, Depends(require("record_audit"))]
) -> Response:
    form = await request.form()

    def field(name: str, limit: int = 500) -> str:
        return str(form.get(name) or "").strip()[:limit]

    def record() -> Response:
        engagement_id = field("engagement_id", 64)
        visible_engagement(ws, who, engagement_id)
        try:
            nonconformities = [
                Nonconformity(
                    grade=field(f"nc_grade_{i}"),
                    title=field(f"nc_title_{i}"),
                    pillar=field(f"nc_pillar_{i}", 40) or None,
                )
                for i in range(1, NC_ROWS + 1)
                if field(f"nc_title_{i}")
            ]
            audit = Audit(
                engagement_id=engagement_id,
                auditor=field("auditor", 200) or who.email,
                audited_on=date.fromisoformat(field("audited_on", 10)),
                scope=field("scope"),
                pillars=[p.strip() for p in field("pillars").split(",") if p.strip()],
                nonconformities=nonconformities,
            )
        except (ValidationError, ValueError) as exc:
            message = (
                "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                if isinstance(exc, ValidationError)
                else "the audit date is written YYYY-MM-DD"
            )
            response = _audits(request, ws, who, error=message)
            response.status_code = 422
            return response
        view = tenant(ws, who)
        measured = measured_pay(view, audit.engagement_id, audited_on=audit.audited_on)
        stored, score, outcome = governance.add_audit(view, audit, measured=measured)
        log_change(
            ws,
            who,
            "audit.record",
            f"audit:{stored.id}",
            engagement_id=engagement_id,
            audited_on=str(stored.audited_on),
            nonconformities=len(nonconformities),
            findings_opened=outcome.opened,
            score=score.score,
        )
        return RedirectResponse(f"/portal/audits?recorded={stored.id}", status_code=303)

    return await run_in_threadpool(record)
