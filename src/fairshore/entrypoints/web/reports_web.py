"""Which reports a principal may produce, and producing them on demand (HTML or PDF)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement
from fairshore.entrypoints.web.lake_memo import MEMO, lake_months, lake_stamp, memo_key
from fairshore.entrypoints.web.schemas_analytics import ReportLinkPublic
from fairshore.errors import InputError
from fairshore.metrics.periods import parse_period, quarter_of
from fairshore.reporting.model import Report

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "page": "text/html; charset=utf-8",
}


def quarters_with_data(ws: Workspace, engagement_id: str) -> list[str]:
    """Quarters (``YYYY-Qn``) with interactions in the lake, newest first."""
    months = lake_months(ws, "interactions", engagement_id)
    found = {quarter_of(parse_period(m).start).label for m in months}
    return sorted(found, reverse=True)


def report_links(
    ws: Workspace, engagements: list[Engagement], *, board: bool
) -> list[ReportLinkPublic]:
    """A QBR per visible engagement and quarter with data; the board pack per quarter."""
    links: list[ReportLinkPublic] = []
    quarters: set[str] = set()
    for e in engagements:
        for q in quarters_with_data(ws, e.id):
            quarters.add(q)
            base = f"/reports/qbr/{e.id}/{q}"
            links.append(
                ReportLinkPublic(
                    kind="qbr",
                    title=f"Quarterly business review: {e.name}, {q}",
                    engagement_id=e.id,
                    quarter=q,
                    html_url=base,
                    pdf_url=f"{base}/pdf",
                )
            )
    if board:
        for q in sorted(quarters, reverse=True):
            links.append(
                ReportLinkPublic(
                    kind="board",
                    title=f"Board pack, {q}",
                    engagement_id=None,
                    quarter=q,
                    html_url=f"/reports/board/{q}",
                    pdf_url=f"/reports/board/{q}/pdf",
                )
            )
    return links


def quarter_label(text: str) -> str:
    """``YYYY-Qn`` checked, within years a report can cover (1900-2999)."""
    quarter = parse_period(text)
    if quarter.kind != "quarter":
        raise InputError(f"{text!r} is not a quarter: write YYYY-Qn, e.g. 2026-Q3")
    if not 1900 <= quarter.start.year <= 2999:
        raise InputError(f"quarter {text!r} is out of range (years 1900-2999)")
    return quarter.label


# Where each section's figures live in the app ({e}: the engagement), linked from the page.
QBR_LIVE = {
    "summary": "/engagements/{e}",
    "sla": "/engagements/{e}/contract",
    "parity": "/engagements/{e}/parity",
    "people": "/engagements/{e}/people",
    "wellbeing": "/engagements/{e}/people",
    "privacy": "/engagements/{e}/privacy",
    "staffing": "/engagements/{e}/staffing",
    "findings": "/findings?engagement={e}",
    "audit": "/portal/audits",
    "voice": "/portal/voice",
}
BOARD_LIVE = {"portfolio": "/", "risks": "/findings", "vendors": "/scorecards", "tco": "/tco"}


def _rendered(report: Report, fmt: str, live: dict[str, str]) -> bytes:
    """``html`` and ``pdf`` as downloaded; ``page`` the article shown inside the app."""
    from fairshore.reporting.render import get_renderer, render_article

    if fmt == "page":
        return render_article(report, paper="a4", live=live)
    return get_renderer(fmt).render(report, paper="a4")


def _kept(
    ws: Workspace,
    key: Hashable,
    stamp: Hashable,
    build: Callable[[], Report],
    fmt: str,
    live: dict[str, str],
) -> bytes:
    """The report built once per data version, each format rendered once from it.

    ``generated_on`` is today, so the day is part of the stamp as well, and the findings
    and audits the report lists (the register's version).
    """
    from fairshore.governance import services as governance

    full_stamp = (ws.today(), governance.register_version(ws), stamp)
    report = MEMO.get(key, full_stamp, build)
    return MEMO.get((key, fmt), full_stamp, lambda: _rendered(report, fmt, live))


def render_qbr(ws: Workspace, engagement: Engagement, quarter: str, fmt: str) -> bytes:
    """The engagement's QBR as ``html``, ``pdf`` or ``page``, kept until its data changes."""
    from fairshore.reporting import services

    label = quarter_label(quarter)
    key = memo_key(ws, "qbr", engagement.id, label)
    stamp = lake_stamp(ws, [engagement.id])
    return _kept(
        ws,
        key,
        stamp,
        lambda: services.qbr_report(ws, engagement_id=engagement.id, quarter=label),
        fmt,
        {s: path.format(e=engagement.id) for s, path in QBR_LIVE.items()},
    )


def render_board(ws: Workspace, engagements: list[Engagement], quarter: str, fmt: str) -> bytes:
    """The organisation's board pack for a quarter, kept until any engagement's data or the
    vendors' assessments (the ranking reads them) change."""
    from fairshore.reporting import services
    from fairshore.vetting import services as vetting

    label = quarter_label(quarter)
    key = memo_key(ws, "board", None, label)
    stamp = (vetting.data_version(ws), lake_stamp(ws, [e.id for e in engagements]))
    return _kept(ws, key, stamp, lambda: services.board_report(ws, quarter=label), fmt, BOARD_LIVE)
