"""Report pages: QBR and board pack inside the app's layout, and as downloads (HTML, PDF).

The report is built once per data version (see ``reports_web``), so a second view, or
the download after reading it, is served from what the first one computed.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from fairshore import web_paths
from fairshore.accounts import services as accounts
from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web import reports_web
from fairshore.entrypoints.web.deps import tenant, visible_engagement
from fairshore.entrypoints.web.pages import visible_engagements
from fairshore.entrypoints.web.pages_analytics import WS, Exporter, Reader, render
from fairshore.errors import NotFoundError

router = APIRouter()


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, ws: WS, who: Reader) -> Response:
    links = reports_web.report_links(
        tenant(ws, who), visible_engagements(ws, who), board=who.role != "vendor"
    )
    return render(request, "reports.html", who, links=links, can_export=who.can("export"))


def _base_url(request: Request, ws: Workspace) -> str:
    """Where a downloaded report links the app: ``FAIRSHORE_BASE_URL`` when set, else the
    address this request reached it at."""
    return ws.settings.known_base_url or str(request.base_url)


def _document(data: bytes, fmt: str, filename: str) -> Response:
    """The report; a PDF as an attachment named from checked ids (ASCII, header-safe)."""
    headers = {}
    if fmt == "pdf":
        headers["content-disposition"] = f'attachment; filename="{filename}.pdf"'
    return Response(content=data, media_type=reports_web.FORMATS[fmt], headers=headers)


def _log_export(ws: Workspace, who: Principal, target: str) -> None:
    accounts.log_event(
        ws,
        actor=who.email,
        action="report.export",
        target=target,
        details={"format": "pdf"},
        organisation_id=who.organisation_id,
    )


def _page(
    request: Request, who: Principal, data: bytes, *, title: str, base: str, back: tuple[str, str]
) -> HTMLResponse:
    # The article is the renderer's own escaped output, its styles scoped to it.
    article = Markup(data.decode("utf-8"))  # noqa: S704 - rendered by the autoescaping renderer
    return render(
        request,
        "report_page.html",
        who,
        title=title,
        article=article,
        html_url=f"{base}/html",
        pdf_url=f"{base}/pdf",
        back_url=back[0],
        back_label=back[1],
        can_export=who.can("export"),
    )


@router.get("/reports/qbr/{engagement_id}/{quarter}", response_class=HTMLResponse)
def qbr_page(request: Request, engagement_id: str, quarter: str, ws: WS, who: Reader) -> Response:
    engagement = visible_engagement(ws, who, engagement_id)
    label = reports_web.quarter_label(quarter)
    data = reports_web.render_qbr(tenant(ws, who), engagement, label, "page")
    return _page(
        request,
        who,
        data,
        title=f"Quarterly business review: {engagement.name}, {label}",
        base=web_paths.qbr(engagement.id, label),
        back=(web_paths.engagement(engagement.id), f"Back to the engagement {engagement.name}"),
    )


@router.get("/reports/qbr/{engagement_id}/{quarter}/html", response_class=HTMLResponse)
def qbr_html(request: Request, engagement_id: str, quarter: str, ws: WS, who: Reader) -> Response:
    engagement = visible_engagement(ws, who, engagement_id)
    label = reports_web.quarter_label(quarter)
    data = reports_web.render_qbr(
        tenant(ws, who), engagement, label, "html", base_url=_base_url(request, ws)
    )
    return _document(data, "html", f"qbr-{engagement.id}-{label}")


@router.get("/reports/qbr/{engagement_id}/{quarter}/pdf")
def qbr_pdf(request: Request, engagement_id: str, quarter: str, ws: WS, who: Exporter) -> Response:
    engagement = visible_engagement(ws, who, engagement_id)
    label = reports_web.quarter_label(quarter)  # a quarter that is not one: 422, nothing logged
    data = reports_web.render_qbr(
        tenant(ws, who), engagement, label, "pdf", base_url=_base_url(request, ws)
    )
    response = _document(data, "pdf", f"qbr-{engagement.id}-{label}")
    _log_export(ws, who, f"qbr:{engagement.id}:{label}")
    return response


def _board_reader(who: Principal) -> None:
    if who.role == "vendor":
        raise NotFoundError("no such report")


@router.get("/reports/board/{quarter}", response_class=HTMLResponse)
def board_page(request: Request, quarter: str, ws: WS, who: Reader) -> Response:
    _board_reader(who)
    label = reports_web.quarter_label(quarter)
    data = reports_web.render_board(tenant(ws, who), visible_engagements(ws, who), label, "page")
    return _page(
        request,
        who,
        data,
        title=f"Board pack, {label}",
        base=web_paths.board(label),
        back=("/", "Back to the portfolio"),
    )


@router.get("/reports/board/{quarter}/html", response_class=HTMLResponse)
def board_html(request: Request, quarter: str, ws: WS, who: Reader) -> Response:
    _board_reader(who)
    label = reports_web.quarter_label(quarter)
    data = reports_web.render_board(
        tenant(ws, who), visible_engagements(ws, who), label, "html",
        base_url=_base_url(request, ws),
    )  # fmt: skip
    return _document(data, "html", f"board-{label}")


@router.get("/reports/board/{quarter}/pdf")
def board_pdf(request: Request, quarter: str, ws: WS, who: Exporter) -> Response:
    _board_reader(who)
    label = reports_web.quarter_label(quarter)
    data = reports_web.render_board(
        tenant(ws, who), visible_engagements(ws, who), label, "pdf",
        base_url=_base_url(request, ws),
    )  # fmt: skip
    response = _document(data, "pdf", f"board-{label}")
    _log_export(ws, who, f"board:{label}")
    return response
