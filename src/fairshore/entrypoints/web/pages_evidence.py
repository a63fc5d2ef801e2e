"""Drill-down pages: from a figure (a KPI month, a contract term's month, a welfare
figure) to its contacts or agent-months.

``/engagements/{id}/evidence/{metric}/{month}`` lists the contacts a KPI counted in a
month (scoped by ``channel``, ``language``, ``queue``, ``site`` or ``priority`` as the
figure was); ``/engagements/{id}/terms/{term}/{month}`` those a contract term judged,
with the term's own options and scope; ``/engagements/{id}/agent-months/{measure}/{period}``
the agent-months a welfare figure counted (``site`` for a site's pay);
``/engagements/{id}/roster/{measure}/{period}`` the roster spells behind attrition,
tenure and in-house share. Each row shows its ingest batch and file.
``back`` (a same-site path) links to the page the reader came from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from fairshore import web_paths
from fairshore.accounts.model import Principal
from fairshore.contracts.evidence import term_contacts
from fairshore.entrypoints.web.deps import require, tenant, visible_engagement
from fairshore.entrypoints.web.lake_memo import MEMO, lake_stamp, memo_key
from fairshore.entrypoints.web.pages import TEMPLATES, WS, page_window, render
from fairshore.entrypoints.web.pages_evidence_access import access_events_link
from fairshore.entrypoints.web.return_to import safe_next
from fairshore.errors import InputError
from fairshore.governance import services as governance
from fairshore.governance.model import FindingRecord, Occurrence, occupancy_key
from fairshore.metrics.evidence import DRILLABLE, ContactSample, contacts_behind
from fairshore.metrics.periods import parse_period
from fairshore.people.evidence import MEASURES, agent_months_behind
from fairshore.people.roster_evidence import ROSTER_MEASURES, spells_behind

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

router = APIRouter()
Reader = Annotated[Principal, Depends(require("read"))]
PER_PAGE = 25
SCOPES = ("channel", "language", "queue", "site", "priority")
Scope = Annotated[str | None, Query(max_length=64)]
Page = Annotated[int, Query(ge=1, le=100_000)]
Back = Annotated[str | None, Query(max_length=2000)]


def evidence_link(engagement_id: str, metric: str, month: str, dim: str, group: str) -> str:
    """The drill-down of one KPI figure: its month's contacts in its group."""
    scoped = dim in SCOPES and group != "(missing)"
    back = web_paths.kpis(engagement_id, dim=dim)
    where = {dim: group} if scoped else {}
    return web_paths.kpi_evidence(engagement_id, metric, month, where=where, back=back)


def occurrence_evidence(record: FindingRecord, occurrence: Occurrence) -> str | None:
    """The rows behind a finding's occurrence, back to the finding's page: the contacts
    of a breached service term's month, the agent-months or roster spells of a people
    clause or a welfare finding, the access events of an access anomaly's day."""
    back_to = web_paths.finding(record.id)
    engagement_id = record.finding.engagement_id or ""
    period = occurrence.period or ""
    metric = str(occurrence.evidence.get("metric"))
    if occurrence.source == "contract" and metric in CLAUSE_MEASURES:
        return agent_months_link(engagement_id, CLAUSE_MEASURES[metric], period, back=back_to)
    if occurrence.source == "contract" and metric in CLAUSE_ROSTER:
        return roster_link(engagement_id, CLAUSE_ROSTER[metric], period, back=back_to)
    if occurrence.source in ("people", "pay"):
        return brief_evidence(engagement_id, record.finding.key, period, back_to)
    if occurrence.source == "access_anomaly":
        return access_events_link(engagement_id, occurrence.evidence, period, back=back_to)
    key = record.finding.key.split(":")
    if occurrence.source != "sla" or len(key) != 3 or not _is_months(period, ranges=False):
        return None
    if metric not in DRILLABLE:
        return None
    return web_paths.term_evidence(key[1], key[2], period, back=back_to)


# people clauses of a contract -> the agent-month measure that lists their rows
CLAUSE_MEASURES = {
    "min_training_hours": "training_hours",
    "max_occupancy": "occupancy",
    "living_wage_floor": "living_wage",
}
# ... and those whose rows are roster spells (each month's clause: the months to it)
CLAUSE_ROSTER = {"max_attrition": "trailing_attrition", "min_in_house_share": "in_house_share"}


def brief_evidence(engagement_id: str, key: str, period: str | None, back: str) -> str | None:
    """The agent-months or roster spells behind a welfare finding (by its key), or None."""
    parts = key.split(":")
    if parts[0] == "pay" and len(parts) == 4 and parts[3] == "living_wage":
        return agent_months_link(
            engagement_id, "living_wage", period or "", back=back, site=parts[2]
        )
    if key == occupancy_key(engagement_id):
        return agent_months_link(engagement_id, "occupancy", period or "", back=back)
    if key == f"people:{engagement_id}:working_hours":
        return agent_months_link(engagement_id, "hours_breach", period or "", back=back)
    if key == f"people:{engagement_id}:attrition":
        return roster_link(engagement_id, "trailing_attrition", period or "", back=back)
    if key == f"people:{engagement_id}:in_house_share":
        return roster_link(engagement_id, "in_house_share", period or "", back=back)
    return None


def finding_ids(ws: Workspace, who: Principal, engagement_id: str) -> dict[str, int]:
    """The register's finding of each key at an engagement (a page's briefs link to it)."""
    found = governance.list_findings(tenant(ws, who), engagement_id=engagement_id)
    return {r.finding.key: r.id for r in found}


def agent_months_link(
    engagement_id: str, measure: str, period: str, *, back: str, site: str | None = None
) -> str | None:
    """The drill-down of one welfare figure: the agent-months it counted."""
    if measure not in MEASURES or not _is_months(period, ranges=True):
        return None
    return web_paths.agent_months(engagement_id, measure, period, back=back, site=site or "")


def term_link(engagement_id: str, term_id: str, month: str, *, back: str) -> str:
    """The drill-down of one contract term's month: the contacts it judged."""
    return web_paths.term_evidence(engagement_id, term_id, month, back=back)


def roster_link(
    engagement_id: str, measure: str, period: str, *, back: str, site: str | None = None
) -> str | None:
    """The drill-down of one workforce figure: the roster spells it counted."""
    if measure not in ROSTER_MEASURES or not _is_months(period, ranges=measure != "attrition"):
        return None
    return web_paths.roster(engagement_id, measure, period, back=back, site=site or "")


TEMPLATES.env.globals["occurrence_evidence"] = occurrence_evidence
TEMPLATES.env.globals["agent_months_link"] = agent_months_link
TEMPLATES.env.globals["roster_link"] = roster_link


def _is_months(text: str, *, ranges: bool) -> bool:
    """A month (``2026-07``), or with ``ranges`` a range of months (``2026-01..2026-03``),
    as the one period parser reads them."""
    parts = text.split("..")
    if len(parts) > (2 if ranges else 1):
        return False
    try:
        parse_period(text)  # a range must not end before it starts
        return all(parse_period(part).kind == "month" for part in parts)
    except InputError:
        return False


def _month(month: str) -> str:
    if not _is_months(month, ranges=False):
        raise InputError(f"{month!r} is not a month: use YYYY-MM, e.g. 2026-07")
    return month


def _render(
    request: Request,
    who: Principal,
    sample: ContactSample,
    *,
    engagement: object,
    heading: str,
    link: dict[str, str],
    page: int,
    back: str | None,
) -> Response:
    return render(
        request,
        "evidence.html",
        who,
        engagement=engagement,
        sample=sample,
        heading=heading,
        page=page,
        query=urlencode(link),
        **page_window(page, PER_PAGE, len(sample.contacts), sample.total),
        back=back,
    )


@router.get("/engagements/{engagement_id}/evidence/{metric}/{month}", response_class=HTMLResponse)
def kpi_evidence(
    request: Request,
    engagement_id: str,
    metric: str,
    month: str,
    ws: WS,
    who: Reader,
    channel: Scope = None,
    language: Scope = None,
    queue: Scope = None,
    site: Scope = None,
    priority: Scope = None,
    page: Page = 1,
    back: Back = None,
) -> Response:
    """The contacts a KPI counted in a month (the KPI's pinned definitions)."""
    engagement = visible_engagement(ws, who, engagement_id)
    back = safe_next(back) if back else None  # only a same-site path, in every link
    given = dict(zip(SCOPES, (channel, language, queue, site, priority), strict=True))
    where = {k: [v] for k, v in given.items() if v}
    sample = contacts_behind(
        tenant(ws, who),
        engagement_id=engagement.id,
        metric=metric[:64],
        month=_month(month),
        where=where,
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    scope = ", ".join(v[0] for v in where.values())
    link = {k: v[0] for k, v in where.items()} | ({"back": back} if back else {})
    heading = f"{metric} in {month}{f' ({scope})' if scope else ''}"
    return _render(
        request,
        who,
        sample,
        engagement=engagement,
        heading=heading,
        link=link,
        page=page,
        back=back,
    )


@router.get("/engagements/{engagement_id}/terms/{term_id}/{month}", response_class=HTMLResponse)
def term_evidence(
    request: Request,
    engagement_id: str,
    term_id: str,
    month: str,
    ws: WS,
    who: Reader,
    page: Page = 1,
    back: Back = None,
) -> Response:
    """The contacts a contract term judged in a month (the term's options and scope)."""
    engagement = visible_engagement(ws, who, engagement_id)
    back = safe_next(back) if back else None  # only a same-site path, in every link
    sample = term_contacts(
        tenant(ws, who),
        engagement_id=engagement.id,
        term_id=term_id[:64],
        month=_month(month),
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    link = {"back": back} if back else {}
    return _render(
        request,
        who,
        sample,
        engagement=engagement,
        heading=f"{term_id} in {month}",
        link=link,
        page=page,
        back=back,
    )


@router.get(
    "/engagements/{engagement_id}/agent-months/{measure}/{period}", response_class=HTMLResponse
)
def agent_month_evidence(
    request: Request,
    engagement_id: str,
    measure: str,
    period: str,
    ws: WS,
    who: Reader,
    site: Scope = None,
    page: Page = 1,
    back: Back = None,
) -> Response:
    """The agent-months a welfare figure counted in a month or a range of months."""
    return _people_rows(
        request, ws, who, engagement_id, measure, period, site, page, back,
        behind=agent_months_behind, template="evidence_agent_months.html",
    )  # fmt: skip


@router.get("/engagements/{engagement_id}/roster/{measure}/{period}", response_class=HTMLResponse)
def roster_evidence(
    request: Request,
    engagement_id: str,
    measure: str,
    period: str,
    ws: WS,
    who: Reader,
    site: Scope = None,
    page: Page = 1,
    back: Back = None,
) -> Response:
    """The roster spells behind attrition, tenure or in-house share of a month or months."""
    return _people_rows(
        request, ws, who, engagement_id, measure, period, site, page, back,
        behind=spells_behind, template="evidence_roster.html",
    )  # fmt: skip


def _people_rows(
    request: Request,
    ws: Workspace,
    who: Principal,
    engagement_id: str,
    measure: str,
    period: str,
    site: str | None,
    page: int,
    back: str | None,
    *,
    behind: Callable[..., Any],
    template: str,
) -> Response:
    """A page of the rows a people figure counted (agent-months or roster spells)."""
    engagement = visible_engagement(ws, who, engagement_id)
    back = safe_next(back) if back else None  # only a same-site path, in every link
    if not _is_months(period, ranges=True):
        raise InputError(f"{period!r} is not a month: use YYYY-MM or YYYY-MM..YYYY-MM")
    scoped = tenant(ws, who)
    # Kept while no register (sites, batches) and none of the engagement's lake files
    # changes: paging back and forth, or opening the page again, reads it once.
    key = memo_key(scoped, behind.__name__, engagement.id, measure[:64], period, site, page)
    stamp = (scoped.registers_version(), lake_stamp(scoped, [engagement.id]))
    sample = MEMO.get(
        key,
        stamp,
        lambda: behind(
            scoped,
            engagement_id=engagement.id,
            measure=measure[:64],
            period=period,
            site=site,
            limit=PER_PAGE,
            offset=(page - 1) * PER_PAGE,
        ),
    )
    link = ({"site": site} if site else {}) | ({"back": back} if back else {})
    return render(
        request,
        template,
        who,
        engagement=engagement,
        sample=sample,
        heading=f"{measure.replace('_', ' ')} in {sample.period}{f' ({site})' if site else ''}",
        page=page,
        query=urlencode(link),
        **page_window(page, PER_PAGE, len(sample.rows), sample.total),
        back=back,
    )
