"""The portfolio board pack: every engagement side by side, vendors ranked, TCO, top risks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fairshore import numbers
from fairshore.costs.model import PayNote, TcoReport
from fairshore.governance.audits import LIVING_WAGE_MAJOR_SHARE, LIVING_WAGE_SYSTEMIC_SHARE
from fairshore.governance.model import SEVERITY_RANK, FindingRecord
from fairshore.metrics.periods import Period
from fairshore.numbers import NO_DATA
from fairshore.reporting.figures import (
    SLA_RED_SHARE,
    figure,
    findings_light,
    pay_light,
    sla_light,
    worst,
)
from fairshore.reporting.links import board_links, with_links
from fairshore.reporting.model import Block, Light, Note, Section, Table
from fairshore.reporting.qbr import FINDING_COLUMNS, SlaSummary, _finding_rows
from fairshore.vetting.claims import contradicted_count
from fairshore.vetting.measured import ClaimCheck
from fairshore.vetting.ranking import Ranking

TOP_RISKS = 10
_SHOWN = ("amber", "red")
STATUS_RULES = (
    f"Status is the worst of three rules. SLA: red when {SLA_RED_SHARE:.0%} or more of the "
    "judged term-months were breached, amber for any breach or unjudged term. Pay: red "
    f"when {LIVING_WAGE_SYSTEMIC_SHARE:.0%} or more of agents at a site are paid below the "
    f"living-wage floor, amber above {LIVING_WAGE_MAJOR_SHARE:.0%}. Findings: red for an "
    "open critical finding or an overdue major one, amber for any other open finding."
)


@dataclass(frozen=True)
class EngagementLine:
    """One engagement's row of the board pack."""

    engagement_id: str
    vendor_id: str
    contacts: int
    sla: SlaSummary
    occupancy: float | None
    below_living_wage: float | None
    findings: list[FindingRecord]

    @property
    def lights(self) -> dict[str, Light]:
        """The light of each rule (``reporting.figures``): SLA, pay, findings."""
        return {
            "SLA": sla_light(self.sla),
            "pay": pay_light(self.below_living_wage),
            "findings": findings_light(self.findings),
        }

    @property
    def light(self) -> Light:
        """The worst of SLA, pay and findings (grey when the quarter has no contacts)."""
        if self.contacts == 0:
            return "grey"
        return worst(self.lights.values())

    @property
    def why(self) -> str:
        """Which rules set the light: the non-green ones, e.g. ``"SLA amber, pay red"``."""
        if self.contacts == 0:
            return "no contacts in the quarter"
        said = [f"{rule} {light}" for rule, light in self.lights.items() if light in _SHOWN]
        return ", ".join(said) or "every rule green"


@dataclass
class BoardInputs:
    """What the board pack is built from (gathered by ``services.board_report``)."""

    quarter: Period
    lines: list[EngagementLine]
    ranking: Ranking | None
    tco: TcoReport | None
    notes: dict[str, str]
    claims: dict[str, list[ClaimCheck]] = field(default_factory=dict)
    """Each assessed vendor's claim checks over the quarter (``vetting.vendor_claims``)."""


def portfolio_section(inputs: BoardInputs) -> Section:
    """Every engagement side by side, one traffic light each."""
    q = inputs.quarter
    rows: list[list[Any]] = []
    for line in inputs.lines:
        active = [r for r in line.findings if r.status != "closed"]
        severe = sum(1 for r in active if r.finding.severity in ("critical", "major"))
        has_sla = line.sla.months > 0
        rows.append(
            [
                line.engagement_id,
                line.vendor_id,
                line.light,
                line.why,
                line.contacts if line.contacts else NO_DATA,
                f"{line.sla.breached} of {line.sla.term_months}" if has_sla else NO_DATA,
                numbers.money(line.sla.net_credit, line.sla.currency) if has_sla else NO_DATA,
                numbers.percent(line.occupancy),
                numbers.percent(line.below_living_wage),
                len(active),
                severe,
            ]
        )
    blocks: list[Block] = []
    total = sum(line.contacts for line in inputs.lines)
    if total == 0:
        blocks.append(
            Note(
                text=f"No data for {q.label}: no engagement has interactions in this quarter. "
                "Figures are not zeros: they were not measured.",
                kind="missing_data",
            )
        )
    lights = [line.light for line in inputs.lines]
    for colour in ("red", "amber", "green"):
        n = lights.count(colour)
        blocks.append(figure(f"Engagements {colour}", float(n), str(n), colour))
    blocks.append(
        Table(
            title="Engagements side by side",
            columns=[
                "engagement",
                "vendor",
                "status",
                "why",
                "contacts",
                "SLA term-months breached",
                "net credit",
                "occupancy",
                "below living wage",
                "open findings",
                "critical/major",
            ],
            rows=rows,
        )
    )
    blocks.append(Note(text=STATUS_RULES))
    return Section(
        id="portfolio", title="Portfolio at a glance", light=worst(lights), blocks=blocks
    )


def contradicted_claims(inputs: BoardInputs) -> dict[str, int]:
    """Per vendor, its declared figures the quarter's data contradicts (one count:
    ``vetting.claims.contradicted_count`` over ``vetting.services.vendor_claims``)."""
    return {v: contradicted_count(checks) for v, checks in inputs.claims.items()}


def vendors_section(inputs: BoardInputs) -> Section:
    """Vendor scorecards: total score, band, eligibility, pillar scores, robustness of rank."""
    ranking = inputs.ranking
    if ranking is None or not ranking.rows:
        return Section(
            id="vendors",
            title="Vendor scorecards and ranking",
            blocks=[
                Note(
                    text="No vendor assessment on record: scorecards need answered "
                    "questionnaires (`fairshore vet`). " + inputs.notes.get("vendors", ""),
                    kind="missing_data",
                )
            ],
        )
    pillars = sorted({p for row in ranking.rows for p in row.pillars})
    contradicted = contradicted_claims(inputs)
    rows = [
        [
            row.rank,
            row.vendor_id,
            _score(row.total),
            _score(row.declared_total),
            row.band,
            "yes" if row.eligible else "no",
            numbers.percent(row.first_share),
            contradicted.get(row.vendor_id, 0),
        ]
        for row in ranking.rows
    ]
    # One row per pillar, one column per vendor (in rank order): eleven pillars fit a page
    # down, not across.
    pillar_rows = [[p, *[_score(row.pillars.get(p)) for row in ranking.rows]] for p in pillars]
    ineligible = [r.vendor_id for r in ranking.rows if not r.eligible]
    light: Light = "amber" if ineligible else "green"
    return Section(
        id="vendors",
        title="Vendor scorecards and ranking",
        light=light,
        blocks=[
            Table(
                title="Ranking",
                columns=[
                    "rank",
                    "vendor",
                    "score",
                    "answers alone",
                    "band",
                    "eligible",
                    "wins re-weighted",
                    "claims contradicted",
                ],
                rows=rows,
                caption="Score by the evidence: a claim the vendor's own data contradicts earns "
                "nothing and raises its red flag; 'answers alone' is the questionnaire's score "
                f"before that. Method {ranking.method}; robustness from {ranking.draws} weight "
                f"draws (spread {ranking.spread}, seed {ranking.seed}). Claims contradicted: the "
                "vendor's declared figures that its own data for the quarter shows worse.",
            ),
            Table(
                title="Scorecards by pillar (0-100)",
                columns=["pillar", *[row.vendor_id for row in ranking.rows]],
                rows=pillar_rows,
            ),
        ],
    )


def _score(value: object) -> float | None:
    # Rounded to the one decimal shown: the renderer prints a number as it reads
    # (fairshore.numbers), never padded to two decimals.
    return None if value is None else round(float(value), 1)  # type: ignore[arg-type]


def spend_table(inputs: BoardInputs) -> Table | Note:
    """The quarter's contract fees (the plan) against what is payable after service credits."""
    rows: list[list[Any]] = []
    for line in inputs.lines:
        s = line.sla
        if s.months == 0:
            rows.append([line.engagement_id, "", NO_DATA, NO_DATA, NO_DATA, NO_DATA])
            continue
        payable = s.fee - s.net_credit
        rows.append(
            [
                line.engagement_id,
                s.currency,
                numbers.money(s.fee, s.currency),
                numbers.money(s.net_credit, s.currency),
                numbers.money(payable, s.currency),
                numbers.percent((payable - s.fee) / s.fee) if s.fee else NO_DATA,
            ]
        )
    if all(line.sla.months == 0 for line in inputs.lines):
        return Note(
            text=f"No data for {inputs.quarter.label}: no SLA evaluation gives the quarter's "
            "fees and credits.",
            kind="missing_data",
        )
    return Table(
        title=f"Spend against plan, {inputs.quarter.label}",
        columns=["engagement", "currency", "planned fees", "service credits", "payable", "vs plan"],
        rows=rows,
        caption="Planned fees: the contract's fee for each evaluated month; payable: fees less "
        "net service credits (after cap and earn-back). Each in the contract's currency.",
    )


def tco_section(inputs: BoardInputs) -> Section:
    """Spend against plan this quarter, and TCO of each sourcing option against the baseline."""
    tco = inputs.tco
    spend = spend_table(inputs)
    if tco is None:
        return Section(
            id="tco",
            title="Total cost of ownership",
            blocks=[
                spend,
                Note(
                    text="No TCO scenario available. " + inputs.notes.get("tco", ""),
                    kind="missing_data",
                ),
            ],
        )
    rows = [
        [
            o.label,
            round(o.agents, 1),
            round(o.annual_cost, 0),
            round(o.transition_cost, 0),
            round(o.savings, 0),
            None if o.payback_months is None else round(o.payback_months, 1),
        ]
        for o in tco.options
    ]
    return Section(
        id="tco",
        title="Total cost of ownership",
        light="green",
        blocks=[
            spend,
            Table(
                title=f"Scenario {tco.scenario} (baseline {tco.baseline}), {tco.currency} per year",
                columns=[
                    "option",
                    "agents",
                    "annual cost",
                    "transition",
                    "savings vs baseline",
                    "payback months",
                ],
                rows=rows,
                caption=f"Exchange rates as of {tco.fx_as_of.isoformat()} ({tco.fx_source}).",
            ),
            Note(
                text="Living-wage benchmarks behind each option's pay: "
                + "; ".join(
                    f"{b.provider} {b.location} {b.monthly:,.0f} {b.currency}/month"
                    for b in tco.benchmarks
                )
                + "."
            ),
            *(
                [Note(text="Agent pay behind each option: " + "; ".join(map(_pay_said, tco.pay)))]
                if tco.pay
                else []
            ),
        ],
    )


def _pay_said(note: PayNote) -> str:
    if note.source == "measured" and note.monthly is not None:
        return (
            f"{note.provider} measured {note.monthly:,.0f} {note.currency}/month "
            f"({note.engagement_id}, {note.period})"
        )
    return f"{note.provider} typed in ({note.detail})"


def risks_section(inputs: BoardInputs) -> Section:
    """The most severe open findings across the portfolio."""
    active = [r for line in inputs.lines for r in line.findings if r.status != "closed"]
    ordered = sorted(
        active, key=lambda r: (-SEVERITY_RANK[r.finding.severity], not r.overdue, r.id)
    )
    top = ordered[:TOP_RISKS]
    if not top:
        return Section(
            id="risks", title="Top risks", light="green", blocks=[Note(text="No open finding.")]
        )
    rows = _finding_rows(top)
    columns = ["engagement", *FINDING_COLUMNS]
    by_id = {r.id: r.finding.engagement_id for r in top}
    return Section(
        id="risks",
        title="Top risks",
        light=findings_light(top),
        blocks=[
            Table(
                title=f"Top {len(top)} open findings by severity",
                columns=columns,
                rows=[[by_id[row[0]], *row] for row in rows],
            )
        ],
    )


def build_board_sections(inputs: BoardInputs) -> list[Section]:
    """Every section of the board pack."""
    sections = [
        portfolio_section(inputs),
        risks_section(inputs),
        vendors_section(inputs),
        tco_section(inputs),
    ]
    return with_links(sections, board_links())
