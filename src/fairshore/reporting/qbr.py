"""The quarterly business review of one engagement, built from measured results.

Every builder takes results the capabilities computed (SLA evaluations, parity audits,
the people report, staffing adequacy, the findings register) and returns a
``Section``. A section with no data for the quarter says so in a ``missing_data``
note instead of showing zeros.
"""

from __future__ import annotations

from typing import Any

from fairshore import numbers
from fairshore.metrics.model import KpiTable
from fairshore.reporting.figures import (
    figure,
    sla_light,
    worst,
)
from fairshore.reporting.links import qbr_links, with_links
from fairshore.reporting.model import Block, Note, Section, Table
from fairshore.reporting.qbr_findings import (
    FINDING_COLUMNS,
    QuarterFindings,
    _finding_rows,
    audit_section,
    findings_by_engagement,
    findings_section,
    quarter_findings,
)
from fairshore.reporting.qbr_inputs import PRIVACY_SOURCES, QbrInputs, _missing, in_quarter
from fairshore.reporting.qbr_outcomes import (
    parity_section,
    people_figures,
    people_has_data,
    people_section,
    staffing_section,
)
from fairshore.reporting.qbr_privacy import (
    AUTHORITY_PENDING,
    INCIDENT_COLUMNS,
    anomaly_rows,
    incident_rows,
    privacy_section,
)
from fairshore.reporting.qbr_sla import (
    SlaSummary,
    changes_section,
    sla_section,
    sla_summary,
    term_changes,
)

__all__ = [
    "AUTHORITY_PENDING",
    "FINDING_COLUMNS",
    "INCIDENT_COLUMNS",
    "PRIVACY_SOURCES",
    "QbrInputs",
    "QuarterFindings",
    "SlaSummary",
    "_finding_rows",
    "anomaly_rows",
    "audit_section",
    "build_qbr_sections",
    "changes_section",
    "findings_by_engagement",
    "findings_section",
    "in_quarter",
    "incident_rows",
    "parity_section",
    "people_figures",
    "people_has_data",
    "people_section",
    "privacy_section",
    "quarter_findings",
    "service_table",
    "sla_light",
    "sla_section",
    "sla_summary",
    "staffing_section",
    "summary_section",
    "term_changes",
]

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
    answered = sum(r.answered for r in inputs.kpis.rows) if inputs.kpis else None
    blocks += [
        figure(
            "Contacts offered",
            float(inputs.interactions_in_quarter) if inputs.interactions_in_quarter else None,
            numbers.count(inputs.interactions_in_quarter),
            "green",
        ),
        figure(
            "Contacts answered",
            float(answered) if answered else None,
            numbers.count(answered),
            "green",
            "answered by an agent (a call connected, a ticket's first public reply)",
        ),
    ]
    if inputs.kpis is not None:
        blocks.append(service_table(inputs.kpis))
    blocks.append(
        Table(
            title="Status by area",
            columns=["area", "status", "headline"],
            rows=[[s.title, s.light, _headline(s)] for s in sections if s.id not in ("changes",)],
        )
    )
    lights = [s.light for s in sections]
    return Section(id="summary", title="Executive summary", light=worst(lights), blocks=blocks)


SERVICE_COLUMNS = [
    "channel",
    "offered",
    "answered",
    "service level",
    "ASA",
    "abandon rate",
    "FCR",
    "CSAT top-2",
]


def service_table(kpis: KpiTable) -> Table:
    """The quarter's service per channel, as the KPI service computed it.

    Channels stay apart: a deferred channel's service level and ASA (e-mail answered
    in hours) are never averaged with a live one's.
    """
    rows: list[list[Any]] = [
        [
            r.group.get("channel") or "unknown",
            numbers.count(r.offered),
            numbers.count(r.answered),
            numbers.percent(r.service_level),
            numbers.duration(r.asa_s),
            numbers.percent(r.abandon_rate),
            numbers.percent(r.fcr_rate),
            numbers.percent(r.csat_top2),
        ]
        for r in sorted(kpis.rows, key=lambda r: str(r.group.get("channel")))
    ]
    return Table(
        title="Service by channel",
        columns=SERVICE_COLUMNS,
        rows=rows,
        caption="Fairshore's pinned KPI definitions (docs/kpis.md); contacts that arrived "
        "in the quarter.",
    )


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
    links = qbr_links(inputs.engagement_id, inputs.quarter, people=inputs.people is not None)
    return with_links([summary_section(body, inputs), *body], links)
