"""One user's attention list: KPI tiles against their targets, what is due, their work.

Every figure comes from its home: the stored contract evaluations (``contracts``) give
each term's measured value, target and verdict, ``numbers.change`` the change since
the previous month, ``governance.alerts`` what falls due (findings, audit plans,
certificates), ``vetting`` the open contests. The web's home page and the weekly
digest show the same ``MyWork``, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from fairshore import numbers, web_paths
from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.contracts.model import Evaluation, TermResult
from fairshore.contracts.services import sla_history
from fairshore.engagements.model import Engagement
from fairshore.governance import services as governance
from fairshore.governance.model import Alert
from fairshore.vetting.alerts import certificate_alerts, questionnaire_alerts
from fairshore.vetting.services.contests import list_contests

DUE_SOON_DAYS = 14
EVIDENCE_KINDS = ("certificate", "questionnaire")


@dataclass(frozen=True)
class KpiTile:
    """One contract term of one engagement in its latest month, and the month before."""

    engagement_id: str
    period: str
    term: TermResult
    previous: TermResult | None = None
    previous_period: str | None = None

    @property
    def shown(self) -> str:
        return numbers.measure(self.term.metric, self.term.value, target=self.term.target)

    @property
    def target_shown(self) -> str:
        target = numbers.measure(self.term.metric, self.term.target, target=self.term.target)
        return f"{self.term.comparator} {target}"

    @property
    def change_shown(self) -> str:
        """Change since the previous month (points for shares), or the no-data mark."""
        before = self.previous.value if self.previous else None
        share = numbers.is_share(self.term.metric, self.term.target)
        return numbers.change(before, self.term.value, share=share)


@dataclass(frozen=True)
class WorkItem:
    """Something for a person to do, with where to do it."""

    kind: str
    title: str
    href: str
    due_on: date | None = None
    overdue: bool = False
    engagement_id: str | None = None


@dataclass(frozen=True)
class MyWork:
    """What one user has to do: owned findings, audits to plan, contests, evidence."""

    email: str
    assigned: list[WorkItem] = field(default_factory=list)
    audits: list[WorkItem] = field(default_factory=list)
    contests: list[WorkItem] = field(default_factory=list)
    evidence: list[WorkItem] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[WorkItem]]]:
        """The non-empty lists, titled, in the order a person works them."""
        named = [
            ("Findings you own", self.assigned),
            ("Audits to plan", self.audits),
            ("Contests to answer", self.contests),
            ("Evidence expiring", self.evidence),
        ]
        return [(title, items) for title, items in named if items]

    @property
    def total(self) -> int:
        return sum(len(items) for _, items in self.sections())

    @property
    def headline(self) -> str:
        overdue = sum(i.overdue for _, items in self.sections() for i in items)
        return f"{self.total} to do, {overdue} overdue"


@dataclass(frozen=True)
class Home:
    """A role's home page: KPI tiles, findings overdue and due soon, and my work."""

    tiles: list[KpiTile]
    overdue: list[WorkItem]
    due_soon: list[WorkItem]
    work: MyWork


def kpi_tiles(ws: Workspace, engagements: list[Engagement]) -> list[KpiTile]:
    """Each engagement's contract terms in its latest evaluated month, with the month
    before; engagements without a stored evaluation have no tiles."""
    tiles: list[KpiTile] = []
    for engagement in engagements:
        months = [e for e in sla_history(ws, engagement_id=engagement.id) if _monthly(e)]
        if not months:
            continue
        latest, before = months[-1], (months[-2] if len(months) > 1 else None)
        earlier = {t.term_id: t for t in before.terms} if before else {}
        tiles += [
            KpiTile(
                engagement_id=engagement.id,
                period=latest.period,
                term=t,
                previous=earlier.get(t.term_id),
                previous_period=before.period if before else None,
            )
            for t in latest.terms
            if t.kind == "service"
        ]
    return tiles


def _monthly(evaluation: Evaluation) -> bool:
    return len(evaluation.period) == 7  # 2026-07; quarters (2026-Q3) have their own terms


def href_of(alert: Alert) -> str:
    """The page where an alert is acted on."""
    kind, _, rest = alert.ref.partition(":")
    if kind == "finding":
        return web_paths.finding(int(rest)) if rest.isdigit() else "/findings"
    if kind == "audit-plan":
        return "/portal/audits"
    if kind in ("evidence", "questionnaire"):
        return web_paths.scorecard(rest.split(":", 1)[0])
    if alert.engagement_id:
        return web_paths.engagement(alert.engagement_id)
    return "/"


def _item(alert: Alert) -> WorkItem:
    return WorkItem(
        kind=alert.kind,
        title=alert.title,
        href=href_of(alert),
        due_on=alert.due_on,
        overdue=alert.overdue,
        engagement_id=alert.engagement_id,
    )


def my_work(
    ws: Workspace, who: Principal, *, alerts: list[Alert], shown: set[str], today: date
) -> MyWork:
    """``who``'s work among ``alerts`` (from ``governance.alerts``) and open contests;
    ``shown`` are the engagements ``who`` may see."""
    assigned = [
        WorkItem(
            kind="finding",
            title=f"{r.finding.severity}: {r.finding.title}",
            href=web_paths.finding(r.id),
            due_on=r.due_on,
            overdue=r.overdue,
            engagement_id=r.finding.engagement_id,
        )
        for r in governance.list_findings(ws, status="active", today=today)
        if r.assignee == who.email
    ]
    audits = [_item(a) for a in alerts if a.kind == "audit" and a.engagement_id in shown]
    evidence = [_item(a) for a in alerts if a.kind in EVIDENCE_KINDS]
    contests = [
        WorkItem(
            kind="contest",
            title=f"{c.vendor_id} contests {c.question_id}: {c.reason[:120]}",
            href=web_paths.scorecard(c.vendor_id) + "#contests",
        )
        for c in list_contests(ws)
        if c.status == "open"
    ]
    return MyWork(
        email=who.email,
        assigned=assigned,
        audits=audits if who.can("record_audit") else [],
        contests=contests if who.can("resolve_contest") else [],
        evidence=evidence if who.role != "vendor" else [],
    )


def home(
    ws: Workspace, who: Principal, engagements: list[Engagement], *, today: date | None = None
) -> Home:
    """``who``'s home page over the ``engagements`` they may see, as of ``today``."""
    today = today or ws.today()
    shown = {e.id for e in engagements}
    alerts = home_alerts(ws, who, today=today)
    findings = [
        _item(a)
        for a in alerts
        if a.kind == "finding" and (a.engagement_id in shown or _portfolio(who, a))
    ]
    return Home(
        tiles=kpi_tiles(ws, engagements),
        overdue=[i for i in findings if i.overdue],
        due_soon=[i for i in findings if not i.overdue],
        work=my_work(ws, who, alerts=alerts, shown=shown, today=today),
    )


def home_alerts(ws: Workspace, who: Principal, *, today: date) -> list[Alert]:
    """The alerts ``who``'s home page shows: every provider's for those who plan audits
    (the audit plan measures each engagement's criticality in the lake), else the
    findings' and the evidence's only, so a page view does not pay for the plan."""
    if who.can("record_audit"):
        return governance.alerts(ws, within_days=DUE_SOON_DAYS, today=today)
    found = governance.alerts(ws, within_days=DUE_SOON_DAYS, today=today, providers=False)
    if who.role == "vendor":
        return found
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    return found + certificate_alerts(ws, today, horizon) + questionnaire_alerts(ws, today, horizon)


def _portfolio(who: Principal, alert: Alert) -> bool:
    """Findings of no engagement are the client's, never a vendor's."""
    return alert.engagement_id is None and who.role != "vendor"
