"""Worker pulse use cases: take an anonymous answer, report eNPS against the declaration."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from fairshore.adapters.db import pulse_repository as repo
from fairshore.engagements import services as engagements
from fairshore.errors import NotFoundError
from fairshore.people import pulse
from fairshore.people.sources import engagement_sites, today_utc
from fairshore.people.voice import K_ANONYMITY

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

# A rubric question whose claim has this key declares the vendor's eNPS (points).
ENPS_CLAIM = "enps"


def submit_pulse(
    ws: Workspace,
    engagement_id: str,
    *,
    score: int,
    site_id: str | None = None,
    today: date | None = None,
) -> pulse.PulseResponse:
    """Record one anonymous pulse answer in ``today``'s quarter."""
    engagement = engagements.get_engagement(ws, engagement_id)
    if site_id is not None and site_id not in {s.id for s in engagement_sites(ws, engagement)}:
        raise NotFoundError(f"site {site_id!r} is not a site of engagement {engagement_id}")
    response = pulse.new_response(
        engagement_id=engagement_id, site_id=site_id, score=score, today=today or today_utc()
    )
    with ws.db.begin() as conn:
        repo.insert_response(conn, ws.organisation_id, response)
    return response


def declared_enps(ws: Workspace, vendor_id: str) -> tuple[float | None, str]:
    """The eNPS the vendor declared in its questionnaire, and where (None: none declared)."""
    from fairshore.vetting.claims import declared_figure  # vetting reads people: lazily
    from fairshore.vetting.rubric import get_rubric
    from fairshore.vetting.services.assessments import load_assessment

    rubric = get_rubric()
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    for q in rubric.questions:
        answer = assessment.answers.get(q.id)
        if q.claim is None or q.claim.key != ENPS_CLAIM or answer is None or answer.na:
            continue
        figure = declared_figure(q.claim, answer.value)
        if figure is not None:
            return float(figure), f"questionnaire {rubric.id} v{rubric.version}, {q.id}"
    return None, f"questionnaire {rubric.id} v{rubric.version}: no eNPS declared"


def pulse_of(ws: Workspace, engagement_id: str, *, k: int = K_ANONYMITY) -> pulse.PulseReport:
    """An engagement's pulse by quarter, k-anonymous, beside the vendor's declared eNPS."""
    engagement = engagements.get_engagement(ws, engagement_id)
    with ws.db.begin() as conn:
        responses = repo.list_responses(conn, ws.organisation_id, engagement_id)
    declared, source = declared_enps(ws, engagement.vendor_id)
    return pulse.pulse_report(
        engagement_id, responses, declared=declared, declared_source=source, k=k
    )
