"""The quarterly business review of one engagement, built from measured results.

Every builder takes results the capabilities computed (SLA evaluations, parity audits,
the people report, staffing adequacy, the findings register) and returns a
``Section``. A section with no data for the quarter says so in a ``missing_data``
note instead of showing zeros.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from fairshore import numbers
from fairshore.contracts.model import Evaluation
from fairshore.governance.model import SEVERITY_RANK, Audit, FindingRecord
from fairshore.metrics.periods import Period
from fairshore.parity.model import ParityAudit
from fairshore.people.model import PeopleReport
from fairshore.privacy.model import IncidentStatusView
from fairshore.reporting.charts import line_chart
from fairshore.reporting.figures import (
    figure,
    findings_light,
    sla_light,
    threshold_light,
    worst,
)
from fairshore.reporting.model import Block, Light, Note, Section, Table
from fairshore.reporting.timeline import (
    closed_between,
    concerns,
    finding_span,
    is_dated,
    open_at,
    raised_between,
)
from fairshore.staffing.model import AdequacyReport

PRIVACY_SOURCES = ("privacy_incident", "access_anomaly")


@dataclass
class QbrInputs:
    """What a QBR is built from (gathered by ``services.qbr_report``)."""

    engagement_id: str
    vendor: str
    quarter: Period
    sla: list[Evaluation]
    sla_history: list[Evaluation]
    parity: list[ParityAudit]
    people: PeopleReport | None
    people_previous: PeopleReport | None
    findings: list[FindingRecord]
    audits: list[Audit]
    staffing: AdequacyReport | None
    interactions_in_quarter: int
    interactions_previous: int
    notes: dict[str, str] = field(default_factory=dict)
    incidents: list[IncidentStatusView] = field(default_factory=list)
    breach_window_hours: float | None = None


def _missing(what: str, quarter: Period, why: str = "") -> Note:
    reason = f" {why}" if why else ""
    return Note(text=f"No data for {quarter.label}: {what}.{reason}", kind="missing_data")


def in_quarter(record: FindingRecord, quarter: Period) -> bool:
    """True when a finding was seen in, or concerns a month of, the quarter."""
    f = record.finding
    if f.period and any(f.period.startswith(m) for m in quarter.month_labels()):
        return True
    return f.observed_on is not None and quarter.start <= f.observed_on <= quarter.last_day


# --- SLA ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlaSummary:
    """The quarter's SLA outcome in numbers (also what the tests compare)."""

    months: int
    term_months: int
    breached: int
    insufficient: int
    net_credit: float
    currency: str
    fee: float = 0.0


def sla_summary(evaluations: list[Evaluation]) -> SlaSummary:
    """Counts of judged term-months and the credits of a list of monthly evaluations."""
    statuses = [t.status for e in evaluations for t in e.terms]
    return SlaSummary(
        months=len(evaluations),
        term_months=len(statuses),
        breached=statuses.count("breached"),
        insufficient=statuses.count("insufficient_data") + statuses.count("not_measurable"),
        net_credit=round(sum(e.net_credit for e in evaluations), 2),
        currency=evaluations[0].currency if evaluations else "",
        fee=round(sum(e.fee for e in evaluations), 2),
    )


def sla_section(inputs: QbrInputs) -> Section:
    """SLA terms per month with measured value, target, status and credit; and the trend."""
    q = inputs.quarter
    if not inputs.sla:
        return Section(
            id="sla",
            title="Service levels and credits",
            blocks=[
                _missing(
                    "no SLA evaluation covers this quarter",
                    q,
                    inputs.notes.get("sla", "Run `fairshore sla evaluate` once data is in."),
                )
            ],
        )
    summary = sla_summary(inputs.sla)
    light = sla_light(summary)
    rows: list[list[Any]] = []
    for e in inputs.sla:
        for t in e.terms:
            if t.status == "not_measurable" and t.value is None:
                continue  # clauses with nothing to measure (audit rights ...): listed below
            rows.append(
                [
                    e.period,
                    t.term_id,
                    f"{t.comparator} {numbers.measure(t.metric, t.target, target=t.target)}",
                    numbers.measure(t.metric, t.value, target=t.target),
                    t.status.replace("_", " "),
                    t.sample_size,
                    round(t.credit, 2),
                ]
            )
    first = inputs.sla[0]
    unmeasured = sorted(
        {t.term_id for e in inputs.sla for t in e.terms if t.status == "not_measurable"}
    )
    blocks: list[Block] = [
        figure(
            "Term-months breached",
            float(summary.breached),
            f"{summary.breached} of {summary.term_months}",
            light,
            f"{summary.months} months evaluated",
        ),
        figure(
            "Net service credit",
            summary.net_credit,
            numbers.money(summary.net_credit, summary.currency),
            "amber" if summary.net_credit > 0 else "green",
            f"contract {first.contract_id} v{first.contract_version}",
        ),
        Table(
            title="SLA terms by month",
            columns=["month", "term", "target", "measured", "status", "sample", "credit"],
            rows=rows,
            caption=f"Credits in {summary.currency}, after the cap and earn-back.",
        ),
    ]
    if unmeasured:
        blocks.append(
            Note(text="Not measurable from the data received: " + ", ".join(unmeasured) + ".")
        )
    trend = _trend_points(inputs.sla_history, until=q.month_labels()[-1])
    if trend:
        blocks.append(
            line_chart(
                "Trend: measured value as % of target (last 12 months)",
                trend,
                x="month",
                y="pct_of_target",
                series="term",
                y_title="% of target",
            )
        )
    return Section(id="sla", title="Service levels and credits", light=light, blocks=blocks)


def _trend_points(history: list[Evaluation], *, until: str) -> list[dict[str, Any]]:
    months = sorted({e.period for e in history if e.period <= until})[-12:]
    points = []
    for e in history:
        if e.period not in months:
            continue
        for t in e.terms:
            if t.value is None or t.target == 0 or t.kind != "service":
                continue
            points.append(
                {
                    "month": e.period,
                    "term": t.term_id,
                    "pct_of_target": round(100.0 * t.value / t.target, 1),
                }
            )
    return points


# --- fairness -----------------------------------------------------------------------------


def parity_section(inputs: QbrInputs) -> Section:
    """Gaps in service between customer groups (language, region, tier, accessibility)."""
    q = inputs.quarter
    frames = [(a, f) for a in inputs.parity for f in a.frames if f.groups]
    if not frames:
        return Section(
            id="parity",
            title="Fairness of service",
            blocks=[_missing("no interactions to compare between customer groups", q)],
        )
    found = [f for a in inputs.parity for f in a.findings]
    light: Light = (
        "red"
        if any(f.severity in ("critical", "major") for f in found)
        else "amber"
        if found
        else "green"
    )
    rows: list[list[Any]] = []
    for audit, frame in frames:
        judged = [g for g in frame.groups if g.status == "judged"]
        if len(judged) < 2:
            judged = [g for g in frame.groups if g.n > 0] or frame.groups
        best = min(judged, key=lambda g: g.value) if not frame.outcome.higher_is_better else None
        best = best or max(judged, key=lambda g: g.value)
        worst_group = (
            max(judged, key=lambda g: g.value)
            if not frame.outcome.higher_is_better
            else min(judged, key=lambda g: g.value)
        )
        rows.append(
            [
                audit.dimension,
                frame.outcome.name,
                len(frame.groups),
                best.group,
                round(best.value, 3),
                worst_group.group,
                round(worst_group.value, 3),
            ]
        )
    blocks: list[Block] = [
        figure(
            "Fairness gaps found",
            float(len(found)),
            str(len(found)),
            light,
            f"{len(inputs.parity)} segment dimensions audited",
        ),
        Table(
            title="Gaps found",
            columns=["severity", "title"],
            rows=[[f.severity, f.title] for f in found],
        )
        if found
        else Note(text="No gap between customer groups passed the finding rule this quarter."),
        Table(
            title="Best and worst served group per outcome",
            columns=["dimension", "outcome", "groups", "best", "value", "worst", "value"],
            rows=rows,
        ),
    ]
    notes = dict.fromkeys(n for a in inputs.parity for n in a.notes[:2])
    blocks += [Note(text=n) for n in notes]
    return Section(id="parity", title="Fairness of service", light=light, blocks=blocks)


# --- people and pay ------------------------------------------------------------------------


def people_figures(report: PeopleReport) -> dict[str, float | None]:
    """The people numbers the QBR shows (what the tests compare against the PDF)."""
    below = [s.share_below_living_wage for s in report.pay.sites]
    known = [b for b in below if b is not None]
    return {
        "occupancy": report.occupancy.overall,
        "attrition": report.workforce.overall.annual_rate,
        "in_house_share": report.workforce.in_house_share,
        "training_hours": report.hours.training_hours_mean,
        "below_living_wage": max(known) if known else None,
    }


def people_has_data(report: PeopleReport) -> bool:
    """True when agents logged time or were paid in the period."""
    logged = any(m.logged_in_hours > 0 for m in report.occupancy.monthly)
    return logged or any(s.agent_months > 0 for s in report.pay.sites)


def people_section(inputs: QbrInputs) -> Section:
    """Occupancy, attrition, employment model, training and pay against the living wage."""
    q = inputs.quarter
    report = inputs.people
    if report is None or not people_has_data(report):
        return Section(
            id="people",
            title="People and pay",
            blocks=[
                _missing("no roster or agent-month records", q, inputs.notes.get("people", ""))
            ],
        )
    v = people_figures(report)
    occ_cap = report.thresholds.max_occupancy or report.thresholds.burnout_occupancy
    hot_months = [m.strftime("%Y-%m") for m in report.occupancy.months_over_threshold]
    figs = [
        figure(
            "Occupancy",
            v["occupancy"],
            numbers.percent(v["occupancy"]),
            "red"
            if hot_months
            else threshold_light(
                v["occupancy"], amber=occ_cap - 0.05, red=occ_cap, higher_is_worse=True
            ),
            f"threshold {numbers.percent(occ_cap)}"
            + (f"; over it in {', '.join(hot_months)}" if hot_months else ""),
        ),
        figure(
            "Attrition (trailing 12 months)",
            v["attrition"],
            numbers.percent(v["attrition"]),
            threshold_light(v["attrition"], amber=0.3, red=0.5, higher_is_worse=True),
        ),
        figure(
            "In-house share",
            v["in_house_share"],
            numbers.percent(v["in_house_share"]),
            threshold_light(v["in_house_share"], amber=0.9, red=0.7, higher_is_worse=False),
        ),
        figure(
            "Training per agent-month",
            v["training_hours"],
            numbers.measure("training_hours", v["training_hours"]),
            "green",
        ),
        figure(
            "Agents below living wage",
            v["below_living_wage"],
            numbers.percent(v["below_living_wage"]),
            threshold_light(v["below_living_wage"], amber=0.0, red=0.05, higher_is_worse=True),
            "worst site",
        ),
    ]
    blocks: list[Block] = [*figs]
    blocks.append(
        Table(
            title="Pay against the living wage by site",
            columns=[
                "site",
                "location",
                "agents",
                "median pay",
                "currency",
                "below living wage",
                "lowest pay / benchmark",
            ],
            rows=[
                [
                    s.site_id,
                    s.location,
                    s.agents,
                    None if s.median_effective_pay is None else round(s.median_effective_pay, 0),
                    s.currency,
                    numbers.percent(s.share_below_living_wage),
                    None if s.lowest_ratio is None else round(s.lowest_ratio, 2),
                ]
                for s in report.pay.sites
            ],
        )
    )
    blocks.append(
        Table(
            title="Occupancy by month",
            columns=["month", "handle hours", "logged-in hours", "occupancy"],
            rows=[
                [
                    m.month.strftime("%Y-%m"),
                    round(m.handle_hours, 1),
                    round(m.logged_in_hours, 1),
                    numbers.percent(m.occupancy),
                ]
                for m in report.occupancy.monthly
            ],
        )
    )
    blocks += [Note(text=g, kind="warning") for g in report.data_gaps]
    light = worst(f.light for f in figs)
    return Section(id="people", title="People and pay", light=light, blocks=blocks)


# --- data protection, findings, audits --------------------------------------------------------


def _finding_rows(records: list[FindingRecord]) -> list[list[Any]]:
    ordered = sorted(records, key=lambda r: (-SEVERITY_RANK[r.finding.severity], r.id))
    return [
        [
            r.id,
            r.finding.severity,
            r.finding.source,
            r.finding.title,
            r.display_status.replace("_", " "),
            r.owner,
            r.due_on.isoformat(),
            r.corrective_action,
        ]
        for r in ordered
    ]


FINDING_COLUMNS = ["id", "severity", "source", "title", "status", "owner", "due", "action"]


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def incident_rows(views: list[IncidentStatusView]) -> list[list[Any]]:
    """One row per incident: the clock from vendor awareness to client notice, and Art. 33."""
    rows: list[list[Any]] = []
    for view in sorted(
        views, key=lambda v: v.incident.vendor_aware_at or v.incident.detected_at or v.as_of
    ):
        inc = view.incident
        clocks = {c.name: c for c in view.clocks}
        vendor = clocks["vendor_to_client"]
        authority = clocks["gdpr_art33_authority"]
        taken = vendor.elapsed_hours
        rows.append(
            [
                inc.id,
                inc.severity
                + ("" if inc.records_affected is None else f", {inc.records_affected:,} records"),
                _when(inc.detected_at),
                _when(inc.vendor_aware_at),
                _when(inc.client_notified_at),
                "—" if taken is None else f"{numbers.hours(taken)}",
                f"{numbers.hours(vendor.window_hours)}",
                vendor.state.replace("_", " "),
                _when(inc.authority_notified_at)
                if inc.authority_notified_at
                else AUTHORITY_PENDING.get(authority.state, "—"),
                authority.state.replace("_", " "),
                inc.status,
            ]
        )
    return rows


# The authority column when no notice was given: the clock has not started (the client
# is not aware yet), or the client assessed that none is due (GDPR Art. 33(1)).
AUTHORITY_PENDING = {"not_started": "not required yet", "not_required": "assessed not required"}
INCIDENT_COLUMNS = [
    "incident",
    "impact",
    "detected",
    "vendor aware",
    "client notified",
    "hours taken",
    "window",
    "vendor clock",
    "authority notified",
    "Art. 33 clock",
    "status",
]


def anomaly_rows(records: list[FindingRecord]) -> list[list[Any]]:
    """Access anomalies with their numbers (from the flags the privacy capability raised)."""
    rows: list[list[Any]] = []
    for r in sorted(records, key=lambda r: (r.finding.period or "", r.id)):
        ev = r.finding.evidence
        records_count = ev.get("records") or ev.get("records_count")
        rows.append(
            [
                str(ev.get("at") or r.finding.period or "")[:16].replace("T", " "),
                ev.get("agent_ref", ""),
                str(ev.get("kind", "")).replace("_", " "),
                int(records_count) if isinstance(records_count, int | float) else None,
                r.finding.severity,
                r.display_status.replace("_", " "),
                r.finding.detail,
            ]
        )
    return rows


def _relevant_incident(view: IncidentStatusView, quarter: Period) -> bool:
    inc = view.incident
    start = inc.vendor_aware_at or inc.detected_at
    if start is None:
        return False
    day = start.astimezone(UTC).date()
    if quarter.start <= day <= quarter.last_day:
        return True
    # still running into the quarter: an earlier incident whose clocks were not done by then
    return day < quarter.start and any(c.state in ("running", "overdue") for c in view.clocks)


def privacy_section(inputs: QbrInputs) -> Section:
    """Breach clocks of each incident, access anomalies, and the findings they raised."""
    q = inputs.quarter
    records = [
        r
        for r in inputs.findings
        if r.finding.source in PRIVACY_SOURCES and concerns(r, q.start, q.last_day)
    ]
    views = [v for v in inputs.incidents if _relevant_incident(v, q)]
    if inputs.interactions_in_quarter == 0 and not records and not views:
        return Section(
            id="privacy",
            title="Data protection",
            blocks=[_missing("no data was received, so no access could be checked", q)],
        )
    anomalies = [r for r in records if r.finding.source == "access_anomaly"]
    late = [v for v in views if any(c.state in ("late", "overdue") for c in v.clocks)]
    light = worst(
        [
            findings_light(records) if records else "green",
            "red" if late else "green",
        ]
    )
    window = inputs.breach_window_hours
    blocks: list[Block] = [
        figure(
            "Privacy incidents",
            float(len(views)),
            str(len(views)),
            "red" if late else "amber" if views else "green",
            f"{len(late)} notified late or overdue" if views else "",
        ),
        figure(
            "Access anomalies",
            float(len(anomalies)),
            str(len(anomalies)),
            "red" if anomalies else "green",
        ),
    ]
    if views:
        blocks.append(
            Table(
                title="Incident clocks",
                columns=INCIDENT_COLUMNS,
                rows=incident_rows(views),
                caption=(
                    f"Vendor to client: contract window {numbers.hours(window)}"
                    if window is not None
                    else "Vendor to client: default window 24 h (no contract clause)"
                )
                + "; client to authority: GDPR Art. 33, 72 h. Times in UTC; clocks as of "
                + f"{q.last_day.isoformat()} (end of the quarter).",
            )
        )
    else:
        blocks.append(Note(text=f"No privacy incident was reported in {q.label}."))
    if anomalies:
        blocks.append(
            Table(
                title="Access anomalies",
                columns=["when (UTC)", "agent", "kind", "records", "severity", "status", "why"],
                rows=anomaly_rows(anomalies),
                caption="Each agent compared with its own robust baseline (docs/privacy.md).",
            )
        )
    else:
        blocks.append(Note(text=f"No access anomaly was flagged in {q.label}."))
    if records:
        blocks.append(
            Table(
                title="Data-protection findings",
                columns=FINDING_COLUMNS,
                rows=_finding_rows(records),
            )
        )
    return Section(id="privacy", title="Data protection", light=light, blocks=blocks)


@dataclass(frozen=True)
class QuarterFindings:
    """The register as it stood for a quarter (what the tests compare)."""

    raised: list[FindingRecord]
    open_at_end: list[FindingRecord]
    closed: list[FindingRecord]

    @property
    def shown(self) -> list[FindingRecord]:
        """Every finding of the quarter once: raised, open at the end, or closed in it."""
        seen: dict[int, FindingRecord] = {}
        for r in [*self.raised, *self.open_at_end, *self.closed]:
            seen.setdefault(r.id, r)
        return list(seen.values())


def quarter_findings(records: list[FindingRecord], quarter: Period) -> QuarterFindings:
    """Findings raised in the quarter, open at its end, and closed in it."""
    return QuarterFindings(
        raised=[r for r in records if raised_between(r, quarter.start, quarter.last_day)],
        open_at_end=[r for r in records if open_at(r, quarter.last_day)],
        closed=[r for r in records if closed_between(r, quarter.start, quarter.last_day)],
    )


def _period_text(r: FindingRecord) -> str:
    if r.finding.period:
        return r.finding.period
    span = finding_span(r)
    if span is None or not is_dated(r):
        return "undated (all data)"
    return span[0].isoformat()


def _role(r: FindingRecord, qf: QuarterFindings) -> str:
    parts = []
    if any(x.id == r.id for x in qf.raised):
        parts.append("raised")
    if any(x.id == r.id for x in qf.open_at_end):
        parts.append("open at end")
    if any(x.id == r.id for x in qf.closed):
        parts.append("closed")
    return ", ".join(parts)


def findings_section(inputs: QbrInputs) -> Section:
    """Findings of the quarter (raised, open at its end, closed) and corrective actions."""
    q = inputs.quarter
    qf = quarter_findings(inputs.findings, q)
    active = qf.open_at_end
    light = findings_light(active)
    overdue = [r for r in active if r.overdue]
    blocks: list[Block] = [
        figure("Raised in the quarter", float(len(qf.raised)), str(len(qf.raised)), "green"),
        figure(
            "Open at quarter end",
            float(len(active)),
            str(len(active)),
            light,
            f"as of {q.last_day.isoformat()}",
        ),
        figure("Overdue", float(len(overdue)), str(len(overdue)), "red" if overdue else "green"),
        figure("Closed in the quarter", float(len(qf.closed)), str(len(qf.closed)), "green"),
    ]
    shown = qf.shown
    if shown:
        ordered = sorted(shown, key=lambda r: (-SEVERITY_RANK[r.finding.severity], r.id))
        blocks.append(
            Table(
                title=f"Findings of {q.label}",
                columns=["id", "severity", "source", "title", "period or date", "in the quarter"],
                rows=[
                    [
                        r.id,
                        r.finding.severity,
                        r.finding.source,
                        r.finding.title,
                        _period_text(r),
                        _role(r, qf),
                    ]
                    for r in ordered
                ],
            )
        )
        blocks.append(
            Table(
                title="Corrective actions",
                columns=["id", "title", "action", "owner", "verification", "due", "status"],
                rows=[
                    [
                        r.id,
                        r.finding.title,
                        r.corrective_action or "not yet planned",
                        r.owner or "unassigned",
                        r.verification_method or "—",
                        r.due_on.isoformat(),
                        r.display_status.replace("_", " "),
                    ]
                    for r in ordered
                    if r.status != "closed" or any(x.id == r.id for x in qf.closed)
                ],
                caption=f"Status and overdue as of {q.last_day.isoformat()}; an action is overdue "
                "when its finding is still open after the due date.",
            )
        )
    else:
        blocks.append(Note(text=f"No finding was raised, open or closed in {q.label}."))
    return Section(
        id="findings", title="Findings and corrective actions", light=light, blocks=blocks
    )


def audit_section(inputs: QbrInputs) -> Section:
    """The audits on record and their nonconformities still open."""
    if not inputs.audits:
        return Section(
            id="audit",
            title="Audit status",
            light="amber",
            blocks=[
                Note(
                    text="No audit of this engagement is on record: plan one "
                    "(`fairshore audit plan`).",
                    kind="warning",
                )
            ],
        )
    rows = [
        [
            a.audited_on.isoformat(),
            a.auditor,
            a.scope,
            a.method,
            len(a.nonconformities),
            sum(1 for n in a.nonconformities if not n.closed),
        ]
        for a in sorted(inputs.audits, key=lambda a: a.audited_on, reverse=True)
    ]
    open_ncs = sum(1 for a in inputs.audits for n in a.nonconformities if not n.closed)
    light: Light = "amber" if open_ncs else "green"
    return Section(
        id="audit",
        title="Audit status",
        light=light,
        blocks=[
            figure("Open nonconformities", float(open_ncs), str(open_ncs), light),
            Table(
                title="Audits",
                columns=["date", "auditor", "scope", "method", "nonconformities", "open"],
                rows=rows,
            ),
        ],
    )


# --- staffing -----------------------------------------------------------------------------------


def staffing_section(inputs: QbrInputs) -> Section:
    """Whether rostered agents were enough for the offered load, month by month."""
    q = inputs.quarter
    months = [
        m
        for m in (inputs.staffing.months if inputs.staffing else [])
        if m.month in q.month_labels()
    ]
    if not months:
        return Section(
            id="staffing",
            title="Staffing adequacy",
            blocks=[_missing("no interval data to compare staffing with workload", q)],
        )
    judged = [m for m in months if m.judged]  # partial logged-in hours: no verdict
    intervals = sum(m.intervals for m in judged)
    under = sum(m.understaffed_intervals for m in judged)
    share = under / intervals if intervals else None
    light = threshold_light(share, amber=0.05, red=0.15, higher_is_worse=True)
    notes: list[Block] = [Note(text=m.note, kind="missing_data") for m in months if m.note]
    rows = [
        [
            m.month,
            m.intervals,
            m.understaffed_intervals,
            m.over_cap_intervals,
            numbers.percent(m.measured_service_level),
            numbers.percent(m.measured_occupancy),
            round(m.mean_agents, 1),
            round(m.mean_required_agents, 1),
        ]
        for m in months
    ]
    return Section(
        id="staffing",
        title="Staffing adequacy",
        light=light,
        blocks=[
            figure(
                "Understaffed intervals",
                share,
                numbers.percent(share) if judged else "not judged",
                light,
                f"{under} of {intervals}" if judged else "logged-in hours too partial",
            ),
            *notes,
            Table(
                title="Staffing by month",
                columns=[
                    "month",
                    "intervals",
                    "understaffed",
                    "over occupancy cap",
                    "service level",
                    "occupancy",
                    "agents",
                    "agents required",
                ],
                rows=rows,
                caption="Required agents from Erlang C for the contract's service-level target.",
            ),
        ],
    )


# --- change since last quarter -------------------------------------------------------------------


def changes_section(inputs: QbrInputs) -> Section:
    """This quarter against the one before, figure by figure."""
    q, prev = inputs.quarter, inputs.quarter.previous()
    now_sla = sla_summary(inputs.sla)
    before_sla = sla_summary([e for e in inputs.sla_history if e.period in prev.month_labels()])
    now_people = people_figures(inputs.people) if inputs.people else {}
    before_people = people_figures(inputs.people_previous) if inputs.people_previous else {}
    now_f, before_f = quarter_findings(inputs.findings, q), quarter_findings(inputs.findings, prev)

    def row(label: str, before: float | None, now: float | None, kind: str) -> list[Any]:
        # A change of a rate is in percentage points, not a percentage of the rate.
        text: Callable[[float | None], str]
        if kind == "share":
            text, change = numbers.percent, numbers.change(before, now, share=True)
        elif kind == "money":
            currency = now_sla.currency or before_sla.currency
            text = partial(numbers.money, currency=currency)
            delta = None if before is None or now is None else now - before
            change = numbers.money(delta, currency, sign=True)
        else:
            text, change = numbers.count, numbers.change(before, now, share=False)
        return [label, text(before), text(now), change]

    rows = [
        row(
            "Contacts",
            float(inputs.interactions_previous) if inputs.interactions_previous else None,
            float(inputs.interactions_in_quarter) if inputs.interactions_in_quarter else None,
            "count",
        ),
        row(
            "Term-months breached",
            float(before_sla.breached) if before_sla.months else None,
            float(now_sla.breached) if now_sla.months else None,
            "count",
        ),
        row(
            "Net service credit",
            before_sla.net_credit if before_sla.months else None,
            now_sla.net_credit if now_sla.months else None,
            "money",
        ),
        row("Occupancy", before_people.get("occupancy"), now_people.get("occupancy"), "share"),
        row(
            "Attrition (trailing 12 months)",
            before_people.get("attrition"),
            now_people.get("attrition"),
            "share",
        ),
        row("Findings raised", float(len(before_f.raised)), float(len(now_f.raised)), "count"),
        row("Findings closed", float(len(before_f.closed)), float(len(now_f.closed)), "count"),
        row(
            "Findings open at quarter end",
            float(len(before_f.open_at_end)),
            float(len(now_f.open_at_end)),
            "count",
        ),
    ]
    blocks: list[Block] = [
        Table(
            title=f"{prev.label} → {q.label}",
            columns=["figure", prev.label, q.label, "change"],
            rows=rows,
        )
    ]
    terms = term_changes(inputs.sla_history, before=prev, now=q)
    changed = [t for t in terms if _outcome_class(t[1]) != _outcome_class(t[2])]
    if changed:
        blocks.append(
            Table(
                title="SLA terms whose outcome changed",
                columns=["term", prev.label, q.label],
                rows=[list(t) for t in changed],
                caption="Outcome per term over the quarter's months: breached months of "
                "months judged.",
            )
        )
    elif terms:
        blocks.append(Note(text="Every SLA term has the same outcome as the quarter before."))
    new_ids = {r.id for r in now_f.raised}
    closed_ids = {r.id for r in now_f.closed}
    if new_ids or closed_ids:
        blocks.append(
            Table(
                title="New and closed findings",
                columns=["change", "id", "severity", "title"],
                rows=[
                    [
                        "new" if r.id in new_ids else "closed",
                        r.id,
                        r.finding.severity,
                        r.finding.title,
                    ]
                    for r in now_f.shown
                    if r.id in new_ids or r.id in closed_ids
                ],
            )
        )
    if not inputs.interactions_previous:
        blocks.append(_missing("nothing to compare with", prev))
    return Section(id="changes", title="What changed since last quarter", blocks=blocks)


def _term_outcome(evaluations: list[Evaluation], term_id: str) -> str:
    statuses = [t.status for e in evaluations for t in e.terms if t.term_id == term_id]
    judged = [st for st in statuses if st in ("met", "breached")]
    if not judged:
        return "not judged" if statuses else "no data"
    breached = judged.count("breached")
    return (
        f"breached {breached} of {len(judged)}"
        if breached
        else f"met {len(judged)} of {len(judged)}"
    )


def _outcome_class(text: str) -> str:
    return text.split(" ", 1)[0]  # breached / met / not judged / no data


def term_changes(
    history: list[Evaluation], *, before: Period, now: Period
) -> list[tuple[str, str, str]]:
    """Each SLA term's outcome in the quarter before and in this one."""
    prev = [e for e in history if e.period in before.month_labels()]
    cur = [e for e in history if e.period in now.month_labels()]
    ids = sorted({t.term_id for e in prev + cur for t in e.terms if t.kind == "service"})
    return [(t, _term_outcome(prev, t), _term_outcome(cur, t)) for t in ids]


# --- executive summary ------------------------------------------------------------


def summary_section(sections: list[Section], inputs: QbrInputs) -> Section:
    """One traffic light per section, and the quarter's volume."""
    blocks: list[Block] = []
    if inputs.interactions_in_quarter == 0:
        blocks.append(
            _missing(
                f"no interactions of {inputs.engagement_id} were ingested for "
                f"{inputs.quarter.start.isoformat()} to {inputs.quarter.last_day.isoformat()}",
                inputs.quarter,
                "Figures below are not zeros: they were not measured.",
            )
        )
    blocks.append(
        figure(
            "Contacts handled",
            float(inputs.interactions_in_quarter) if inputs.interactions_in_quarter else None,
            f"{inputs.interactions_in_quarter:,}",
            "green",
        )
    )
    blocks.append(
        Table(
            title="Status by area",
            columns=["area", "status", "headline"],
            rows=[[s.title, s.light, _headline(s)] for s in sections if s.id not in ("changes",)],
        )
    )
    lights = [s.light for s in sections]
    return Section(id="summary", title="Executive summary", light=worst(lights), blocks=blocks)


def _headline(section: Section) -> str:
    if not section.has_data:
        return "no data for this period"
    figs = section.figures
    if not figs:
        notes = [b.text for b in section.blocks if isinstance(b, Note)]
        return notes[0] if notes else ""
    return "; ".join(f"{f.label}: {f.text}" for f in figs[:2])


def build_qbr_sections(inputs: QbrInputs) -> list[Section]:
    """Every section of the QBR, executive summary first."""
    body = [
        sla_section(inputs),
        parity_section(inputs),
        people_section(inputs),
        privacy_section(inputs),
        findings_section(inputs),
        audit_section(inputs),
        staffing_section(inputs),
        changes_section(inputs),
    ]
    return [summary_section(body, inputs), *body]


def findings_by_engagement(records: list[FindingRecord]) -> dict[str | None, list[FindingRecord]]:
    """Register records grouped by engagement."""
    out: dict[str | None, list[FindingRecord]] = defaultdict(list)
    for r in records:
        out[r.finding.engagement_id].append(r)
    return out
