"""A vendor user's to-do list: what the client is waiting for, each with where to do it.

Questions unanswered (the rubric against the stored assessment), findings awaiting a
response (still ``open`` on the vendor's engagements), evidence expiring (the same
``certificate_alerts`` the client's home shows) and contests the client has answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from fairshore import web_paths
from fairshore.accounts.model import Principal
from fairshore.attention.home import DUE_SOON_DAYS, WorkItem
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement
from fairshore.governance import services as governance
from fairshore.vetting.alerts import certificate_alerts
from fairshore.vetting.model import Question, Rubric
from fairshore.vetting.rubric import get_rubric
from fairshore.vetting.services.assessments import load_assessment
from fairshore.vetting.services.contests import list_contests


@dataclass(frozen=True)
class VendorQueue:
    """The four lists of a vendor's landing page, in the order a vendor works them."""

    questions: list[WorkItem] = field(default_factory=list)
    findings: list[WorkItem] = field(default_factory=list)
    evidence: list[WorkItem] = field(default_factory=list)
    contests: list[WorkItem] = field(default_factory=list)

    def sections(self) -> list[tuple[str, str, list[WorkItem]]]:
        """Each list with its anchor id and title (empty ones too: "nothing to do" counts)."""
        return [
            ("todo-findings", "Findings awaiting your response", self.findings),
            ("todo-questions", "Questions unanswered", self.questions),
            ("todo-evidence", "Evidence expiring", self.evidence),
            ("todo-contests", "Contests answered", self.contests),
        ]

    @property
    def total(self) -> int:
        return sum(len(items) for _, _, items in self.sections())


def answerable(rubric: Rubric) -> list[Question]:
    """The questions a vendor answers in the form (document questions take evidence)."""
    return [q for q in rubric.questions if q.type != "document"]


def unanswered_questions(ws: Workspace, vendor_id: str) -> list[WorkItem]:
    """Questions of the rubric the vendor has not answered yet."""
    rubric = get_rubric()
    answered = load_assessment(ws, vendor_id, rubric=rubric).answers
    return [
        WorkItem(
            kind="question",
            title=f"{q.id}: {q.text}",
            href=f"/portal/vendors/{vendor_id}/questionnaire#q-{q.id}",
        )
        for q in answerable(rubric)
        if q.id not in answered
    ]


def vendor_queue(
    ws: Workspace,
    who: Principal,
    engagements: list[Engagement],
    vendor_ids: list[str],
    *,
    today: date,
) -> VendorQueue:
    """The to-do list of ``who`` over its ``engagements`` and vendors (both already
    restricted to what ``who`` may see)."""
    shown = {e.id for e in engagements}
    findings = [
        WorkItem(
            kind="finding",
            title=f"{r.finding.severity}: {r.finding.title}",
            href=web_paths.finding(r.id),
            due_on=r.due_on,
            overdue=r.overdue,
            engagement_id=r.finding.engagement_id,
        )
        for r in governance.list_findings(ws, status="open", today=today)
        if r.finding.engagement_id in shown
    ]
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    evidence = [
        WorkItem(
            kind="evidence",
            title=a.title,
            href=f"/portal/vendors/{a.ref.split(':')[1]}/questionnaire#evidence",
            due_on=a.due_on,
            overdue=a.overdue,
        )
        for a in certificate_alerts(ws, today, horizon)
        if a.ref.split(":")[1] in vendor_ids
    ]
    contests = [
        WorkItem(
            kind="contest",
            title=f"Your contest of {c.question_id} was {c.status}: {c.resolution[:160]}",
            href=f"{web_paths.scorecard(c.vendor_id)}#contest-{c.id}",
        )
        for c in list_contests(ws)
        if c.vendor_id in vendor_ids and c.status != "open"
    ]
    questions = [item for v in vendor_ids for item in unanswered_questions(ws, v)]
    return VendorQueue(
        questions=questions if who.can("answer_questionnaire") else [],
        findings=findings if who.can("respond_finding") else [],
        evidence=evidence,
        contests=contests,
    )
