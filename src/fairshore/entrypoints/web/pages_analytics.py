"""Analytics pages: an engagement's KPIs, contract, parity, people, privacy and staffing;
vendor scorecards; TCO scenarios; reports. Each chart has its figures in a table beside it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from fairshore import numbers, vegalite
from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement
from fairshore.engagements.services import list_vendors
from fairshore.entrypoints.web import pages_glossary
from fairshore.entrypoints.web import views_analytics as views
from fairshore.entrypoints.web import views_sourcing as sourcing
from fairshore.entrypoints.web.charts import kpi_charts, parity_chart
from fairshore.entrypoints.web.deps import (
    require,
    tenant,
    visible_engagement,
    visible_vendor,
    workspace,
)
from fairshore.entrypoints.web.pages import visible_engagements
from fairshore.entrypoints.web.pages_evidence import (
    agent_months_link,
    brief_evidence,
    evidence_link,
    finding_ids,
    roster_link,
    term_link,
)
from fairshore.entrypoints.web.schemas_analytics import (
    RankingPublic,
    SlaPublic,
)
from fairshore.errors import NotFoundError
from fairshore.metrics.evidence import DRILLABLE
from fairshore.vetting import services as vetting

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter()
Reader = Annotated[Principal, Depends(require("read"))]
Exporter = Annotated[Principal, Depends(require("export"))]
WS = Annotated[Workspace, Depends(workspace)]
VEGA_LITE = vegalite.SCHEMA
KPI_METRICS = (
    ("service_level", "Service level", "rate"),
    ("asa_s", "ASA (s)", "seconds"),
    ("abandon_rate", "Abandon rate", "rate"),
    ("aht_s", "AHT (s)", "seconds"),
    ("fcr_rate", "FCR", "rate"),
    ("csat_top2", "CSAT top-2", "rate"),
)


TEMPLATES.env.filters.update(numbers.jinja_filters(missing="—"))
pages_glossary.install(TEMPLATES.env)
TEMPLATES.env.globals |= {
    "agent_months_link": agent_months_link,
    "brief_evidence": brief_evidence,
    "roster_link": roster_link,
    "term_link": term_link,
}


def render(request: Request, name: str, who: Principal, **context: Any) -> HTMLResponse:
    """Render an analytics page with the signed-in principal and its CSRF token."""
    context |= {"who": who, "csrf_token": getattr(request.state, "csrf_token", "")}
    return TEMPLATES.TemplateResponse(request, name, context)


def _engagement_page(
    request: Request, ws: Workspace, who: Principal, engagement_id: str, section: str
) -> tuple[Workspace, Engagement, dict[str, Any]]:
    engagement = visible_engagement(ws, who, engagement_id)
    view = tenant(ws, who)
    context = {"engagement": engagement, "section": section}
    return view, engagement, context


# --- charts ----------------------------------------------------------------------------


def credits_chart(sla: SlaPublic) -> dict[str, Any] | None:
    """Service credits owed (after the cap) and earned back, per period."""
    if not sla.periods:
        return None
    return {
        "$schema": VEGA_LITE,
        "width": "container",
        "height": 160,
        "data": {
            "values": [
                {"period": p.period, "kind": kind, "amount": amount}
                for p in sla.periods
                for kind, amount in (("owed", p.credits_owed), ("earned back", -p.earned_back))
            ]
        },
        "mark": "bar",
        "encoding": {
            "x": {"field": "period", "type": "ordinal", "title": None},
            "y": {"field": "amount", "type": "quantitative", "title": f"credit ({sla.currency})"},
            "color": {
                "field": "kind",
                "type": "nominal",
                "title": None,
                "scale": {"domain": ["owed", "earned back"], "range": ["#cf222e", "#1a7f37"]},
            },
        },
    }


def ranking_chart(ranking: RankingPublic) -> dict[str, Any] | None:
    if not ranking.rows:
        return None
    return {
        "$schema": VEGA_LITE,
        "width": "container",
        "height": 40 * len(ranking.rows) + 20,
        "data": {
            "values": [
                {
                    "vendor": r.vendor_name,
                    "score": r.total,
                    "status": "eligible" if r.eligible else "knocked out",
                }
                for r in ranking.rows
            ]
        },
        "mark": "bar",
        "encoding": {
            "y": {"field": "vendor", "type": "nominal", "sort": "-x", "title": None},
            "x": {
                "field": "score",
                "type": "quantitative",
                "scale": {"domain": [0, 100]},
                "title": "score (0-100)",
            },
            "color": {
                "field": "status",
                "type": "nominal",
                "title": None,
                "scale": {"domain": ["eligible", "knocked out"], "range": ["#0b5cad", "#cf222e"]},
            },
        },
    }


def tco_chart(ws: Workspace) -> dict[str, Any]:
    from fairshore.costs.chart import tco_chart as costs_chart

    spec: dict[str, Any] = costs_chart(sourcing.tco_report(ws))
    spec["$schema"] = VEGA_LITE
    spec["width"] = "container"
    return spec


# --- engagement sections ------------------------------------------------------------------


def kpi_dimensions(engagement: Engagement) -> list[str]:
    """What the KPI trends can be split by, besides the month."""
    return ["channel", "language", "queue", "site", "priority", *engagement.segment_columns]


@router.get("/engagements/{engagement_id}/kpis", response_class=HTMLResponse)
def kpis_page(
    request: Request, engagement_id: str, ws: WS, who: Reader, dim: str = "channel"
) -> Response:
    view, engagement, context = _engagement_page(request, ws, who, engagement_id, "kpis")
    dimensions = kpi_dimensions(engagement)
    dim = dim if dim in dimensions else "channel"
    trend = views.kpi_trend(view, engagement, by=("month", dim))
    groups = sorted({str(p.group.get(dim) or "(missing)") for p in trend.rows})
    tables = {
        g: [p for p in trend.rows if str(p.group.get(dim) or "(missing)") == g] for g in groups
    }
    return render(
        request,
        "analytics_kpis.html",
        who,
        **context,
        trend=trend,
        tables=tables,
        dim=dim,
        dimensions=dimensions,
        metrics=KPI_METRICS,
        charts=kpi_charts(
            trend, dim=dim, terms=views.contract_view(view, engagement).service_terms,
            link=lambda name, month, group: evidence_link(engagement.id, name, month, dim, group),
        ),
        evidence_link=lambda name, month, group: evidence_link(
            engagement.id, name, month, dim, group),
    )  # fmt: skip


@router.get("/engagements/{engagement_id}/contract", response_class=HTMLResponse)
def contract_page(request: Request, engagement_id: str, ws: WS, who: Reader) -> Response:
    view, engagement, context = _engagement_page(request, ws, who, engagement_id, "contract")
    sla = views.sla_view(view, engagement)
    return render(
        request,
        "analytics_contract.html",
        who,
        **context,
        sla=sla,
        drillable=DRILLABLE,
        chart=credits_chart(sla),
        contract=views.contract_view(view, engagement),
    )


@router.get("/engagements/{engagement_id}/parity", response_class=HTMLResponse)
def parity_page(request: Request, engagement_id: str, ws: WS, who: Reader) -> Response:
    view, engagement, context = _engagement_page(request, ws, who, engagement_id, "parity")
    parity = views.parity_view(view, engagement)
    return render(
        request, "analytics_parity.html", who, **context, parity=parity, chart=parity_chart(parity)
    )


@router.get("/engagements/{engagement_id}/people", response_class=HTMLResponse)
def people_page(request: Request, engagement_id: str, ws: WS, who: Reader) -> Response:
    view, engagement, context = _engagement_page(request, ws, who, engagement_id, "people")
    people = views.people_view(view, engagement)
    chart = None
    if any(m.occupancy is not None for m in people.months):
        chart = {
            "$schema": VEGA_LITE,
            "width": "container",
            "height": 160,
            "data": {
                "values": [
                    {"month": m.month.isoformat()[:7], "occupancy": m.occupancy}
                    for m in people.months
                    if m.occupancy is not None
                ]
            },
            "layer": [
                {
                    "mark": {"type": "line", "point": True},
                    "encoding": {
                        "x": {"field": "month", "type": "ordinal", "title": None},
                        "y": {
                            "field": "occupancy",
                            "type": "quantitative",
                            "axis": {"format": "%"},
                            "title": "occupancy",
                        },
                    },
                },
                {  # the threshold is in the chart's label and the table: no aria item
                    "mark": {
                        "type": "rule",
                        "color": "#cf222e",
                        "strokeDash": [4, 4],
                        "aria": False,
                    },
                    "encoding": {"y": {"datum": people.burnout_threshold}},
                },
            ],
        }
    ids = finding_ids(ws, who, engagement.id)
    return render(
        request,
        "analytics_people.html",
        who,
        **context,
        people=people,
        chart=chart,
        finding_ids=ids,
    )


@router.get("/engagements/{engagement_id}/privacy", response_class=HTMLResponse)
def privacy_page(request: Request, engagement_id: str, ws: WS, who: Reader) -> Response:
    view, engagement, context = _engagement_page(request, ws, who, engagement_id, "privacy")
    return render(
        request,
        "analytics_privacy.html",
        who,
        **context,
        privacy=views.privacy_view(view, engagement),
    )


@router.get("/engagements/{engagement_id}/staffing", response_class=HTMLResponse)
def staffing_page(request: Request, engagement_id: str, ws: WS, who: Reader) -> Response:
    view, engagement, context = _engagement_page(request, ws, who, engagement_id, "staffing")
    staffing = views.staffing_view(view, engagement)
    chart = None
    if staffing.months:
        chart = {
            "$schema": VEGA_LITE,
            "width": "container",
            "height": 160,
            "data": {
                "values": [
                    {"month": m.month, "series": series, "agents": value}
                    for m in staffing.months
                    for series, value in (
                        ("agents available", m.mean_agents),
                        ("agents required", m.mean_required_agents),
                    )
                ]
            },
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "month", "type": "ordinal", "title": None},
                "y": {"field": "agents", "type": "quantitative", "title": "mean agents"},
                "color": {"field": "series", "type": "nominal", "title": None},
            },
        }
    ids = finding_ids(ws, who, engagement.id)
    return render(
        request, "analytics_staffing.html", who, **context, staffing=staffing, chart=chart,
        finding_ids=ids,
    )  # fmt: skip


# --- vendor scorecards -----------------------------------------------------------------------


def _as_of(ws: Workspace, text: str | None) -> date:
    """The day asked for, else the workspace's day (a pinned demo's own, else today)."""
    if not text:
        return ws.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return ws.today()


def vendor_names(ws: Workspace) -> dict[str, str]:
    return {v.id: v.name for v in list_vendors(ws)}


@router.get("/scorecards", response_class=HTMLResponse)
def scorecards_page(request: Request, ws: WS, who: Reader, as_of: str | None = None) -> Response:
    view = tenant(ws, who)
    ranking = sourcing.ranking_view(
        view, as_of=_as_of(view, as_of), vendor_names=vendor_names(view), only=who.vendor_id
    )
    return render(request, "scorecards.html", who, ranking=ranking, chart=ranking_chart(ranking))


@router.get("/scorecards/{vendor_id}", response_class=HTMLResponse)
def scorecard_page(
    request: Request, vendor_id: str, ws: WS, who: Reader, as_of: str | None = None
) -> Response:
    name = visible_vendor(ws, who, vendor_id).name
    view = tenant(ws, who)
    engagements = [e for e in visible_engagements(ws, who) if e.vendor_id == vendor_id]
    card = sourcing.scorecard_view(
        view,
        vendor_id=vendor_id,
        vendor_name=name,
        as_of=_as_of(view, as_of),
        engagements=engagements,
    )
    pillar_titles = {p.pillar_id: p.title for p in card.pillars}
    contests = vetting.list_contests(view, vendor_id)
    return render(
        request, "scorecard.html", who, card=card, pillar_titles=pillar_titles, contests=contests
    )


# --- TCO ------------------------------------------------------------------------------------


@router.get("/tco", response_class=HTMLResponse)
def tco_page(request: Request, ws: WS, who: Reader) -> Response:
    if who.role == "vendor":  # the client's sourcing economics are not a vendor's to read
        raise NotFoundError("no such page")
    view = tenant(ws, who)
    tco = sourcing.tco_view(view)
    lines = sorted({name for o in tco.options for name in o.lines})
    return render(request, "tco.html", who, tco=tco, lines=lines, chart=tco_chart(view))
