"""Use cases: gather each capability's results for a period, build a report, render it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from importlib.metadata import version
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from fairshore.bootstrap import Workspace
from fairshore.contracts.model import Evaluation
from fairshore.contracts.services import sla_history
from fairshore.costs.services import compare_scenario
from fairshore.engagements import services as engagements
from fairshore.errors import FairshoreError, InputError, NotFoundError
from fairshore.governance.model import FindingRecord
from fairshore.governance.services import list_audits, list_findings
from fairshore.interactions.services import list_batches
from fairshore.metrics.model import KpiTable
from fairshore.metrics.periods import Period, parse_period
from fairshore.metrics.services import compute_kpis
from fairshore.parity.services import audit_parity_many
from fairshore.people.model import PeopleReport
from fairshore.people.services import list_grievances, people_report
from fairshore.people.voice import Grievance
from fairshore.privacy.incidents import DEFAULT_VENDOR_WINDOW_HOURS
from fairshore.privacy.model import IncidentStatusView
from fairshore.privacy.services import list_incidents
from fairshore.reporting import board, esg, qbr
from fairshore.reporting.esg_community_inputs import community_report
from fairshore.reporting.esg_scorecard import esg_scorecard
from fairshore.reporting.excel import table_workbook as table_workbook
from fairshore.reporting.exports import export_tables as export_tables
from fairshore.reporting.exports import findings_table as findings_table
from fairshore.reporting.exports import kpi_table as kpi_table
from fairshore.reporting.exports import register_table as register_table
from fairshore.reporting.model import DataBatch, Paper, Report
from fairshore.reporting.render import write_report
from fairshore.reporting.timeline import concerns
from fairshore.staffing.model import AdequacyReport
from fairshore.staffing.services import check_adequacy
from fairshore.vetting.ranking import Ranking
from fairshore.vetting.rubric import get_rubric
from fairshore.vetting.services import (
    assessed_vendors,
    list_evidence,
    load_assessment,
    rank_vendors,
    vendor_claims,
)

REPORT_METHOD_VERSION = "reports 1 (traffic lights as in docs/reports.md)"
P = ParamSpec("P")
R = TypeVar("R")


def _reading(
    build: Callable[Concatenate[Workspace, P], R],
) -> Callable[Concatenate[Workspace, P], R]:
    """Build in one ``ws.reading()``: a people report or a claim measurement that several
    sections read (the board's lines and its claims, the ESG summary's claims and its
    scorecard) is computed once."""

    @wraps(build)
    def run(ws: Workspace, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with ws.reading():
            return build(ws, *args, **kwargs)

    return run


def channel_kpis(ws: Workspace, engagement_id: str, period: Period) -> KpiTable | None:
    """The KPI set per channel of the contacts that arrived in the period (the KPI
    service's own figures: offered, answered, service level ...); None without data."""
    if not ws.lake_reader.has_rows("interactions", engagement_id):
        return None
    table = compute_kpis(
        ws, engagement_id=engagement_id, by=["channel"], start=period.start_at, end=period.end_at
    )
    return table if table.rows else None


def count_contacts(ws: Workspace, engagement_id: str, period: Period) -> int:
    """Contacts offered in the period, as the KPI service counts them (0 without data)."""
    table = channel_kpis(ws, engagement_id, period)
    return sum(row.offered for row in table.rows) if table else 0


def batches_used(ws: Workspace, engagement_ids: list[str], period: Period) -> list[DataBatch]:
    """Accepted ingest batches with rows in the period.

    Roster (``agents``) batches count whenever another table of the engagement has
    rows in the period: the roster is read whole.
    """
    start, end = period.start_at, period.end_at
    pinned = ws.lake_reader.snapshot  # --as-of: batches committed since go
    out: list[DataBatch] = []
    for engagement_id in engagement_ids:
        found: list[DataBatch] = []
        for b in list_batches(ws, engagement_id=engagement_id):
            if b.status != "accepted" or not b.rows_accepted:
                continue
            if pinned is not None and b.table_version is not None:
                held = pinned.tables.get(b.table)
                if held is None or b.table_version > held:
                    continue
            overlaps = (
                b.time_min is not None
                and b.time_max is not None
                and b.time_min < end
                and b.time_max >= start
            )
            if b.table == "agents" or overlaps:
                found.append(
                    DataBatch(
                        batch_id=b.batch_id,
                        engagement_id=b.engagement_id,
                        table=b.table,
                        sha256=b.sha256,
                        rows=b.rows_accepted,
                    )
                )
        if any(b.table != "agents" for b in found):
            out += found
    return out


def _methodology(evaluations: list[Evaluation], extra: dict[str, str]) -> dict[str, str]:
    out = {"fairshore": version("fairshore"), "report": REPORT_METHOD_VERSION}
    contracts = sorted({f"{e.contract_id} v{e.contract_version}" for e in evaluations})
    if contracts:
        out["contract"] = ", ".join(contracts)
    out |= {
        "KPIs": "Fairshore pinned KPI definitions (docs/kpis.md)",
        "parity": (
            "impact ratios (median and p90 for times), tests against the rest, "
            "Benjamini-Hochberg (docs/parity.md)"
        ),
        "people": (
            "attrition over the trailing twelve months (SHRM); "
            "occupancy = handle / logged-in (docs/people.md)"
        ),
        "staffing": "Erlang C per interval (docs/staffing.md)",
    }
    return out | extra


def _people(ws: Workspace, engagement_id: str, quarter: Period) -> PeopleReport | None:
    try:
        report = people_report(ws, engagement_id, period=quarter)
    except FairshoreError:
        return None
    return report if qbr.people_has_data(report) else None


def _staffing(ws: Workspace, engagement_id: str, quarter: Period) -> AdequacyReport | None:
    try:
        return check_adequacy(ws, engagement_id, period=quarter)
    except FairshoreError:
        return None


def _sla(ws: Workspace, engagement_id: str) -> list[Evaluation]:
    try:
        return sla_history(ws, engagement_id=engagement_id)
    except FairshoreError:
        return []


def breach_window(history: list[Evaluation]) -> float | None:
    """The contract's vendor-to-client breach notification window (hours), if it has one."""
    for evaluation in sorted(history, key=lambda e: e.period, reverse=True):
        for term in evaluation.terms:
            if term.term_id == "breach_notification_hours" or term.metric == (
                "breach_notification_hours"
            ):
                return term.target
    return None


def _incidents(
    ws: Workspace, engagement_id: str, quarter: Period, window: float | None
) -> list[IncidentStatusView]:
    as_of = quarter.end_at
    try:
        return list_incidents(
            ws,
            engagement_id=engagement_id,
            as_of=as_of,
            vendor_window_hours=window or DEFAULT_VENDOR_WINDOW_HOURS,
        )
    except FairshoreError:
        return []


def _quarter(text: str) -> Period:
    period = parse_period(text)
    if period.kind != "quarter":
        raise InputError(f"a quarterly report covers a quarter (e.g. 2026-Q3), not {text!r}")
    return period


@_reading
def qbr_report(ws: Workspace, *, engagement_id: str, quarter: str) -> Report:
    """The quarterly business review of one engagement.

    Parameters
    ----------
    ws
        The open workspace.
    engagement_id
        The engagement reviewed.
    quarter
        ``YYYY-Qn``, e.g. ``2026-Q3``.
    """
    q = _quarter(quarter)
    engagement = engagements.get_engagement(ws, engagement_id)
    history = _sla(ws, engagement_id)
    window = breach_window(history)
    kpis = channel_kpis(ws, engagement_id, q)
    contacts = sum(row.offered for row in kpis.rows) if kpis else 0
    previous = count_contacts(ws, engagement_id, q.previous())
    parity = (
        audit_parity_many(
            ws, engagement_id=engagement_id, by=engagement.parity_dimensions, period=q
        )
        if contacts
        else []
    )
    inputs = qbr.QbrInputs(
        engagement_id=engagement_id,
        vendor=engagement.vendor_id,
        quarter=q,
        # the quarter's months, and the quarter itself for quarterly terms (as sla evaluate)
        sla=[e for e in history if e.period in (*q.month_labels(), q.label)],
        sla_history=history,
        parity=parity,
        people=_people(ws, engagement_id, q),
        people_previous=_people(ws, engagement_id, q.previous()) if previous else None,
        findings=list_findings(ws, engagement_id=engagement_id, today=q.last_day),
        audits=list_audits(ws, engagement_id),
        staffing=_staffing(ws, engagement_id, q) if contacts else None,
        interactions_in_quarter=contacts,
        interactions_previous=previous,
        kpis=kpis,
        incidents=_incidents(ws, engagement_id, q, window),
        breach_window_hours=window,
    )
    return Report(
        kind="qbr",
        title=f"Quarterly business review: {engagement_id}",
        subtitle=f"Vendor {engagement.vendor_id} · {engagement.name}",
        period=q.label,
        start=q.start,
        end=q.last_day,
        generated_on=ws.today(),
        sections=qbr.build_qbr_sections(inputs),
        batches=batches_used(ws, [engagement_id], q),
        methodology=_methodology(history, {}),
        lake_version=ws.lake_reader.version,
    )


def _ranking(ws: Workspace, quarter: Period) -> Ranking | None:
    try:
        return rank_vendors(ws, as_of=quarter.last_day)
    except FairshoreError:
        return None


@_reading
def board_report(ws: Workspace, *, quarter: str, tco_scenario: Path | None = None) -> Report:
    """The portfolio board pack for a quarter.

    Parameters
    ----------
    ws
        The open workspace.
    quarter
        ``YYYY-Qn``.
    tco_scenario
        A cost scenario file (``fairshore tco``); default the packaged demo scenario.
    """
    q = _quarter(quarter)
    lines: list[board.EngagementLine] = []
    all_history: list[Evaluation] = []
    for engagement in engagements.list_engagements(ws):
        eid = engagement.id
        history = _sla(ws, eid)
        all_history += history
        contacts = count_contacts(ws, eid, q)
        people = _people(ws, eid, q) if contacts else None
        figures = qbr.people_figures(people) if people else {}
        records: list[FindingRecord] = list_findings(ws, engagement_id=eid, today=q.last_day)
        lines.append(
            board.EngagementLine(
                engagement_id=eid,
                vendor_id=engagement.vendor_id,
                contacts=contacts,
                sla=qbr.sla_summary([e for e in history if e.period in q.month_labels()]),
                occupancy=figures.get("occupancy"),
                below_living_wage=figures.get("below_living_wage"),
                findings=records,
            )
        )
    notes: dict[str, str] = {}
    try:
        tco = compare_scenario(tco_scenario, ws=ws)
    except FairshoreError as exc:
        tco, notes["tco"] = None, str(exc)
    ranking = _ranking(ws, q)
    claims = {
        row.vendor_id: vendor_claims(
            ws,
            row.vendor_id,
            engagement_ids=[
                line.engagement_id for line in lines if line.vendor_id == row.vendor_id
            ],
            period=q,
        )
        for row in (ranking.rows if ranking else [])
    }
    inputs = board.BoardInputs(
        quarter=q, lines=lines, ranking=ranking, tco=tco, notes=notes, claims=claims
    )
    extra = {"vetting": ranking.method} if ranking else {}
    if tco is not None:
        extra["TCO"] = f"scenario {tco.scenario}, FX {tco.fx_as_of.isoformat()}"
    return Report(
        kind="board",
        title="Portfolio board pack",
        subtitle=f"{len(lines)} engagements",
        period=q.label,
        start=q.start,
        end=q.last_day,
        generated_on=ws.today(),
        sections=board.build_board_sections(inputs),
        batches=batches_used(ws, [line.engagement_id for line in lines], q),
        methodology=_methodology(all_history, extra),
    )


def _vendor_name(ws: Workspace, vendor_id: str) -> str:
    for vendor in engagements.list_vendors(ws):
        if vendor.id == vendor_id:
            return vendor.name
    raise NotFoundError(f"unknown vendor {vendor_id!r} (see 'fairshore vendor list')")


def _declarations(ws: Workspace, vendor_id: str, as_of: date) -> list[esg.Declaration] | None:
    if vendor_id not in assessed_vendors(ws):
        return None
    rubric = get_rubric()
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    return esg.declarations(rubric, assessment, list_evidence(ws, vendor_id), as_of=as_of)


@_reading
def esg_report(ws: Workspace, *, vendor_id: str, period: str) -> Report:
    """The ESG summary of one vendor over a period.

    Parameters
    ----------
    ws
        The open workspace.
    vendor_id
        The vendor summarised (every engagement of it).
    period
        ``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-MM..YYYY-MM``.
    """
    span = parse_period(period)
    name = _vendor_name(ws, vendor_id)
    data: list[esg.EngagementData] = []
    grievances: list[Grievance] = []
    parity: list[FindingRecord] = []
    for engagement in engagements.list_engagements(ws, vendor_id):
        eid = engagement.id
        contacts = count_contacts(ws, eid, span)
        data.append(esg.EngagementData(eid, contacts, _people_between(ws, eid, span)))
        grievances += [g for g in list_grievances(ws, eid) if span.contains(g.submitted_on)]
        parity += [
            r
            for r in list_findings(ws, engagement_id=eid, source="parity", today=span.last_day)
            if concerns(r, span.start, span.last_day)
        ]
    declared = _declarations(ws, vendor_id, span.last_day)
    checks = vendor_claims(
        ws, vendor_id, engagement_ids=[d.engagement_id for d in data], period=span
    )
    inputs = esg.EsgInputs(
        vendor_id=vendor_id,
        vendor_name=name,
        period_label=span.label,
        start=span.start,
        end=span.last_day,
        engagements=data,
        grievances=grievances,
        parity_findings=parity,
        declarations=declared or [],
        assessed=declared is not None,
        claims=checks,
        scorecard=None if declared is None else esg_scorecard(ws, vendor_id, span),
        community=community_report(ws, vendor_id, span, declared or []),
    )
    extra = {
        "ESG": "labour measured (SA8000, ETI Base Code, living-wage benchmarks); "
        "environment declared, evidence valid on the period's last day",
        "worker voice": "k-anonymous counts, k = 5 (docs/people.md)",
    }
    if declared is not None:
        extra["vetting rubric"] = f"{get_rubric().id}@{get_rubric().version}"
    return Report(
        kind="esg",
        title=f"ESG summary: {name}",
        subtitle=f"Vendor {vendor_id} · engagements "
        + (", ".join(d.engagement_id for d in data) or "none"),
        period=span.label,
        start=span.start,
        end=span.last_day,
        generated_on=ws.today(),
        sections=esg.build_esg_sections(inputs),
        batches=batches_used(ws, [d.engagement_id for d in data], span),
        methodology={
            k: v for k, v in _methodology([], extra).items() if k not in ("KPIs", "staffing")
        },
    )


def _people_between(ws: Workspace, engagement_id: str, span: Period) -> PeopleReport | None:
    try:
        report = people_report(ws, engagement_id, period=span)
    except FairshoreError:
        return None
    return report if qbr.people_has_data(report) else None


def save_report(
    report: Report, path: Path, *, paper: Paper = "a4", base_url: str | None = None
) -> Path:
    """Write ``report`` to ``path``; the format follows the suffix (``.html``, ``.pdf``).
    Its links to the live pages start with ``base_url`` (left out without one)."""
    fmt = path.suffix.lower().lstrip(".")
    return write_report(report, path, fmt=fmt, paper=paper, base_url=base_url)


@_reading
def write_demo_reports(
    ws: Workspace,
    *,
    quarter: str,
    engagement_id: str,
    out: Path,
    esg_period: str | None = None,
) -> dict[str, str]:
    """The demo's board pack, one QBR and (given ``esg_period``) one ESG summary per vendor.

    Each is written as HTML and PDF into ``out``; ESG summaries are named
    ``esg-<vendor>-<period>`` (``..`` in the period written as ``_``).
    """
    reports: list[tuple[str, Report]] = [
        (f"board-{quarter}", board_report(ws, quarter=quarter)),
        (
            f"qbr-{engagement_id}-{quarter}",
            qbr_report(ws, engagement_id=engagement_id, quarter=quarter),
        ),
    ]
    if esg_period is not None:
        label = esg_period.replace("..", "_")
        for vendor in engagements.list_vendors(ws):
            if engagements.list_engagements(ws, vendor.id):
                reports.append(
                    (
                        f"esg-{vendor.id}-{label}",
                        esg_report(ws, vendor_id=vendor.id, period=esg_period),
                    )
                )
    written: dict[str, str] = {}
    for name, report in reports:
        for suffix in (".html", ".pdf"):
            path = save_report(report, out / f"{name}{suffix}", base_url=ws.settings.known_base_url)
            written[path.name] = str(path)
    return written
