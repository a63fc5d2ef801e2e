"""Which reports a principal may produce, and producing them on demand (HTML or PDF)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from fairshore import web_paths
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
            base = web_paths.qbr(e.id, q)
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
                    html_url=web_paths.board(q),
                    pdf_url=f"{web_paths.board(q)}/pdf",
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


def _rendered(report: Report, fmt: str, base_url: str) -> bytes:
    """``html`` and ``pdf`` as downloaded, linking the app from ``base_url``; ``page`` the
    article shown inside the app (its links are the app's own paths)."""
    from fairshore.reporting.render import get_renderer, render_article

    if fmt == "page":
        return render_article(report, paper="a4")
    return get_renderer(fmt).render(report, paper="a4", base_url=base_url)


def _kept(
    ws: Workspace,
    key: Hashable,
    stamp: Hashable,
    build: Callable[[], Report],
    fmt: str,
    base_url: str,
) -> bytes:
    """The report built once per data version, each format rendered once from it.

    ``generated_on`` is today, so the day is part of the stamp as well, and every
    register the report reads (``Workspace.registers_version``: findings, audits,
    incidents, evaluations, assessments ...).
    """
    full_stamp = (ws.today(), ws.registers_version(), stamp)
    report = MEMO.get(key, full_stamp, build)
    shown = "" if fmt == "page" else base_url
    return MEMO.get((key, fmt, shown), full_stamp, lambda: _rendered(report, fmt, shown))


def render_qbr(
    ws: Workspace, engagement: Engagement, quarter: str, fmt: str, *, base_url: str = ""
) -> bytes:
    """The engagement's QBR as ``html``, ``pdf`` or ``page``, kept until its data changes;
    a download links the app from ``base_url``."""
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
        base_url,
    )


def render_board(
    ws: Workspace, engagements: list[Engagement], quarter: str, fmt: str, *, base_url: str = ""
) -> bytes:
    """The organisation's board pack for a quarter, kept until any engagement's data or a
    register it reads changes."""
    from fairshore.reporting import services

    label = quarter_label(quarter)
    key = memo_key(ws, "board", None, label)
    stamp = lake_stamp(ws, [e.id for e in engagements])
    return _kept(ws, key, stamp, lambda: services.board_report(ws, quarter=label), fmt, base_url)
