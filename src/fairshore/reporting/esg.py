"""The ESG summary of one vendor: labour and human rights measured, environment declared.

Labour and human-rights indicators come from the vendor's own data (roster, pay,
hours, interactions), measured by the people capability against SA8000 and the
ETI Base Code (reference/ethics-standards.md) and the living-wage benchmarks. Worker
voice counts are k-anonymous. Environment figures are only what the vendor declared
in its due-diligence questionnaire, each with its evidence status. A declared figure
is never shown as measured: every row says which of the four it is.
"""

from __future__ import annotations

from fairshore.people.voice import K_ANONYMITY, aggregate
from fairshore.reporting.esg_community import community_section
from fairshore.reporting.esg_declarations import (
    ESG_PILLARS,
    claims_section,
    declarations,
    environment_section,
)
from fairshore.reporting.esg_inputs import (
    BURNOUT_OCCUPANCY,
    SA8000_HOURS,
    SPAN_LIMIT,
    STATUS_WORDS,
    Declaration,
    EngagementData,
    EsgInputs,
    EvidenceStatus,
    Indicator,
    _missing,
)
from fairshore.reporting.esg_labour import labour_indicators, labour_section
from fairshore.reporting.figures import figure, worst
from fairshore.reporting.links import esg_links, with_links
from fairshore.reporting.model import Block, KeyFigure, Light, Note, Section, Table
from fairshore.reporting.wellbeing import wellbeing_section

__all__ = [
    "BURNOUT_OCCUPANCY",
    "ESG_PILLARS",
    "SA8000_HOURS",
    "SPAN_LIMIT",
    "STATUS_WORDS",
    "Declaration",
    "EngagementData",
    "EsgInputs",
    "EvidenceStatus",
    "Indicator",
    "build_esg_sections",
    "claims_section",
    "declarations",
    "environment_section",
    "labour_indicators",
    "labour_section",
    "parity_section",
    "summary_section",
    "voice_section",
]


def voice_section(inputs: EsgInputs) -> Section:
    """Worker-voice grievances in the period, counted k-anonymously."""
    cases = inputs.grievances
    if not cases:
        return Section(
            id="voice",
            title="Worker voice",
            light="green",
            blocks=[
                Note(
                    text=f"No grievance was submitted through the worker-voice channel of "
                    f"{inputs.vendor_id} in {inputs.period_label}."
                )
            ],
        )
    by_category = aggregate(cases, by="category")
    by_status = aggregate(cases, by="status")
    total = by_category.total
    open_cases = [c for c in cases if c.status != "resolved"]
    overdue = [
        c
        for c in open_cases
        if (c.acknowledged_on is None and c.ack_due_on < inputs.end)
        or c.resolve_due_on < inputs.end
    ]
    light: Light = "red" if overdue else "amber" if open_cases else "green"
    blocks: list[Block] = [
        figure(
            "Grievances received",
            None if total is None else float(total),
            f"{total}",
            "green",
            f"groups under {K_ANONYMITY} reports are not shown",
        )
        if total is not None
        else KeyFigure(
            label="Grievances received",
            value=None,
            text=f"fewer than {K_ANONYMITY}" if len(cases) < K_ANONYMITY else "not shown",
            light="grey",
            detail="k-anonymity: the count would identify reporters",
        ),
        Table(
            title="Grievances by category",
            columns=["category", "reports"],
            rows=[[r.group, r.reports if r.reports is not None else "—"] for r in by_category.rows],
            caption=f"k-anonymity k = {K_ANONYMITY}: smaller groups are pooled; a pool under "
            f"{K_ANONYMITY} shows no count.",
        ),
        Table(
            title="Grievances by status",
            columns=["status", "reports"],
            rows=[[r.group, r.reports if r.reports is not None else "—"] for r in by_status.rows],
        ),
    ]
    return Section(id="voice", title="Worker voice", light=light, blocks=blocks)


def parity_section(inputs: EsgInputs) -> Section:
    """Gaps in service between customer groups (language, region, tier, accessibility)."""
    if not any(e.contacts for e in inputs.engagements):
        return Section(
            id="parity",
            title="Parity of service",
            blocks=[_missing("no interactions to compare customer groups", inputs)],
        )
    found = inputs.parity_findings
    light: Light = (
        "red"
        if any(r.finding.severity in ("critical", "major") for r in found)
        else "amber"
        if found
        else "green"
    )
    blocks: list[Block] = [
        figure("Service gaps between customer groups", float(len(found)), str(len(found)), light)
    ]
    if found:
        blocks.append(
            Table(
                title="Parity findings",
                columns=["engagement", "severity", "title", "status"],
                rows=[
                    [
                        r.finding.engagement_id,
                        r.finding.severity,
                        r.finding.title,
                        r.display_status.replace("_", " "),
                    ]
                    for r in found
                ],
                caption="Measured: impact ratio and Holm-corrected tests (docs/parity.md).",
            )
        )
    else:
        blocks.append(Note(text="No gap between customer groups passed the finding rule."))
    return Section(id="parity", title="Parity of service", light=light, blocks=blocks)


def summary_section(sections: list[Section], inputs: EsgInputs) -> Section:
    """One light per area and the legend of evidence statuses."""
    blocks: list[Block] = []
    if not inputs.measured:
        blocks.append(
            _missing(
                f"no labour data of {inputs.vendor_id} was ingested for "
                f"{inputs.start.isoformat()} to {inputs.end.isoformat()}",
                inputs,
            )
        )
    engagements = ", ".join(e.engagement_id for e in inputs.engagements) or "none"
    blocks.append(
        Table(
            title="Status by area",
            columns=["area", "status", "headline"],
            rows=[[s.title, s.light, _headline(s)] for s in sections],
        )
    )
    blocks.append(
        Note(
            text="Evidence status: measured = computed by Fairshore from the vendor's data; "
            "declared, with evidence = the vendor's answer backed by a valid document; "
            "declared, without evidence = the vendor's word only (or a self-declared document); "
            "not available = neither. Engagements covered: " + engagements + "."
        )
    )
    return Section(
        id="summary",
        title="Summary",
        light=worst(s.light for s in sections),
        blocks=blocks,
    )


def _headline(section: Section) -> str:
    if not section.has_data:
        return "no data for this period"
    figs = section.figures
    if figs:
        return "; ".join(f"{f.label}: {f.text}" for f in figs[:2])
    notes = [b.text for b in section.blocks if isinstance(b, Note)]
    return notes[0] if notes else ""


def build_esg_sections(inputs: EsgInputs) -> list[Section]:
    """Every section of the ESG summary, summary first."""
    body = [
        labour_section(inputs),
        wellbeing_section(inputs),
        claims_section(inputs),
        voice_section(inputs),
        parity_section(inputs),
        environment_section(inputs),
    ]
    if inputs.community is not None:
        body.append(community_section(inputs.community, period_label=inputs.period_label))
    links = esg_links(inputs.vendor_id, [e.engagement_id for e in inputs.engagements])
    return with_links([summary_section(body, inputs), *body], links)
