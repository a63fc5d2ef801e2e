"""The quarterly business review of one engagement, built from measured results.

Every builder takes results the capabilities computed (SLA evaluations, parity audits,
the people report, staffing adequacy, the findings register) and returns a
``Section``. A section with no data for the quarter says so in a ``missing_data``
note instead of showing zeros.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fairshore.contracts.model import Evaluation
from fairshore.governance.model import SEVERITY_RANK, Audit, FindingRecord
from fairshore.parity.model import ParityAudit
from fairshore.people.model import PeopleReport
from fairshore.reporting.charts import line_chart
from fairshore.reporting.figures import (
    figure,
    findings_light,
    fmt_money,
    fmt_pct,
    fmt_value,
    threshold_light,
    worst,
)
from fairshore.reporting.model import Block, Light, Note, Section, Table
from fairshore.reporting.quarters import Quarter
from fairshore.staffing.model import AdequacyReport

PRIVACY_SOURCES = ("privacy_incident", "access_anomaly")


@dataclass
class QbrInputs:
    """What a QBR is built from (gathered by ``services.qbr_report``)."""

    engagement_id: str
    vendor: str
    quarter: Quarter
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


def _missing(what: str, quarter: Quarter, why: str = "") -> Note:
    reason = f" {why}" if why else ""
    return Note(text=f"No data for {quarter.label}: {what}.{reason}", kind="missing_data")


def in_quarter(record: FindingRecord, quarter: Quarter) -> bool:
    """True when a finding was seen in, or concerns a month of, the quarter."""
    f = record.finding
    if f.period and any(f.period.startswith(m) for m in quarter.months):
        return True
    return f.observed_on is not None and quarter.start <= f.observed_on <= quarter.end


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
    )


def sla_light(summary: SlaSummary) -> Light:
    """Red with two or more breached term-months, amber with one or unjudged terms."""
    if summary.months == 0:
        return "grey"
    if summary.breached >= 2:
        return "red"
    if summary.breached == 1 or summary.insufficient:
        return "amber"
    return "green"


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
                    f"{t.comparator} {fmt_value(t.metric, t.target, target=t.target)}",
                    fmt_value(t.metric, t.value, target=t.target),
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
            fmt_money(summary.net_credit, summary.currency),
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
    trend = _trend_points(inputs.sla_history, until=q.months[-1])
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
    blocks += [Note(text=n) for a in inputs.parity for n in a.notes[:2]]
    return Section(id="parity", title="Fairness of service", light=light, blocks=blocks)


# --- people and pay ------------------------------------------------------------------------


def people_figures(report: PeopleReport) -> dict[str, float | None]:
    """The people numbers the QBR shows (what the tests compare against the PDF)."""
    below = [s.share_below_living_wage for s in report.pay.sites]
    known = [b for b in below if b is not None]
    return {
        "occupancy": report.occupancy.overall,
        "attrition": report.workforce.overall.annualised_simple,
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
            fmt_pct(v["occupancy"]),
            "red"
            if hot_months
            else threshold_light(
                v["occupancy"], amber=occ_cap - 0.05, red=occ_cap, higher_is_worse=True
            ),
            f"threshold {fmt_pct(occ_cap)}"
            + (f"; over it in {', '.join(hot_months)}" if hot_months else ""),
        ),
        figure(
            "Attrition (annualised)",
            v["attrition"],
            fmt_pct(v["attrition"]),
            threshold_light(v["attrition"], amber=0.3, red=0.5, higher_is_worse=True),
        ),
        figure(
            "In-house share",
            v["in_house_share"],
            fmt_pct(v["in_house_share"]),
            threshold_light(v["in_house_share"], amber=0.9, red=0.7, higher_is_worse=False),
        ),
        figure(
            "Training per agent-month",
            v["training_hours"],
            fmt_value("training_hours", v["training_hours"]),
            "green",
        ),
        figure(
            "Agents below living wage",
            v["below_living_wage"],
            fmt_pct(v["below_living_wage"]),
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
                    fmt_pct(s.share_below_living_wage),
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
                    fmt_pct(m.occupancy),
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


def privacy_section(inputs: QbrInputs) -> Section:
    """Privacy incidents (breach clocks) and access anomalies raised in the quarter."""
    q = inputs.quarter
    records = [
        r for r in inputs.findings if r.finding.source in PRIVACY_SOURCES and in_quarter(r, q)
    ]
    if inputs.interactions_in_quarter == 0 and not records:
        return Section(
            id="privacy",
            title="Data protection",
            blocks=[_missing("no data was received, so no access could be checked", q)],
        )
    incidents = [r for r in records if r.finding.source == "privacy_incident"]
    anomalies = [r for r in records if r.finding.source == "access_anomaly"]
    light = findings_light(records) if records else "green"
    blocks: list[Block] = [
        figure("Privacy incidents", float(len(incidents)), str(len(incidents)), light),
        figure(
            "Access anomalies",
            float(len(anomalies)),
            str(len(anomalies)),
            "red" if anomalies else "green",
        ),
    ]
    if records:
        blocks.append(
            Table(
                title="Data-protection findings",
                columns=FINDING_COLUMNS,
                rows=_finding_rows(records),
            )
        )
    else:
        blocks.append(Note(text=f"No privacy incident or access anomaly in {q.label}."))
    return Section(id="privacy", title="Data protection", light=light, blocks=blocks)


def findings_section(inputs: QbrInputs) -> Section:
    """Open findings with owner, deadline and corrective action."""
    active = [r for r in inputs.findings if r.status != "closed"]
    closed = [r for r in inputs.findings if r.status == "closed"]
    light = findings_light(active)
    overdue = sum(1 for r in active if r.overdue)
    blocks: list[Block] = [
        figure("Open findings", float(len(active)), str(len(active)), light),
        figure("Overdue", float(overdue), str(overdue), "red" if overdue else "green"),
        figure("Closed", float(len(closed)), str(len(closed)), "green"),
    ]
    if active:
        blocks.append(
            Table(
                title="Open findings and corrective actions",
                columns=FINDING_COLUMNS,
                rows=_finding_rows(active),
            )
        )
    else:
        blocks.append(Note(text="No open finding."))
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
    months = [m for m in (inputs.staffing.months if inputs.staffing else []) if m.month in q.months]
    if not months:
        return Section(
            id="staffing",
            title="Staffing adequacy",
            blocks=[_missing("no interval data to compare staffing with workload", q)],
        )
    intervals = sum(m.intervals for m in months)
    under = sum(m.understaffed_intervals for m in months)
    share = under / intervals if intervals else None
    light = threshold_light(share, amber=0.05, red=0.15, higher_is_worse=True)
    rows = [
        [
            m.month,
            m.intervals,
            m.understaffed_intervals,
            m.over_cap_intervals,
            fmt_pct(m.measured_service_level),
            fmt_pct(m.measured_occupancy),
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
                "Understaffed intervals", share, fmt_pct(share), light, f"{under} of {intervals}"
            ),
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
    before_sla = sla_summary([e for e in inputs.sla_history if e.period in prev.months])
    now_people = people_figures(inputs.people) if inputs.people else {}
    before_people = people_figures(inputs.people_previous) if inputs.people_previous else {}
    opened_now = sum(1 for r in inputs.findings if in_quarter(r, q))
    opened_before = sum(1 for r in inputs.findings if in_quarter(r, prev))

    def row(label: str, before: float | None, now: float | None, text: Any) -> list[Any]:
        delta = None if before is None or now is None else now - before
        return [label, text(before), text(now), None if delta is None else text(delta)]

    def count(v: float | None) -> str:
        return "no data" if v is None else f"{v:,.0f}"

    def money(v: float | None) -> str:
        return "no data" if v is None else f"{v:,.2f}"

    rows = [
        row(
            "Contacts",
            float(inputs.interactions_previous) if inputs.interactions_previous else None,
            float(inputs.interactions_in_quarter) if inputs.interactions_in_quarter else None,
            count,
        ),
        row(
            "Term-months breached",
            float(before_sla.breached) if before_sla.months else None,
            float(now_sla.breached) if now_sla.months else None,
            count,
        ),
        row(
            "Net service credit",
            before_sla.net_credit if before_sla.months else None,
            now_sla.net_credit if now_sla.months else None,
            money,
        ),
        row("Occupancy", before_people.get("occupancy"), now_people.get("occupancy"), fmt_pct),
        row(
            "Attrition (annualised)",
            before_people.get("attrition"),
            now_people.get("attrition"),
            fmt_pct,
        ),
        row("Findings raised", float(opened_before), float(opened_now), count),
    ]
    blocks: list[Block] = [
        Table(
            title=f"{prev.label} → {q.label}",
            columns=["figure", prev.label, q.label, "change"],
            rows=rows,
        )
    ]
    if not inputs.interactions_previous:
        blocks.append(_missing("nothing to compare with", prev))
    return Section(id="changes", title="What changed since last quarter", blocks=blocks)


# --- executive summary ------------------------------------------------------------


def summary_section(sections: list[Section], inputs: QbrInputs) -> Section:
    """One traffic light per section, and the quarter's volume."""
    blocks: list[Block] = []
    if inputs.interactions_in_quarter == 0:
        blocks.append(
            _missing(
                f"no interactions of {inputs.engagement_id} were ingested for "
                f"{inputs.quarter.start.isoformat()} to {inputs.quarter.end.isoformat()}",
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


def quarter_dates(quarter: Quarter) -> tuple[date, date]:
    """First and last day of the quarter."""
    return quarter.start, quarter.end


def findings_by_engagement(records: list[FindingRecord]) -> dict[str | None, list[FindingRecord]]:
    """Register records grouped by engagement."""
    out: dict[str | None, list[FindingRecord]] = defaultdict(list)
    for r in records:
        out[r.finding.engagement_id].append(r)
    return out
