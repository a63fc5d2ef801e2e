"""The demo's evaluation steps: every capability run on the ingested scenario.

Each step returns a small summary for the CLI to print and leaves its findings in
``ctx.findings``; the last step records them all through ``record_findings`` (the
road the CLI and the web take too), where a re-run refreshes the open findings'
occurrences instead of doubling them.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict
from datetime import UTC, date, datetime, time
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fairshore.accounts import services as accounts
from fairshore.contracts.findings import evaluation_findings
from fairshore.contracts.services import evaluate_demo_contracts
from fairshore.demo.scenario import demo_scenario
from fairshore.errors import NotFoundError
from fairshore.governance import services as governance
from fairshore.governance.model import Audit, AuditRequest, Nonconformity
from fairshore.governance.services import record_findings
from fairshore.metrics.periods import parse_period
from fairshore.parity.services import audit_parity_many
from fairshore.people import services as people
from fairshore.people.audit_pay import score_recorded_audit
from fairshore.privacy import services as privacy
from fairshore.privacy.model import IncidentFields
from fairshore.quality.services import calibrate_engagement, qa_parity
from fairshore.reporting.services import write_demo_reports
from fairshore.sourcing import services as sourcing
from fairshore.staffing.services import check_adequacy
from fairshore.vetting import services as vetting
from fairshore.vetting.alerts import certificate_findings
from fairshore.vetting.demo_assessments import load_demo_assessments

if TYPE_CHECKING:
    from fairshore.demo.pipeline import DemoContext

DEMO_YEAR = parse_period("2025-11..2026-10")
YEAR_END = DEMO_YEAR.last_day
# The scenario's "today": every judgement of the demo is made as of the last day of its
# year, so a run gives the same verdicts and due dates whatever day it happens on.
DEMO_NOW = datetime.combine(YEAR_END, time(18, 0), UTC)
REPORT_QUARTER, REPORT_ENGAGEMENT = "2026-Q3", "telco-blr"


def _engagements() -> list[tuple[str, str]]:
    return [(e.engagement.id, e.vendor.id) for e in demo_scenario().engagements]


def evaluate_contracts(ctx: DemoContext) -> dict[str, Any]:
    """The packaged contract of each engagement, evaluated month by month."""
    _record_audit_requests(ctx)
    results = evaluate_demo_contracts(
        ctx.ws, engagement_ids=[e for e, _ in _engagements()], now=DEMO_NOW
    )
    for evaluations in results.values():
        for evaluation in evaluations:
            ctx.findings.extend(evaluation_findings(evaluation))
    breached = {
        engagement_id: [e.period for e in evaluations if e.counts()["breached"]]
        for engagement_id, evaluations in results.items()
    }
    credits = {
        engagement_id: round(sum(e.net_credit for e in evaluations), 2)
        for engagement_id, evaluations in results.items()
    }
    return {"months_with_breaches": breached, "net_credits": credits}


def _record_audit_requests(ctx: DemoContext) -> None:
    """The client's audit requests and the vendors' answers, into the audit register
    (what the ``audit_rights`` clause is judged on); a re-run records none twice."""
    done = {(r.engagement_id, r.requested_on) for r in governance.list_audit_requests(ctx.ws)}
    for notice in demo_scenario().audit_notices:
        request = AuditRequest.model_validate(asdict(notice))
        if (request.engagement_id, request.requested_on) not in done:
            governance.add_audit_request(ctx.ws, request)


def measure_people(ctx: DemoContext) -> dict[str, Any]:
    """Welfare and pay of every engagement's agents against standards and contract."""
    reports = people.people_reports(ctx.ws)
    for report in reports.values():
        ctx.findings.extend(report.findings)
    return {e: len(r.findings) for e, r in reports.items()}


# What the client did on its side, which the vendor's incidents.json cannot say: it told
# the authority about the exposed CRM records 44 hours after the vendor's (late) notice,
# and assessed the stolen laptop (encrypted, no records readable) as unlikely to result
# in a risk to anyone, so no notice was due (GDPR Art. 33(1); documented, Art. 33(5)).
CLIENT_ACTIONS = {
    "INC-BOG-2026-001": IncidentFields(
        authority_notification="required",
        authority_notified_at=datetime(2026, 5, 18, 10, 30, tzinfo=UTC),
    ),
    "INC-KRK-2026-001": IncidentFields(authority_notification="not_required"),
}


def watch_privacy(ctx: DemoContext) -> dict[str, Any]:
    """Incidents and their breach clocks, and access anomalies, per engagement."""
    privacy.import_incidents(ctx.ws, ctx.incoming / "incidents.json")
    for view in privacy.list_incidents(ctx.ws):
        action = CLIENT_ACTIONS.get(view.incident.external_ref or "")
        if action is not None:
            privacy.update_incident(ctx.ws, view.incident.id, fields=action)
    counts = {}
    for engagement_id, _ in _engagements():
        found = privacy.privacy_findings(
            ctx.ws, engagement_id=engagement_id, period=DEMO_YEAR, as_of=DEMO_NOW
        )
        ctx.findings.extend(found)
        counts[engagement_id] = len(found)
    return counts


def check_staffing(ctx: DemoContext) -> dict[str, Any]:
    """Whether each vendor staffs enough to meet the SLA without burning agents out."""
    counts = {}
    for engagement_id, _ in _engagements():
        report = check_adequacy(ctx.ws, engagement_id)
        ctx.findings.extend(report.findings)
        counts[engagement_id] = len(report.findings)
    return counts


def vet_vendors(ctx: DemoContext) -> dict[str, Any]:
    """Scorecards from the questionnaires, and each vendor's claims checked against data."""
    load_demo_assessments(ctx.ws)
    period = vetting.measured_period(YEAR_END)  # the scorecards' twelve months: the year
    # each engagement measured once, for its vendor's scorecard and for its claims
    by_engagement = {e: vetting.measure_claims(ctx.ws, e, period=period) for e, _ in _engagements()}
    by_vendor = {
        v: vetting.measure_vendor(ctx.ws, v, period=period, known=by_engagement)
        for v in sorted({v for _, v in _engagements()})
    }
    ranking = vetting.rank_vendors(ctx.ws, as_of=YEAR_END, measured=by_vendor)
    flags = {}
    for engagement_id, vendor_id in _engagements():
        measured = by_engagement[engagement_id]
        found = vetting.check_claims(ctx.ws, vendor_id, measured, as_of=YEAR_END)
        ctx.findings.extend(found)
        flags[vendor_id] = len(found)
    return {
        "ranking": [(r.vendor_id, float(r.total)) for r in ranking.rows],
        "integrity_flags": flags,
    }


def audit_fairness(ctx: DemoContext) -> dict[str, Any]:
    """Fairness of service across every customer segment the engagements report."""
    dimensions = ("language", "seg_region", "seg_tier", "seg_accessibility")
    gaps = {}
    for engagement_id, _ in _engagements():
        audits = audit_parity_many(
            ctx.ws, engagement_id=engagement_id, by=dimensions, period=DEMO_YEAR
        )
        found = [f for audit in audits for f in audit.findings]
        ctx.findings.extend(found)
        gaps[engagement_id] = [f.title for f in found]
    return gaps


def calibrate_quality(ctx: DemoContext) -> dict[str, Any]:
    """Each vendor's own QA scores against the client's calibration re-scores; QA parity."""
    gaps = {}
    for engagement_id, _ in _engagements():
        try:
            report = calibrate_engagement(ctx.ws, engagement_id=engagement_id)
        except NotFoundError:  # no QA file for this engagement in this generation
            continue
        ctx.findings.extend(report.findings)
        diff = report.difference
        parity = qa_parity(ctx.ws, engagement_id=engagement_id, period=DEMO_YEAR)
        unequal = [f for audit in parity for f in audit.findings]
        ctx.findings.extend(unequal)
        gaps[engagement_id] = {
            "pairs": report.pairs,
            "vendor_minus_client": round(diff.mean, 1) if diff else None,
            "inflated": report.inflated,
            "qa_parity": [f.title for f in unequal],
        }
    return gaps


UNCHANGED = "(unchanged)"  # what a re-run shows for an account it did not make


def create_demo_accounts(ctx: DemoContext) -> list[dict[str, str]]:
    """One account per role (and one per vendor), with fresh random passwords, shown once."""
    wanted: list[tuple[str, str, str | None]] = [
        (f"{role}@telco.example", role, None)
        for role in ("admin", "analyst", "auditor", "executive")
    ]
    wanted += [(f"portal@{vendor}.example", "vendor", vendor) for _, vendor in _engagements()]
    known = {u.email for u in accounts.list_users(ctx.ws)}
    made = []
    for email, role, vendor in wanted:
        if email in known:
            made.append({"email": email, "role": role, "password": UNCHANGED})
            continue
        password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
        accounts.add_user(
            ctx.ws, email=email, password=password, role=role, vendor_id=vendor, actor="demo"
        )
        made.append({"email": email, "role": role, "password": password})
    return made


AUDITOR = "Ethical Audits Ltd (RBA VAP-style)"
AUDITED_ON = date(2026, 10, 15)
LABOUR_PILLARS = ["labour", "health_and_safety", "data_protection"]
# What an on-site social audit in October 2026 would have written up at each site.
DEMO_AUDITS: dict[str, list[Nonconformity]] = {
    "telco-mnl": [
        Nonconformity(
            grade="major",
            title="Wages for a standard week below the Manila living wage for most agents",
            pillar="labour",
        ),
        Nonconformity(
            grade="major",
            title="Bulk export of customer records possible off-shift without approval",
            pillar="data_protection",
        ),
        Nonconformity(
            grade="minor",
            title="Pay policy claims a living wage that payroll does not show",
            pillar="labour",
        ),
    ],
    "telco-blr": [
        Nonconformity(
            grade="major",
            title="July 2026 rosters left agents above 90 % occupancy for the month",
            pillar="health_and_safety",
        ),
        Nonconformity(
            grade="minor",
            title="Rest breaks not recorded on the workforce-management system",
            pillar="health_and_safety",
        ),
    ],
    "telco-bog": [
        Nonconformity(
            grade="major",
            title="Personal-data breach notified to the client 96 h after awareness (24 h)",
            pillar="data_protection",
        ),
        Nonconformity(
            grade="minor",
            title="Incident procedure has no step to notify the client",
            pillar="data_protection",
        ),
    ],
    "telco-krk": [
        Nonconformity(
            grade="minor",
            title="Spanish queue staffed below its forecast; no staffing plan per language",
            pillar="labour",
        ),
    ],
}
DISCLOSURE_COMPANY = "Telco"
DISCLOSURE_CONTACT = "call 0800 123 4567 and say 'home team', or write to care@telco.example"


def _html_page(title: str, body: str) -> str:
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head>\n<body>\n{body}\n</body></html>\n"
    )


def govern_engagements(ctx: DemoContext) -> dict[str, Any]:
    """Audits of every site, lapsed certificates, sourcing per touchpoint, the disclosure."""
    done = {(a.engagement_id, a.auditor, a.audited_on): a for a in governance.list_audits(ctx.ws)}
    audits: dict[str, dict[str, Any]] = {}
    for engagement_id, nonconformities in DEMO_AUDITS.items():
        audit = done.get((engagement_id, AUDITOR, AUDITED_ON))
        if audit is None:  # a re-run does not audit twice
            audit, _, _ = governance.add_audit(
                ctx.ws,
                Audit(
                    engagement_id=engagement_id,
                    auditor=AUDITOR,
                    audited_on=AUDITED_ON,
                    scope="on-site social and data-protection audit of the contact centre",
                    pillars=LABOUR_PILLARS,
                    nonconformities=nonconformities,
                ),
                now=datetime.combine(AUDITED_ON, time(17, 0), UTC),  # findings open that day
            )
        score = score_recorded_audit(ctx.ws, audit)
        audits[engagement_id] = {"id": audit.id, "score": score.score, "band": score.band}
    ctx.findings.extend(certificate_findings(ctx.ws, today=YEAR_END))
    if not sourcing.recommend_sourcing(ctx.ws):
        packaged = resources.files("fairshore.sourcing") / "demo" / "touchpoints.yaml"
        sourcing.import_touchpoints(ctx.ws, Path(str(packaged)))
    recommendations = {r.touchpoint_id: r.option for r in sourcing.recommend_sourcing(ctx.ws)}
    statement = sourcing.disclosure_statement(
        ctx.ws, company=DISCLOSURE_COMPANY, contact=DISCLOSURE_CONTACT, today=YEAR_END
    )
    reports = ctx.ws.folder("reports")
    reports.mkdir(parents=True, exist_ok=True)
    markdown, page = reports / "disclosure.md", reports / "disclosure.html"
    markdown.write_text(statement.markdown + "\n", encoding="utf-8")
    page.write_text(
        _html_page(f"How {DISCLOSURE_COMPANY} answers your questions", statement.html),
        encoding="utf-8",
    )
    return {
        "audits": audits,
        "recommendations": recommendations,
        "disclosure": [str(markdown), str(page)],
    }


def record_all_findings(ctx: DemoContext) -> dict[str, Any]:
    """Everything detected, through the register's one road (one finding per condition,
    each month or day it was seen an occurrence of it)."""
    outcome = record_findings(ctx.ws, ctx.findings, now=DEMO_NOW)
    return {
        "opened": len(outcome.opened),
        "reopened": len(outcome.reopened),
        "updated": len(outcome.updated),
    }


def write_reports(ctx: DemoContext) -> dict[str, str]:
    """The board pack, the telco-blr QBR for 2026-Q3 and each vendor's ESG summary for the
    year (HTML and PDF) in ``reports/``."""
    return write_demo_reports(
        ctx.ws,
        quarter=REPORT_QUARTER,
        engagement_id=REPORT_ENGAGEMENT,
        out=ctx.ws.home / "reports",
        esg_period=DEMO_YEAR.label,
    )
