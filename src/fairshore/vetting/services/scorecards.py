"""Use cases of scoring: measure the claims, score by the evidence, rank."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from fairshore.adapters.db import vetting_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.contracts.providers import measure_clause
from fairshore.errors import FairshoreError
from fairshore.governance.model import Finding
from fairshore.metrics.periods import Period, month_of, period_between
from fairshore.people.services import people_pay
from fairshore.vetting import claims, ranking, scoring
from fairshore.vetting.measured import ClaimCheck, MeasuredFigure
from fairshore.vetting.methods import DEFAULT_METHOD, get_method
from fairshore.vetting.model import MeasuredFigures, Score, Scorecard
from fairshore.vetting.rubric import DEFAULT_RUBRIC, get_rubric
from fairshore.vetting.services.assessments import load_assessment
from fairshore.vetting.services.contests import upheld_measurement_contests
from fairshore.vetting.services.documents import list_evidence

# Claims are measured over the twelve months up to the day judged: the questionnaire
# asks for figures "over the last 12 months" (lab.attrition, lab.overtime).
MEASURED_MONTHS = 12


def measured_period(as_of: date) -> Period:
    """The twelve months up to and including ``as_of`` (from the first of the month)."""
    start = month_of(as_of).shift(-(MEASURED_MONTHS - 1)).start
    return period_between(start, as_of)


def measure_claims(ws: Workspace, engagement_id: str, *, period: Period) -> MeasuredFigures:
    """What an engagement's data shows over ``period`` for every claim the rubric checks
    (through the contract clause providers: people and privacy are their home).

    Inside ``ws.reading()`` (a report) an engagement's period is measured once: the ESG
    summary's claims and its scorecard read the same figures."""
    return ws.kept(
        ("measure_claims", engagement_id, period),
        lambda: _measure_claims(ws, engagement_id, period),
    )


def _measure_claims(ws: Workspace, engagement_id: str, period: Period) -> MeasuredFigures:
    first, last = period.start, period.last_day
    with ws.reading():  # the living-wage clause and the share below read one measured pay
        measured = claims.measured_from_clauses(
            {k: measure_clause(ws, k, engagement_id, first, last) for k in claims.CLAUSE_TO_CLAIM},
            engagement_id=engagement_id,
            period=period.label,
            source=f"{engagement_id}, {period.label}",
        )
        share = _living_wage_share(ws, engagement_id, period)
    if share is None:
        return measured
    return replace(measured, figures={**measured.figures, "living_wage_share": share})


def _living_wage_share(ws: Workspace, engagement_id: str, period: Period) -> MeasuredFigure | None:
    # No contract clause measures this share, so the people report's pay does.
    try:
        return claims.living_wage_share(people_pay(ws, engagement_id, period=period).pay.sites)
    except FairshoreError:
        return None


def vendor_claims(
    ws: Workspace, vendor_id: str, *, engagement_ids: Sequence[str], period: Period
) -> list[ClaimCheck]:
    """The vendor's declared figures against its engagements' data over ``period``.

    This is the one count of contradicted claims: the board pack, the ESG summary and
    the scorecard pages show it (``claims.contradicted_count``).
    """
    if vendor_id not in assessed_vendors(ws):
        return []
    measured = [measure_claims(ws, e, period=period) for e in engagement_ids]
    return worst_claims(ws, vendor_id, measured)


def worst_claims(
    ws: Workspace, vendor_id: str, measured: Sequence[MeasuredFigures]
) -> list[ClaimCheck]:
    """One check per claim over several engagements' figures (``claims.worst``)."""
    rubric = get_rubric()
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    return claims.worst([claims.compare(rubric, assessment, figures) for figures in measured])


def measure_vendor(
    ws: Workspace,
    vendor_id: str,
    *,
    period: Period,
    known: Mapping[str, MeasuredFigures] | None = None,
) -> MeasuredFigures:
    """Each claim's least favourable figure across the vendor's engagements over ``period``.

    ``known`` holds engagements' figures already measured over ``period``
    (:func:`measure_claims`); an engagement missing from it is measured here.
    """
    from fairshore.engagements import services as engagements

    known = known or {}
    found = [
        known[e.id] if e.id in known else measure_claims(ws, e.id, period=period)
        for e in engagements.list_engagements(ws, vendor_id)
    ]
    measured = [m for m in found if m.figures]
    return claims.worst_of(get_rubric(), measured) if measured else MeasuredFigures()


def scorecard(
    ws: Workspace,
    vendor_id: str,
    *,
    as_of: date,
    method: str = DEFAULT_METHOD,
    rubric_id: str = DEFAULT_RUBRIC,
    warn_days: int = 60,
    measured: MeasuredFigures | None = None,
) -> Scorecard:
    """The vendor's verdict on ``as_of``: scored by the evidence, beside its answers alone.

    ``measured`` defaults to the vendor's data over the twelve months up to ``as_of``.
    """
    rubric = get_rubric(rubric_id)
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    documents = list_evidence(ws, vendor_id)
    if measured is None:
        measured = measure_vendor(ws, vendor_id, period=measured_period(as_of))
    aside = upheld_measurement_contests(ws, vendor_id)
    chosen = get_method(method)

    def score(figures: MeasuredFigures | None) -> Score:
        return scoring.score(
            rubric,
            assessment,
            documents,
            method=chosen,
            as_of=as_of,
            warn_days=warn_days,
            measured=figures,
            set_aside=aside,
        )

    return Scorecard(
        vendor_id=vendor_id,
        as_of=as_of,
        adjusted=score(measured),
        declared=score(None),
        claims=tuple(claims.compare(rubric, assessment, measured, set_aside=aside)),
        measured_over=measured.period if measured.figures else None,
    )


def score_vendor(
    ws: Workspace,
    vendor_id: str,
    *,
    method: str = DEFAULT_METHOD,
    as_of: date,
    rubric_id: str = DEFAULT_RUBRIC,
    warn_days: int = 60,
) -> Score:
    """The vendor's evidence-adjusted score on ``as_of`` (see :func:`scorecard`)."""
    card = scorecard(
        ws, vendor_id, as_of=as_of, method=method, rubric_id=rubric_id, warn_days=warn_days
    )
    return card.adjusted


def assessed_vendors(ws: Workspace) -> list[str]:
    """Vendors with an assessment, by id."""
    with ws.db.begin() as conn:
        return sorted({r["vendor_id"] for r in repo.list_assessments(conn, ws.organisation_id)})


def rank_vendors(
    ws: Workspace,
    *,
    method: str = DEFAULT_METHOD,
    as_of: date,
    rubric_id: str = DEFAULT_RUBRIC,
    draws: int = 1000,
    spread: float = 0.5,
    seed: int = 20251101,
    measured: Mapping[str, MeasuredFigures] | None = None,
) -> ranking.Ranking:
    """Rank every assessed vendor by its evidence-adjusted score, and measure how robust
    first place is to the weights; each row keeps the declared-only total beside it.

    ``measured`` holds vendors' figures already measured over the twelve months up to
    ``as_of`` (:func:`measure_vendor`); a vendor missing from it is measured here.
    """
    rubric = get_rubric(rubric_id)
    chosen = get_method(method)
    known = measured or {}
    cards = [
        scorecard(ws, v, method=method, as_of=as_of, rubric_id=rubric_id, measured=known.get(v))
        for v in assessed_vendors(ws)
    ]
    ranked = ranking.rank(
        rubric,
        [c.adjusted for c in cards],
        draws=draws,
        spread=spread,
        seed=seed,
        pillar_weighted=chosen.pillar_weighted,
    )
    declared = {c.vendor_id: c.declared.total for c in cards}
    contradicted = {c.vendor_id: len(c.contradicted) for c in cards}
    rows = tuple(
        replace(r, declared_total=declared[r.vendor_id], contradicted=contradicted[r.vendor_id])
        for r in ranked.rows
    )
    return replace(ranked, rows=rows)


def check_claims(
    ws: Workspace, vendor_id: str, measured: MeasuredFigures, *, as_of: date
) -> list[Finding]:
    """Integrity findings where measured figures contradict the vendor's declared ones."""
    rubric = get_rubric()
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    aside = upheld_measurement_contests(ws, vendor_id)
    return claims.integrity_findings(
        rubric, assessment, measured, observed_on=as_of, set_aside=aside
    )


def compare_claims(
    ws: Workspace, vendor_id: str, measured: MeasuredFigures
) -> list[claims.ClaimCheck]:
    """Every declared figure next to its measurement, contradicted or not."""
    rubric = get_rubric()
    aside = upheld_measurement_contests(ws, vendor_id)
    assessment = load_assessment(ws, vendor_id, rubric=rubric)
    return claims.compare(rubric, assessment, measured, set_aside=aside)
