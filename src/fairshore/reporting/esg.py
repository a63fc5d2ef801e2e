"""The ESG summary of one vendor: labour and human rights measured, environment declared.

Labour and human-rights indicators come from the vendor's own data (roster, pay,
hours, interactions), measured by the people capability against SA8000 and the
ETI Base Code (reference/ethics-standards.md) and the living-wage benchmarks. Worker
voice counts are k-anonymous. Environment figures are only what the vendor declared
in its due-diligence questionnaire, each with its evidence status. A declared figure
is never shown as measured: every row says which of the four it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from fairshore import numbers
from fairshore.governance.model import FindingRecord
from fairshore.numbers import NO_DATA
from fairshore.people.model import LocationBenchmark, PeopleReport
from fairshore.people.voice import K_ANONYMITY, Grievance, aggregate
from fairshore.reporting.esg_scorecard import score_figures
from fairshore.reporting.figures import figure, threshold_light, worst
from fairshore.reporting.model import Block, KeyFigure, Light, Note, Section, Table
from fairshore.vetting.claims import declared_figure
from fairshore.vetting.evidence import evidence_state, matching, usable
from fairshore.vetting.model import Answer, Assessment, Evidence, Question, Rubric
from fairshore.vetting.scores import Scorecard

EvidenceStatus = Literal[
    "measured", "declared_with_evidence", "declared_without_evidence", "not_available"
]

STATUS_WORDS: dict[EvidenceStatus, str] = {
    "measured": "measured",
    "declared_with_evidence": "declared, with evidence",
    "declared_without_evidence": "declared, without evidence",
    "not_available": "not available",
}

# SA8000 working hours and ETI clause 5/6 (reference/ethics-standards.md).
SA8000_HOURS = "SA8000: ≤ 48 regular h and ≤ 12 overtime h a week, 1 day off in 7"
BURNOUT_OCCUPANCY = 0.85  # Call Centre Helper burnout threshold (kpi-definitions.md)
SPAN_LIMIT = 20  # published BPO scorecard red flag: span above 1:20 (ethics-standards.md)


@dataclass(frozen=True)
class Indicator:
    """One labour or human-rights figure with where it comes from."""

    engagement_id: str
    area: str
    label: str
    value: float | None
    text: str
    standard: str
    status: EvidenceStatus
    light: Light
    basis: str = ""


@dataclass(frozen=True)
class Declaration:
    """One answer of the vendor's questionnaire, with how well it is evidenced."""

    question_id: str
    pillar: str
    question: str
    answer: str
    status: EvidenceStatus
    evidence: str = ""
    claim_key: str | None = None
    declared: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class EngagementData:
    """What was measured for one of the vendor's engagements in the period."""

    engagement_id: str
    contacts: int
    people: PeopleReport | None


@dataclass
class EsgInputs:
    """What an ESG summary is built from (gathered by ``services.esg_report``)."""

    vendor_id: str
    vendor_name: str
    period_label: str
    start: date
    end: date
    engagements: list[EngagementData]
    grievances: list[Grievance]
    parity_findings: list[FindingRecord]
    declarations: list[Declaration]
    assessed: bool
    notes: dict[str, str] = field(default_factory=dict)
    # The vendor's scorecard over the period: its claim checks give the verdicts.
    scorecard: Scorecard | None = None

    @property
    def measured(self) -> list[EngagementData]:
        """Engagements with people data in the period."""
        return [e for e in self.engagements if e.people is not None]


ATTRITION = "Attrition (trailing 12 months)"


def _missing(what: str, inputs: EsgInputs) -> Note:
    return Note(text=f"No data for {inputs.period_label}: {what}.", kind="missing_data")


# --- measured labour indicators ---------------------------------------------------------


def labour_indicators(data: EngagementData) -> list[Indicator]:
    """The measured labour and human-rights figures of one engagement."""
    report = data.people
    if report is None:
        return []
    eid = data.engagement_id
    out: list[Indicator] = []
    for site in report.pay.sites:
        standard = _floor_text(site.benchmark)
        basis = f"site {site.site_id}, {site.agents} agents, full months"
        out.append(
            Indicator(
                eid,
                "Pay",
                "Agents paid below the living wage",
                site.share_below_living_wage,
                numbers.percent(site.share_below_living_wage),
                "SA8000 remuneration; ETI 5 living wage: " + standard,
                "measured" if site.share_below_living_wage is not None else "not_available",
                threshold_light(
                    site.share_below_living_wage, amber=0.0, red=0.05, higher_is_worse=True
                ),
                basis,
            )
        )
        out.append(
            Indicator(
                eid,
                "Pay",
                "Lowest pay / living wage",
                site.lowest_ratio,
                NO_DATA if site.lowest_ratio is None else f"{site.lowest_ratio:.2f}",
                "≥ 1.00 (" + standard + ")",
                "measured" if site.lowest_ratio is not None else "not_available",
                threshold_light(site.lowest_ratio, amber=1.0, red=0.9, higher_is_worse=False),
                basis,
            )
        )
    hours = report.hours
    out.append(
        Indicator(
            eid,
            "Working hours",
            "Agent-months over SA8000 hour limits",
            hours.breach_share,
            numbers.percent(hours.breach_share),
            SA8000_HOURS,
            "measured" if hours.breach_share is not None else "not_available",
            threshold_light(hours.breach_share, amber=0.0, red=0.05, higher_is_worse=True),
            f"{hours.agent_months} agent-months; {hours.agents_in_breach} agents in breach",
        )
    )
    occ = report.occupancy
    cap = occ.cap or occ.burnout_threshold
    hot = [m.strftime("%Y-%m") for m in occ.months_over_threshold]
    out.append(
        Indicator(
            eid,
            "Working conditions",
            "Occupancy (handle / logged-in time)",
            occ.overall,
            numbers.percent(occ.overall),
            f"≤ {cap * 100:.0f} % (burnout threshold)",
            "measured" if occ.overall is not None else "not_available",
            "red"
            if hot
            else threshold_light(occ.overall, amber=cap - 0.05, red=cap, higher_is_worse=True),
            f"{occ.logged_in_hours:,.0f} logged-in hours"
            + (f"; over the threshold in {', '.join(hot)}" if hot else ""),
        )
    )
    minimum = report.thresholds.min_training_hours
    out.append(
        Indicator(
            eid,
            "Development",
            "Training hours per agent-month",
            hours.training_hours_mean,
            NO_DATA if hours.training_hours_mean is None else f"{hours.training_hours_mean:.1f} h",
            f"contract minimum {numbers.hours(minimum)}"
            if minimum is not None
            else "no contract minimum",
            "measured" if hours.training_hours_mean is not None else "not_available",
            threshold_light(
                hours.training_hours_mean, amber=minimum, red=minimum, higher_is_worse=False
            )
            if minimum is not None
            else ("green" if hours.training_hours_mean is not None else "grey"),
            f"{hours.training_sample} agent-months reported",
        )
    )
    ttm = report.workforce.overall.trailing  # SHRM annual turnover; part of a year: no value
    rate = ttm.rate if ttm is not None and ttm.complete else None
    out.append(
        Indicator(
            eid,
            "Employment",
            ATTRITION,
            rate,
            numbers.percent(rate),
            "≤ 30 % watch, > 50 % action (report rule)",
            "measured" if rate is not None else "not_available",
            threshold_light(rate, amber=0.3, red=0.5, higher_is_worse=True),
            "no roster"
            if ttm is None
            else f"{ttm.leavers} leavers, average headcount {ttm.average_headcount:,.1f}, "
            f"{ttm.first_month:%Y-%m}..{ttm.last_month:%Y-%m}"
            + (
                ""
                if ttm.complete
                else f"; insufficient data: {ttm.months_with_headcount} of 12 months"
            ),
        )
    )
    share = report.workforce.in_house_share
    out.append(
        Indicator(
            eid,
            "Employment",
            "Agents employed in-house",
            share,
            numbers.percent(share),
            "ETI 8 regular employment",
            "measured" if share is not None else "not_available",
            threshold_light(share, amber=0.9, red=0.7, higher_is_worse=False),
            ", ".join(f"{e.employment_type} {e.agents}" for e in report.workforce.employment_model),
        )
    )
    span = report.workforce.span
    out.append(
        Indicator(
            eid,
            "Working conditions",
            "Largest supervisor span",
            None if span.max_span is None else float(span.max_span),
            NO_DATA if span.max_span is None else f"1:{span.max_span}",
            f"≤ 1:{SPAN_LIMIT} (BPO scorecard red flag)",
            "measured" if span.max_span is not None else "not_available",
            "grey"
            if span.max_span is None
            else ("amber" if span.max_span > SPAN_LIMIT else "green"),
            f"{span.supervisors} team leads",
        )
    )
    return out


def _floor_text(bench: LocationBenchmark | None) -> str:
    if bench is None or bench.floor_monthly is None or bench.floor_kind is None:
        return "living wage (no benchmark for the location)"
    chosen = bench.living_wage if bench.floor_kind == "living_wage" else bench.minimum_wage
    source = f" ({chosen.source} {chosen.year or ''})".replace(" )", ")") if chosen else ""
    kind = bench.floor_kind.replace("_", " ")
    return f"{kind} {bench.floor_monthly:,.0f} {bench.currency}/month{source}"


def measured_claims(data: list[EngagementData]) -> dict[str, float]:
    """The figures a vendor's declared claims are checked against (worst engagement)."""
    values: dict[str, list[float]] = {}

    def put(key: str, value: float | None) -> None:
        if value is not None:
            values.setdefault(key, []).append(value)

    for e in data:
        if e.people is None:
            continue
        for site in e.people.pay.sites:
            put("min_pay_to_living_wage", site.lowest_ratio)
            if site.share_below_living_wage is not None:
                put("living_wage_share", 1.0 - site.share_below_living_wage)
        put("attrition_rate", e.people.workforce.overall.annual_rate)
        put("in_house_share", e.people.workforce.in_house_share)
        put("training_hours_per_agent_month", e.people.hours.training_hours_mean)
        put("occupancy", e.people.occupancy.overall)
    worse_is_higher = {"attrition_rate", "occupancy"}
    return {k: max(v) if k in worse_is_higher else min(v) for k, v in values.items()}


# --- declarations (the vendor's questionnaire) -------------------------------------------

ESG_PILLARS = ("labour", "welfare", "environment", "voice")


def _answer_text(question: Question, answer: Answer | None) -> str:
    if answer is None:
        return "—"
    if answer.na:
        return "n/a"
    value = answer.value
    labels = {o.id: o.label for o in question.options}
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(labels.get(v, v) for v in value)
    if isinstance(value, str):
        return labels.get(value, value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "—"
    unit = question.unit or ("%" if question.type == "percentage" else "")
    return f"{value.normalize():f} {unit}".rstrip()


def _evidence_text(docs: list[Evidence], *, as_of: date, scope: tuple[str, ...]) -> str:
    parts = []
    for d in docs:
        until = f", valid until {d.valid_until.isoformat()}" if d.valid_until else ""
        counts = usable(d, as_of=as_of, scope=scope)
        why = "" if counts else " — not counted (expired, not yet valid or out of scope)"
        parts.append(f"{d.type} by {d.issuer}, {d.status.replace('_', ' ')}{until}{why}")
    return "; ".join(parts)


def declarations(
    rubric: Rubric,
    assessment: Assessment,
    documents: list[Evidence],
    *,
    as_of: date,
    pillars: tuple[str, ...] = ESG_PILLARS,
) -> list[Declaration]:
    """The vendor's answers to the ESG questions, each with its evidence status on ``as_of``.

    ``declared_with_evidence``: a valid document provided or verified (vetting's
    ``valid``); ``declared_without_evidence``: the vendor's word, or only a
    self-declared document; ``not_available``: unanswered or not applicable.
    """
    out = []
    for q in rubric.questions:
        if q.pillar not in pillars or q.type == "text":
            continue
        answer = assessment.answers.get(q.id)
        docs = matching(q, answer, documents)
        state = evidence_state(q, answer, documents, as_of=as_of, scope=assessment.scope)
        answered_by_document = q.type == "document" and state in ("valid", "self_declared")
        if (answer is None or answer.na) and not answered_by_document:
            status: EvidenceStatus = "not_available"
        elif state == "valid":
            status = "declared_with_evidence"
        else:
            status = "declared_without_evidence"
        evidence = _evidence_text(docs, as_of=as_of, scope=assessment.scope)
        if not evidence:
            evidence = "no evidence asked for" if not q.evidence else "no document"
        declared = None
        if q.claim is not None and answer is not None and not answer.na:
            figure_ = declared_figure(q.claim, answer.value)
            declared = None if figure_ is None else float(figure_)
        out.append(
            Declaration(
                question_id=q.id,
                pillar=q.pillar,
                question=q.text,
                answer=_answer_text(q, answer)
                if answer is not None or not answered_by_document
                else "document provided",
                status=status,
                evidence=evidence,
                claim_key=q.claim.key if q.claim else None,
                declared=declared,
                unit=q.claim.unit if q.claim else "",
            )
        )
    return out


# --- sections ------------------------------------------------------------------------------


def _status(status: EvidenceStatus) -> str:
    return STATUS_WORDS[status]


def labour_section(inputs: EsgInputs) -> Section:
    """Pay, hours, occupancy, training, attrition, employment: measured from data."""
    indicators = [i for e in inputs.engagements for i in labour_indicators(e)]
    if not indicators:
        why = inputs.notes.get("people", "")
        return Section(
            id="labour",
            title="Labour and human rights (measured)",
            blocks=[
                _missing(
                    f"no roster, pay or hours data of {inputs.vendor_id}'s agents was ingested"
                    + (f" ({why})" if why else ""),
                    inputs,
                )
            ],
        )
    headline: list[KeyFigure] = []
    for label in (
        "Agents paid below the living wage",
        "Agent-months over SA8000 hour limits",
        "Occupancy (handle / logged-in time)",
        "Training hours per agent-month",
        ATTRITION,
        "Agents employed in-house",
    ):
        found = [i for i in indicators if i.label == label and i.value is not None]
        if not found:
            headline.append(figure(label, None, NO_DATA, "grey", "measured"))
            continue
        order = {"red": 3, "amber": 2, "green": 1, "grey": 0}
        pick = max(found, key=lambda i: order[i.light])
        detail = "measured" + (f", {pick.engagement_id}" if len(inputs.engagements) > 1 else "")
        headline.append(figure(label, pick.value, pick.text, pick.light, detail))
    rows: list[list[Any]] = [
        [i.engagement_id, i.area, i.label, i.text, i.standard, _status(i.status), i.basis]
        for i in indicators
    ]
    blocks: list[Block] = [
        *headline,
        Table(
            title="Labour and human-rights indicators",
            columns=["engagement", "area", "indicator", "value", "standard", "evidence", "basis"],
            rows=rows,
            caption="Measured from the vendor's roster, pay and interaction data "
            "(docs/people.md). Standards: SA8000, ETI Base Code, living-wage benchmarks.",
        ),
    ]
    for e in inputs.engagements:
        if e.people is None:
            blocks.append(
                _missing(f"no roster or agent-month records of {e.engagement_id}", inputs)
            )
        else:
            blocks += [Note(text=g, kind="warning") for g in e.people.data_gaps[:3]]
    light = worst(i.light for i in indicators)
    return Section(
        id="labour", title="Labour and human rights (measured)", light=light, blocks=blocks
    )


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


def _fmt_claim(value: float | None, unit: str) -> str:
    if value is None:
        return NO_DATA
    if unit == "share":
        return f"{value * 100:.1f} %"
    if unit == "ratio":
        return f"{value:.2f}"
    return f"{value:,.1f} {unit}".rstrip()


def claims_section(inputs: EsgInputs) -> Section:
    """The vendor's declared labour figures beside what the data measured."""
    title = "Declared against measured"
    claims = [d for d in inputs.declarations if d.claim_key and d.pillar in ("labour", "welfare")]
    if not inputs.assessed or not claims:
        return Section(
            id="claims",
            title=title,
            blocks=[
                Note(
                    text=f"{inputs.vendor_id} has no answered due-diligence questionnaire with "
                    "labour claims: nothing declared to compare (`fairshore vet`).",
                    kind="missing_data",
                )
            ],
        )
    card = inputs.scorecard
    checks = {c.question_id: c for c in card.claims} if card else {}
    rows: list[list[Any]] = []
    contradicted = 0
    for d in claims:
        check = checks.get(d.question_id)  # vetting's verdict, the one the scorecard uses
        value = None if check is None else float(check.measured)
        verdict = "not measured"
        if check is not None:
            verdict = "contradicted by data" if check.contradicted else "consistent with data"
            verdict += " (contest upheld: set aside)" if check.set_aside else ""
            contradicted += check.contradicted and check.judges
        rows.append(
            [
                d.question,
                _fmt_claim(d.declared, d.unit) if d.declared is not None else d.answer,
                _status(d.status),
                _fmt_claim(value, d.unit),
                "measured" if value is not None else "not available",
                verdict,
            ]
        )
    light: Light = "red" if contradicted else "green"
    return Section(
        id="claims",
        title=title,
        light=light,
        blocks=[
            figure(
                "Declarations contradicted by data", float(contradicted), str(contradicted), light
            ),
            *score_figures(card, light),
            Table(
                title="Labour declarations and measurements",
                columns=[
                    "question",
                    "declared",
                    "declaration evidence",
                    "measured",
                    "measurement",
                    "verdict",
                ],
                rows=rows,
                caption="Declared figures come from the questionnaire; measured ones from the "
                "data (worst engagement and site). Neither replaces the other.",
            ),
        ],
    )


def environment_section(inputs: EsgInputs) -> Section:
    """Environment figures the vendor declared, each with its evidence status."""
    title = "Environment (declared by the vendor)"
    env = [d for d in inputs.declarations if d.pillar == "environment"]
    if not inputs.assessed or not env:
        return Section(
            id="environment",
            title=title,
            blocks=[
                Note(
                    text=f"Not available: {inputs.vendor_id} has declared no environment figures "
                    "(no answered due-diligence questionnaire).",
                    kind="missing_data",
                )
            ],
        )
    with_evidence = sum(1 for d in env if d.status == "declared_with_evidence")
    declared = sum(1 for d in env if d.status != "not_available")
    light: Light = (
        "green" if declared and with_evidence == declared else "amber" if declared else "grey"
    )
    shown = None if not declared else float(with_evidence)
    return Section(
        id="environment",
        title=title,
        light=light,
        blocks=[
            figure(
                "Environment declarations with evidence",
                shown,
                f"{with_evidence} of {declared} declared",
                light,
                "none of these figures is measured by Fairshore",
            ),
            Table(
                title="Environment declarations",
                columns=["question", "declared", "evidence status", "evidence"],
                rows=[[d.question, d.answer, _status(d.status), d.evidence] for d in env],
                caption="From the vendor's questionnaire (rubric pillar 'environment'); evidence "
                "counts only when valid on the period's last day and in scope.",
            ),
        ],
    )


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
        claims_section(inputs),
        voice_section(inputs),
        parity_section(inputs),
        environment_section(inputs),
    ]
    return [summary_section(body, inputs), *body]
