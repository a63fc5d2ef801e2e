"""The analytics JSON API under /api/v1: the same views as the analytics pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web import reports_web
from fairshore.entrypoints.web import views_analytics as views
from fairshore.entrypoints.web import views_sourcing as sourcing
from fairshore.entrypoints.web.deps import (
    require,
    tenant,
    visible_engagement,
    visible_vendor,
    workspace,
)
from fairshore.entrypoints.web.pages import visible_engagements
from fairshore.entrypoints.web.pages_analytics import vendor_names
from fairshore.entrypoints.web.schemas_analytics import (
    ContractPublic,
    KpiTrendPublic,
    ParityPublic,
    PeoplePublic,
    PrivacyPublic,
    RankingPublic,
    ReportsPublic,
    ScorecardPublic,
    SlaPublic,
    StaffingPublic,
    TcoPublic,
)
from fairshore.errors import NotFoundError

router = APIRouter(prefix="/api/v1", tags=["analytics"])
Reader = Annotated[Principal, Depends(require("read"))]
WS = Annotated[Workspace, Depends(workspace)]
By = Annotated[
    str,
    Query(
        max_length=100,
        description="Dimensions and at most one period, comma-separated (docs/kpis.md)",
    ),
]


@router.get("/engagements/{engagement_id}/kpis", response_model=KpiTrendPublic)
def api_kpis(
    engagement_id: str,
    ws: WS,
    who: Reader,
    by: By = "month,channel",
    start: date | None = None,
    end: date | None = None,
) -> KpiTrendPublic:
    """The KPI set per group; contacts that arrived in [start, end) when given."""
    engagement = visible_engagement(ws, who, engagement_id)
    return views.kpi_trend(tenant(ws, who), engagement, by=views.parse_by(by), start=start, end=end)


@router.get("/engagements/{engagement_id}/sla", response_model=SlaPublic)
def api_sla(engagement_id: str, ws: WS, who: Reader) -> SlaPublic:
    """Every period's stored SLA evaluation: terms, credits, cap, earn-back; totals."""
    return views.sla_view(tenant(ws, who), visible_engagement(ws, who, engagement_id))


@router.get("/engagements/{engagement_id}/contract", response_model=ContractPublic)
def api_contract(engagement_id: str, ws: WS, who: Reader) -> ContractPublic:
    """The newest stored contract version: terms, ethical clauses and the YAML."""
    return views.contract_view(tenant(ws, who), visible_engagement(ws, who, engagement_id))


@router.get("/engagements/{engagement_id}/parity", response_model=ParityPublic)
def api_parity(engagement_id: str, ws: WS, who: Reader) -> ParityPublic:
    """The parity audit over language and the engagement's segments."""
    return views.parity_view(tenant(ws, who), visible_engagement(ws, who, engagement_id))


@router.get("/engagements/{engagement_id}/people", response_model=PeoplePublic)
def api_people(engagement_id: str, ws: WS, who: Reader) -> PeoplePublic:
    """Welfare and pay: attrition, hours, occupancy, training, pay against the living wage."""
    return views.people_view(tenant(ws, who), visible_engagement(ws, who, engagement_id))


@router.get("/engagements/{engagement_id}/privacy", response_model=PrivacyPublic)
def api_privacy(engagement_id: str, ws: WS, who: Reader) -> PrivacyPublic:
    """Incidents with their notification clocks, and recorded access anomalies."""
    return views.privacy_view(tenant(ws, who), visible_engagement(ws, who, engagement_id))


@router.get("/engagements/{engagement_id}/staffing", response_model=StaffingPublic)
def api_staffing(engagement_id: str, ws: WS, who: Reader) -> StaffingPublic:
    """Staffing adequacy per month."""
    return views.staffing_view(tenant(ws, who), visible_engagement(ws, who, engagement_id))


@router.get("/scorecards", response_model=RankingPublic)
def api_scorecards(ws: WS, who: Reader, as_of: date | None = None) -> RankingPublic:
    """Assessed vendors ranked side by side (a vendor user sees its own row only)."""
    view = tenant(ws, who)
    return sourcing.ranking_view(
        view, as_of=as_of or view.today(), vendor_names=vendor_names(view), only=who.vendor_id
    )


@router.get("/scorecards/{vendor_id}", response_model=ScorecardPublic)
def api_scorecard(
    vendor_id: str, ws: WS, who: Reader, as_of: date | None = None
) -> ScorecardPublic:
    """One vendor's score answer by answer, its claims checked against its data."""
    name = visible_vendor(ws, who, vendor_id).name
    return sourcing.scorecard_view(
        tenant(ws, who),
        vendor_id=vendor_id,
        vendor_name=name,
        as_of=as_of or ws.today(),
        engagements=[e for e in visible_engagements(ws, who) if e.vendor_id == vendor_id],
    )


@router.get("/tco", response_model=TcoPublic)
def api_tco(ws: WS, who: Reader) -> TcoPublic:
    """The packaged sourcing scenario's options, living-wage premium included."""
    if who.role == "vendor":
        raise NotFoundError("no such resource")
    return sourcing.tco_view(tenant(ws, who))


@router.get("/reports", response_model=ReportsPublic)
def api_reports(ws: WS, who: Reader) -> ReportsPublic:
    """The reports this principal can produce, with their HTML and PDF addresses."""
    links = reports_web.report_links(
        tenant(ws, who), visible_engagements(ws, who), board=who.role != "vendor"
    )
    return ReportsPublic(data=links, count=len(links))
