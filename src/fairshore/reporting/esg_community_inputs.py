"""What the ESG summary's community section is built from: one ``CommunityReport``."""

from __future__ import annotations

from datetime import date

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as engagements
from fairshore.engagements.model import Engagement
from fairshore.metrics.periods import Period, parse_period
from fairshore.metrics.services import compute_kpis
from fairshore.people.services import vendor_site_community
from fairshore.reporting.esg_community import CommunityReport, ethical_certifications
from fairshore.reporting.esg_inputs import Declaration
from fairshore.sourcing.redeployment import totals
from fairshore.sourcing.transition_services import list_transitions
from fairshore.vetting.energy import SiteEnergy, site_energy
from fairshore.vetting.energy_services import list_energy
from fairshore.vetting.services import list_evidence

RENEWABLE_QUESTION = "env.renewable-share"  # rubric ethical-bpo: share of site electricity
ENERGY_QUESTION = "env.energy-per-contact"  # rubric ethical-bpo@2: kWh per contact handled


def community_report(
    ws: Workspace, vendor_id: str, span: Period, declared: list[Declaration]
) -> CommunityReport:
    """Staff transitions, ethical certificates and metered energy of one vendor in ``span``."""
    mine = engagements.list_engagements(ws, vendor_id)
    ids = {e.id for e in mine}
    transitions = [t for t in list_transitions(ws) if t.engagement_id in ids]
    answers = {d.question_id: (d.answer, d.status) for d in declared}
    return CommunityReport(
        transitions=totals(transitions),
        certifications=ethical_certifications(list_evidence(ws, vendor_id), as_of=span.last_day),
        energy=_energy(ws, mine, span),
        declared_renewable=answers.get(RENEWABLE_QUESTION),
        declared_energy=answers.get(ENERGY_QUESTION),
        sites=vendor_site_community(ws, vendor_id, span),
    )


def _energy(ws: Workspace, mine: list[Engagement], span: Period) -> list[SiteEnergy]:
    """Each site's readings in the period over the contacts its engagements handled then."""
    sites = sorted({s for e in mine for s in e.site_ids})
    readings = [
        r for r in list_energy(ws, sites) if span.contains(date.fromisoformat(f"{r.month}-01"))
    ]
    handled = _handled(ws, [e.id for e in mine], sorted({r.month for r in readings}))
    out = []
    for site in sites:
        own = [r for r in readings if r.site_id == site]
        if not own:
            continue
        served = [e.id for e in mine if site in e.site_ids]
        counts = {r.month: sum(handled.get((e, r.month), 0) for e in served) for r in own}
        out.append(site_energy(own, counts))
    return out


def _handled(
    ws: Workspace, engagement_ids: list[str], months: list[str]
) -> dict[tuple[str, str], int]:
    """The KPI service's own count of handled contacts per engagement and calendar month
    (UTC, as a month's span): one query per engagement, grouped by month."""
    if not months:
        return {}
    start, end = parse_period(months[0]).start_at, parse_period(months[-1]).end_at
    out: dict[tuple[str, str], int] = {}
    for eid in engagement_ids:
        if ws.lake_reader.has_rows("interactions", eid):
            kpis = compute_kpis(ws, engagement_id=eid, by=["month"], start=start, end=end)
            out |= {(eid, str(row.period)): row.handled for row in kpis.rows}
    return out
