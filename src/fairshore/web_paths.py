"""The web app's addresses: the one place that spells the path of each page a figure
links to, for the pages themselves, the reports (each section's live page) and the
e-mails.

Paths only (``/engagements/telco-mnl/kpis``), never a host: a page links them as they
are, a file or an e-mail puts ``FAIRSHORE_BASE_URL`` in front (:func:`absolute`).
Whether a figure has such a page (a drillable metric, a month) is the caller's
judgement; these functions only spell the address.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode


def _seg(value: object) -> str:
    return quote(str(value), safe="")


def _query(params: dict[str, str]) -> str:
    given = {k: v for k, v in params.items() if v}
    return f"?{urlencode(given, safe='/')}" if given else ""


def absolute(base_url: str, path: str) -> str:
    """``path`` of the web app reached at ``base_url`` (``FAIRSHORE_BASE_URL``)."""
    return base_url.rstrip("/") + path


def engagement(engagement_id: str, page: str = "") -> str:
    """An engagement's page, or one of its tabs (``kpis``, ``contract``, ``parity``,
    ``people``, ``privacy``, ``staffing``)."""
    return f"/engagements/{_seg(engagement_id)}" + (f"/{page}" if page else "")


def kpis(engagement_id: str, *, dim: str = "") -> str:
    """The KPI trends of an engagement, split by ``dim`` (default by channel)."""
    return engagement(engagement_id, "kpis") + _query({"dim": dim})


def kpi_evidence(
    engagement_id: str, metric: str, month: str, *, where: dict[str, str], back: str = ""
) -> str:
    """The contacts a KPI counted in a month, scoped by ``where`` (``channel`` ...)."""
    path = f"{engagement(engagement_id)}/evidence/{_seg(metric)}/{_seg(month)}"
    return path + _query(where | {"back": back})


def term_evidence(engagement_id: str, term_id: str, month: str, *, back: str = "") -> str:
    """The contacts a contract term judged in a month."""
    path = f"{engagement(engagement_id)}/terms/{_seg(term_id)}/{_seg(month)}"
    return path + _query({"back": back})


def agent_months(
    engagement_id: str, measure: str, period: str, *, back: str = "", site: str = ""
) -> str:
    """The agent-months a welfare figure counted in a month or range (``A..B``)."""
    path = f"{engagement(engagement_id)}/agent-months/{_seg(measure)}/{quote(period, safe='.')}"
    return path + _query({"site": site, "back": back})


def roster(engagement_id: str, measure: str, period: str, *, back: str = "", site: str = "") -> str:
    """The roster spells behind attrition, tenure or in-house share of a month or range."""
    path = f"{engagement(engagement_id)}/roster/{_seg(measure)}/{quote(period, safe='.')}"
    return path + _query({"site": site, "back": back})


def access_events(
    engagement_id: str, kind: str, agent_ref: str, day: str, *, over: str = "", back: str = ""
) -> str:
    """The access events that raised one agent's kind of anomaly on a day."""
    path = f"{engagement(engagement_id)}/access-events/{_seg(kind)}/{_seg(agent_ref)}/{_seg(day)}"
    return path + _query({"over": over, "back": back})


def finding(finding_id: int) -> str:
    """A finding of the register: its evidence, history and response."""
    return f"/portal/findings/{int(finding_id)}"


def findings(*, engagement_id: str = "", status: str = "") -> str:
    """The findings register, filtered."""
    return "/findings" + _query({"engagement": engagement_id, "status": status})


def scorecard(vendor_id: str = "") -> str:
    """A vendor's scorecard, or every vendor side by side."""
    return "/scorecards" + (f"/{_seg(vendor_id)}" if vendor_id else "")


def tco() -> str:
    """The total cost of ownership of each sourcing option."""
    return "/tco"


def pulse() -> str:
    """The worker-pulse results."""
    return "/voice/pulse"


def qbr(engagement_id: str, quarter: str) -> str:
    """An engagement's quarterly business review inside the app (``/html``, ``/pdf``
    appended: the downloads)."""
    return f"/reports/qbr/{_seg(engagement_id)}/{_seg(quarter)}"


def board(quarter: str) -> str:
    """The board pack of a quarter inside the app."""
    return f"/reports/board/{_seg(quarter)}"
