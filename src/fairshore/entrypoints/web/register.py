"""The findings register a person works in: filters, search, sort, pages and exports.

The page (``/findings``), its exports (``/findings.csv``, ``/findings.xlsx``) and the API
(``/api/v1/findings``) read one :class:`FindingQuery` from the same query-string
parameters, so a filtered view is a link that survives sign-in and exports what it shows.
"""

from __future__ import annotations

import io
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from fairshore.accounts.model import Principal
from fairshore.attention.owners import eligible_owners
from fairshore.cells import write_csv
from fairshore.engagements.services import list_vendors
from fairshore.entrypoints.web import pages
from fairshore.entrypoints.web.deps import require, tenant, visible_engagement
from fairshore.entrypoints.web.pages import WS, render, visible_engagements
from fairshore.errors import InputError
from fairshore.governance import services as governance
from fairshore.governance.model import FindingQuery
from fairshore.reporting import services as reports

router = APIRouter()
Reader = Annotated[Principal, Depends(require("read"))]
Exporter = Annotated[Principal, Depends(require("export"))]
EXPORT_LIMIT = 10_000  # rows in one export; a bigger register is exported by the CLI
Text = Annotated[str | None, Query(max_length=200)]


def register_query(
    status: Text = None,
    severity: Annotated[list[str] | None, Query(max_length=20)] = None,
    engagement: Text = None,
    engagement_id: Text = None,  # the API's older name for ``engagement``
    vendor: Text = None,
    source: Text = None,
    owner: Text = None,  # an assigned user's e-mail, or none
    due: Text = None,
    due_from: Text = None,
    due_to: Text = None,
    search: Text = None,
    sort: Text = None,
    desc: Text = None,
) -> FindingQuery:
    """The register query of the request's parameters; empty form fields mean "any"."""
    raw: dict[str, Any] = {
        "status": status,
        "severity": tuple(s for s in severity or () if s),
        "engagement": engagement or engagement_id,
        "vendor": vendor,
        "source": source,
        "owner": owner,
        "due": due,
        "due_from": due_from,
        "due_to": due_to,
        "search": (search or "").strip(),
        "sort": sort,
        "descending": desc in ("1", "true", "on"),
    }
    given = {k: v for k, v in raw.items() if v not in (None, "", ())}
    try:
        return FindingQuery.model_validate(given)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise InputError(f"cannot filter the register: {problems}") from None


Query_ = Annotated[FindingQuery, Depends(register_query)]


def shown_query(request: Request, query: FindingQuery) -> FindingQuery:
    """The page and its exports show findings not closed unless a status is asked for
    (``status=all``: any status)."""
    if "status" not in request.query_params:
        return query.model_copy(update={"status": "active"})
    return query


def _register(
    ws: WS, who: Principal, query: FindingQuery, *, limit: int, offset: int
) -> governance.FindingsPage:
    """The findings this principal may see that match (another's engagement: 404)."""
    if query.engagement:
        visible_engagement(ws, who, query.engagement)
    return governance.page_findings(
        tenant(ws, who),
        query=query,
        engagement_ids={e.id for e in visible_engagements(ws, who)},
        include_unassigned=who.role != "vendor",  # a vendor sees only its engagements'
        limit=limit,
        offset=offset,
    )


@router.get("/findings", response_class=HTMLResponse)
def findings_page(
    request: Request,
    ws: WS,
    who: Reader,
    query: Query_,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    query = shown_query(request, query)
    params = query.params() | {"status": query.status or "all"}
    link = urlencode(params, doseq=True)
    per_page = pages.FINDINGS_PER_PAGE  # the engagement page's too
    found = _register(ws, who, query, limit=per_page, offset=(page - 1) * per_page)
    if not found.records and found.total:  # past the last page: go to the last one
        last = -(-found.total // per_page)
        return RedirectResponse(f"/findings?{link}&page={last}", status_code=303)
    engagements = visible_engagements(ws, who)
    vendor_ids = {e.vendor_id for e in engagements}
    vendors = [v for v in list_vendors(tenant(ws, who)) if v.id in vendor_ids]
    return render(
        request,
        "findings.html",
        who,
        findings=found.records,
        q=query,
        status=params["status"],
        engagement=query.engagement,
        engagements=engagements,
        vendors=vendors,
        # Owners are the client's users: a vendor neither filters by them nor sees them.
        owners=[] if who.role == "vendor" else eligible_owners(tenant(ws, who)),
        query=link,
        sort_links=_sort_links(query, params),
        page=page,
        total=found.total,
        **pages.page_window(page, per_page, len(found.records), found.total),
    )


def _sort_links(query: FindingQuery, params: dict[str, Any]) -> dict[str, str]:
    """Each sortable column's link: by it ascending, or descending when it is the sort."""
    links = {}
    for column in ("due", "severity", "opened", "value"):
        flip = query.sort == column and not query.descending
        chosen = params | {"sort": column, "desc": "1" if flip else "0"}
        links[column] = urlencode(chosen, doseq=True)
    return links


def _exported(ws: WS, who: Principal, request: Request, query: FindingQuery) -> Any:
    found = _register(ws, who, shown_query(request, query), limit=EXPORT_LIMIT, offset=0)
    if found.total > EXPORT_LIMIT:
        raise InputError(
            f"{found.total} findings match; narrow the filters to at most {EXPORT_LIMIT} "
            "or export with 'fairshore export findings'"
        )
    return reports.register_table(found.records)


def _download(body: bytes, media_type: str, name: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.get("/findings.csv")
def findings_csv(request: Request, ws: WS, who: Exporter, query: Query_) -> Response:
    """The filtered register as CSV, every cell formula-injection safe."""
    table = _exported(ws, who, request, query)
    sink = io.StringIO()
    write_csv(sink, table.columns, table.rows)
    name = f"findings-{ws.today().isoformat()}.csv"
    return _download(sink.getvalue().encode("utf-8"), "text/csv; charset=utf-8", name)


@router.get("/findings.xlsx")
def findings_xlsx(request: Request, ws: WS, who: Exporter, query: Query_) -> Response:
    """The filtered register as an Excel workbook, every cell formula-injection safe."""
    table = _exported(ws, who, request, query)
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(
        reports.table_workbook([table]), media, f"findings-{ws.today().isoformat()}.xlsx"
    )
