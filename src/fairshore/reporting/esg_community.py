"""The ESG summary's community section: the client's own staff, and ethical certificates.

Built from one result object, :class:`CommunityReport`: the register of the client's
staff affected by outsourcing (redeployed, retrained, left, pending; counts per
engagement) and the vendor's ethical certificates (SA8000, B Corp, Fair Trade) as
vetting evidence. A certificate counts only while valid on the period's last day
("an expired or out-of-scope certificate is no evidence", ethics-standards.md), and
only a document provided or verified is evidence; a self-declared one is the vendor's
word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from fairshore import numbers
from fairshore.people.community import SiteCommunity
from fairshore.reporting.esg_inputs import STATUS_WORDS, EvidenceStatus
from fairshore.reporting.figures import figure
from fairshore.reporting.model import Block, Light, Note, Section, Table
from fairshore.sourcing.redeployment import TransitionTotals
from fairshore.vetting.energy import SiteEnergy
from fairshore.vetting.submissions import Evidence

ETHICAL_CERTIFICATES = {
    "sa8000": "SA8000 (Social Accountability International)",
    "b_corp": "B Corp (B Lab)",
    "fair_trade": "Fair Trade",
}


@dataclass(frozen=True)
class Certification:
    """One ethical certificate type of the vendor, as evidence on a day."""

    type: str
    name: str
    status: EvidenceStatus
    detail: str


@dataclass(frozen=True)
class CommunityReport:
    """What the community section shows: staff transitions and ethical certificates."""

    transitions: list[TransitionTotals]
    certifications: list[Certification]
    energy: list[SiteEnergy] = field(default_factory=list)
    declared_renewable: tuple[str, EvidenceStatus] | None = None
    """The vendor's declared renewable share (its answer) and that answer's evidence status."""
    declared_energy: tuple[str, EvidenceStatus] | None = None
    """The vendor's declared kWh per contact handled and its evidence status."""
    sites: list[SiteCommunity] = field(default_factory=list)
    """Local hires and promotions per site, from the rosters."""


def ethical_certifications(documents: Iterable[Evidence], *, as_of: date) -> list[Certification]:
    """Each certificate type with its best document's standing on ``as_of``."""
    docs = list(documents)
    out = []
    for kind, name in ETHICAL_CERTIFICATES.items():
        mine = sorted(
            (d for d in docs if d.type == kind),
            key=lambda d: (d.valid_on(as_of), d.status != "self_declared", d.valid_until or as_of),
        )
        if not mine:
            out.append(Certification(kind, name, "not_available", "no certificate on record"))
            continue
        best = mine[-1]
        until = f"valid until {best.valid_until}" if best.valid_until else "no expiry stated"
        if not best.valid_on(as_of):
            out.append(Certification(kind, name, "not_available", f"{until}: not valid on {as_of}"))
        elif best.status == "self_declared":
            out.append(Certification(kind, name, "declared_without_evidence", f"{until}"))
        else:
            status = best.status.replace("_", " ")
            detail = f"{best.issuer}, {until} ({status})"
            out.append(Certification(kind, name, "declared_with_evidence", detail))
    return out


def community_section(report: CommunityReport, *, period_label: str) -> Section:
    """Staff transitions and ethical certificates, each row with its source."""
    blocks: list[Block] = []
    lights: list[Light] = []
    if report.transitions:
        affected = sum(t.affected for t in report.transitions)
        redeployed = sum(t.redeployed for t in report.transitions)
        share = redeployed / affected
        light: Light = "green" if share >= 0.5 else "amber"
        lights.append(light)
        blocks.append(
            figure(
                "Own staff redeployed",
                share,
                numbers.percent(share),
                light,
                f"{redeployed} of {affected} people whose work moved to the vendor",
            )
        )
        blocks.append(
            Table(
                title="Client staff affected by outsourcing",
                columns=[
                    "engagement",
                    "teams",
                    "affected",
                    "redeployed",
                    "retrained",
                    "left",
                    "pending",
                ],
                rows=[
                    [
                        t.engagement_id,
                        t.teams,
                        t.affected,
                        t.redeployed,
                        t.retrained,
                        t.left,
                        t.pending,
                    ]
                    for t in report.transitions
                ],
                caption="From the client's redeployment register ('fairshore redeployment'), "
                "counts per team, never names.",
            )
        )
    else:
        blocks.append(
            Note(
                text="No redeployment record: what became of the client's staff affected by "
                "this outsourcing is not on record ('fairshore redeployment add').",
                kind="missing_data",
            )
        )
    blocks.append(_energy_block(report))
    blocks.append(_local_block(report.sites, period_label=period_label))
    held = [c for c in report.certifications if c.status == "declared_with_evidence"]
    lights.append("green" if held else "grey")
    blocks.append(
        Table(
            title="Ethical certifications",
            columns=["certificate", "evidence status", "detail"],
            rows=[[c.name, STATUS_WORDS[c.status], c.detail] for c in report.certifications],
            caption=f"Vetting evidence valid on the last day of {period_label}; an expired "
            "certificate is no evidence (ethics-standards.md).",
        )
    )
    worst: Light = "amber" if "amber" in lights else "green" if "green" in lights else "grey"
    return Section(
        id="community", title="Environment measured, community and own staff", light=worst,
        blocks=blocks,
    )  # fmt: skip


def _declared(value: tuple[str, EvidenceStatus] | None, what: str) -> str:
    return f"{value[0]} ({STATUS_WORDS[value[1]]})" if value else f"no {what} declared"


def _energy_block(report: CommunityReport) -> Block:
    energy = _declared(report.declared_energy, "energy per contact")
    renewable = _declared(report.declared_renewable, "renewable share")
    if not report.energy:
        return Note(
            text="Energy not measured: no metering data was uploaded for the vendor's sites "
            f"in this period ('fairshore energy import'); declared: {energy}; renewable "
            f"share {renewable}.",
            kind="missing_data",
        )
    return Table(
        title="Energy per contact handled: measured from metering, beside the declared",
        columns=["site", "months", "kWh", "contacts handled", "kWh per contact",
                 "declared kWh per contact", "renewable share", "declared renewable share",
                 "source"],
        rows=[
            [e.site_id, e.months, round(e.kwh), e.contacts_handled,
             None if e.kwh_per_contact is None else round(e.kwh_per_contact, 3), energy,
             "—" if e.renewable_share is None else numbers.percent(e.renewable_share),
             renewable, ", ".join(e.sources)]
            for e in report.energy
        ],
        caption="Measured: the vendor's uploaded meter or invoice readings over the contacts "
        "its sites handled in the same months (months without a reading are left out). "
        "Declared: the vendor's questionnaire answers for all its sites, with their evidence "
        "status; neither replaces the other.",
    )  # fmt: skip


def _share(part: int, whole: int) -> str:
    return numbers.percent(part / whole) if whole else "—"


def _local_block(sites: list[SiteCommunity], *, period_label: str) -> Block:
    if not sites:
        return Note(
            text=f"Local hires and promotions not measured: no roster rows for {period_label}.",
            kind="missing_data",
        )
    return Table(
        title="Local hires and promotions per site (from the roster)",
        columns=["site", "location", "hires", "local hires", "home not stated", "promotions",
                 "leaders in post", "promoted from within"],
        rows=[
            [s.site_id, s.location, s.hires,
             f"{s.local_hires} ({_share(s.local_hires, s.home_stated)})",
             s.hires - s.home_stated, s.promotions, s.leaders,
             f"{s.leaders_from_within} ({_share(s.leaders_from_within, s.leaders)})"]
            for s in sites
        ],
        caption=f"Hires in {period_label} whose home (roster 'home_location') is in the site's "
        "city or region, as a share of the hires that state one; promotions: roster "
        "'promoted_on' in the period; leaders (any role but agent) in post on its last day "
        "and how many were promoted from an agent post.",
    )  # fmt: skip
