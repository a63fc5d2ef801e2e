"""The worker pulse: a short eNPS survey each quarter through the worker-voice channel.

One question, asked anonymously on the public worker-voice page: "How likely are you
to recommend working here to a friend?" from 0 to 10. A response keeps the
engagement, the quarter, the score and, when the worker names it, the site: no date,
no time, no name, account or address, so it cannot be matched to a person or a shift.

eNPS = % promoters (9-10) - % detractors (0-6), from -100 to +100
(kpi-definitions.md, NPS, applied to employees). Results are k-anonymous, as the
grievance aggregates are (``voice.K_ANONYMITY``): a quarter (or a site's quarter)
with fewer than k responses shows no score, only that it is suppressed; there is
never a per-agent figure. The result is set beside what the vendor declared about
its people's engagement.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from fairshore.errors import InputError
from fairshore.metrics.periods import parse_period, quarter_of
from fairshore.people.voice import K_ANONYMITY

QUESTION = "How likely are you to recommend working here to a friend?"
PROMOTER_FROM = 9
DETRACTOR_UP_TO = 6


def quarter_label(day: date) -> str:
    """``2026-Q3`` for any day of July to September 2026."""
    return quarter_of(day).label


class PulseResponse(BaseModel):
    """One anonymous answer: the quarter, the score and optionally the site."""

    model_config = ConfigDict(frozen=True)

    id: str
    engagement_id: str
    site_id: str | None
    quarter: str

    @field_validator("quarter")
    @classmethod
    def _a_quarter(cls, value: str) -> str:
        if parse_period(value).kind != "quarter":
            raise ValueError(f"{value!r} is not a quarter (2026-Q3)")
        return value

    score: int = Field(ge=0, le=10)


def new_response(
    *, engagement_id: str, site_id: str | None, score: int, today: date
) -> PulseResponse:
    """A response of ``today``'s quarter; a score outside 0-10 is refused."""
    if not 0 <= score <= 10:
        raise InputError("choose a score from 0 to 10")
    return PulseResponse(
        id=secrets.token_hex(8),
        engagement_id=engagement_id,
        site_id=site_id,
        quarter=quarter_label(today),
        score=score,
    )


class PulseGroup(BaseModel):
    """The eNPS of one quarter (and site): suppressed below k responses."""

    model_config = ConfigDict(frozen=True)

    quarter: str
    site_id: str | None = None
    responses: int | None
    """None when suppressed (fewer than k)."""
    enps: float | None
    promoters: float | None
    detractors: float | None
    suppressed: bool


class PulseReport(BaseModel):
    """An engagement's pulse by quarter, by site where k allows, against the declaration."""

    model_config = ConfigDict(frozen=True)

    engagement_id: str
    question: str = QUESTION
    k: int
    quarters: list[PulseGroup]
    sites: list[PulseGroup]
    declared_enps: float | None = None
    declared_source: str = ""
    gap: float | None = None
    """Latest unsuppressed quarter's eNPS minus the declared figure (points)."""


def enps(scores: Sequence[int], *, quarter: str, site_id: str | None, k: int) -> PulseGroup:
    """The eNPS of ``scores``; fewer than ``k``: suppressed, no count and no score.

    Examples
    --------
    >>> enps([10, 9, 8, 7, 3], quarter="2026-Q3", site_id=None, k=5).enps
    20.0
    """
    n = len(scores)
    if n < k:
        return PulseGroup(
            quarter=quarter,
            site_id=site_id,
            responses=None,
            enps=None,
            promoters=None,
            detractors=None,
            suppressed=True,
        )
    promoters = sum(s >= PROMOTER_FROM for s in scores)
    detractors = sum(s <= DETRACTOR_UP_TO for s in scores)
    return PulseGroup(
        quarter=quarter,
        site_id=site_id,
        responses=n,
        enps=100 * (promoters - detractors) / n,
        promoters=promoters / n,
        detractors=detractors / n,
        suppressed=False,
    )


def pulse_report(
    engagement_id: str,
    responses: Sequence[PulseResponse],
    *,
    declared: float | None = None,
    declared_source: str = "",
    k: int = K_ANONYMITY,
) -> PulseReport:
    """The pulse by quarter and by site's quarter, with small groups suppressed.

    A site's groups are shown only when none of its quarters would reveal a group under
    ``k`` by subtraction from the quarter's total: every site of a quarter must reach k,
    else all that quarter's site rows are suppressed.
    """
    quarters = sorted({r.quarter for r in responses})
    overall = [
        enps([r.score for r in responses if r.quarter == q], quarter=q, site_id=None, k=k)
        for q in quarters
    ]
    sites: list[PulseGroup] = []
    for q in quarters:
        mine = [r for r in responses if r.quarter == q]
        names = sorted({r.site_id or "not given" for r in mine})
        groups = {s: [r.score for r in mine if (r.site_id or "not given") == s] for s in names}
        hide = any(len(v) < k for v in groups.values())
        sites += [enps([] if hide else v, quarter=q, site_id=s, k=k) for s, v in groups.items()]
    shown = [g for g in overall if g.enps is not None]
    gap = None if declared is None or not shown else (shown[-1].enps or 0) - declared
    return PulseReport(
        engagement_id=engagement_id,
        k=k,
        quarters=overall,
        sites=sites if len({s.site_id for s in sites}) > 1 else [],
        declared_enps=declared,
        declared_source=declared_source,
        gap=gap,
    )
