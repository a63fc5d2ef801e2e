"""What the sourcing pages and their API share: vendor scorecards and TCO scenarios."""

from __future__ import annotations

from datetime import date
from typing import Any

from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement
from fairshore.entrypoints.web.lake_memo import MEMO, lake_stamp, memo_key
from fairshore.entrypoints.web.public import present
from fairshore.entrypoints.web.schemas_analytics import (
    ClaimPublic,
    PillarPublic,
    RankingPublic,
    RankRowPublic,
    ScorecardPublic,
    ScoreLinePublic,
    TcoOptionPublic,
    TcoPublic,
)
from fairshore.vetting.model import MeasuredFigures
from fairshore.vetting.scores import RuleHit

# --- Vendor scorecards --------------------------------------------------------------

RANK_DRAWS = 500  # perturbed-weight draws behind each vendor's share of first places


def ranking_view(
    ws: Workspace, *, as_of: date, vendor_names: dict[str, str], only: str | None = None
) -> RankingPublic:
    """Every assessed vendor side by side (``only``: keep that vendor's row alone)."""
    from fairshore.vetting import services as vetting
    from fairshore.vetting.rubric import get_rubric

    rubric = get_rubric()
    pillars = [
        PillarPublic(pillar_id=p.id, title=p.title, score=None, weight_share=0, points=0)
        for p in rubric.pillars
    ]

    from fairshore.engagements.services import list_engagements

    engagements = list_engagements(ws)
    stamp = lake_stamp(ws, [e.id for e in engagements])

    def compute() -> Any:
        assessed = vetting.assessed_vendors(ws)
        if not assessed:
            return None
        measured = {
            v: measured_claims(ws, vendor_id=v, as_of=as_of, stamp=_stamp_of(stamp, engagements, v))
            for v in assessed
        }
        return vetting.rank_vendors(ws, as_of=as_of, draws=RANK_DRAWS, measured=measured)

    # Scores read answers, scope, evidence, contests, incidents and the measured lake: kept
    # while no register and none of the lake's files changes.
    key = memo_key(ws, "ranking", None, as_of, RANK_DRAWS)
    ranked = MEMO.get(key, (ws.registers_version(), stamp), compute)
    if ranked is None:
        return RankingPublic(
            status="no_data", as_of=as_of, method="weighted", draws=0, pillars=pillars, rows=[]
        )
    rows = [
        present(RankRowPublic, r, vendor_name=vendor_names.get(r.vendor_id, r.vendor_id))
        for r in ranked.rows
        if only is None or r.vendor_id == only
    ]
    return RankingPublic(
        status="ok" if rows else "no_data",
        as_of=as_of,
        method=ranked.method,
        draws=ranked.draws,
        pillars=pillars,
        rows=rows,
    )


def measured_claims(
    ws: Workspace, *, vendor_id: str, as_of: date, stamp: tuple[Any, ...]
) -> MeasuredFigures:
    """What the vendor's data shows for its claims over the twelve months to ``as_of``.

    Kept while the lake files of its engagements (``stamp``, from :func:`lake_stamp`) are
    unchanged: a new answer, document or contest rescores the vendors without reading
    the lake again, which is most of a scorecard's cost.
    """
    from fairshore.vetting import services as vetting

    period = vetting.measured_period(as_of)
    return MEMO.get(
        memo_key(ws, "measured-claims", None, vendor_id, as_of),
        stamp,
        lambda: vetting.measure_vendor(ws, vendor_id, period=period),
    )


def _stamp_of(
    stamp: tuple[Any, ...], engagements: list[Engagement], vendor_id: str
) -> tuple[Any, ...]:
    """The part of a :func:`lake_stamp` of several engagements that is the vendor's."""
    mine = {e.id for e in engagements if e.vendor_id == vendor_id}
    return tuple(s for s in stamp if s[0] in mine)


def _answer_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _hits(hits: tuple[RuleHit, ...]) -> list[str]:
    return [f"{h.title} ({h.basis}: {h.detail})" if h.detail else h.title for h in hits]


def _answer_of(answers: dict[str, Any], question_id: str) -> str | None:
    if question_id not in answers:
        return None
    answer = answers[question_id]
    return "n/a" if answer.na else _answer_text(answer.value)


def scorecard_view(
    ws: Workspace, *, vendor_id: str, vendor_name: str, as_of: date, engagements: list[Engagement]
) -> ScorecardPublic:
    """A vendor's evidence-adjusted score, answer by answer, with each claim beside its
    measurement and the answers-only score beside the total.

    Kept while the registers (answers, evidence, contests, incidents ...) and the
    engagements' lake files are unchanged (the measured claims read the lake).
    """
    ids = tuple(e.id for e in engagements)
    lake = lake_stamp(ws, ids)
    return MEMO.get(
        memo_key(ws, "scorecard", None, vendor_id, vendor_name, as_of, ids),
        (ws.registers_version(), lake),
        lambda: _scorecard(
            ws, vendor_id=vendor_id, vendor_name=vendor_name, as_of=as_of, lake=lake
        ),
    )


def _scorecard(
    ws: Workspace, *, vendor_id: str, vendor_name: str, as_of: date, lake: tuple[Any, ...]
) -> ScorecardPublic:
    from fairshore.vetting import services as vetting
    from fairshore.vetting.rubric import get_rubric

    if vendor_id not in vetting.assessed_vendors(ws):
        return ScorecardPublic(
            vendor_id=vendor_id, vendor_name=vendor_name, status="no_data", as_of=as_of
        )
    rubric = get_rubric()
    measured = measured_claims(ws, vendor_id=vendor_id, as_of=as_of, stamp=lake)
    card = vetting.scorecard(ws, vendor_id, as_of=as_of, measured=measured)
    score = card.adjusted
    answers = vetting.load_assessment(ws, vendor_id, rubric=rubric).answers
    claims = {c.question_id: present(ClaimPublic, c) for c in card.claims}
    texts = {q.id: q.text for q in rubric.questions}
    lines = [
        present(
            ScoreLinePublic,
            c,
            question=texts.get(c.question_id, c.question_id),
            answer=_answer_of(answers, c.question_id),
            claim=claims.get(c.question_id),
        )
        for c in score.contributions
    ]
    return ScorecardPublic(
        vendor_id=vendor_id,
        vendor_name=vendor_name,
        status="ok",
        as_of=as_of,
        method=score.method,
        rubric=score.rubric,
        total=float(score.total),
        band=score.band,
        eligible=score.eligible,
        confidence=float(score.confidence),
        pillars=[present(PillarPublic, p) for p in score.pillars],
        lines=lines,
        red_flags=_hits(score.red_flags),
        green_lights=_hits(score.green_lights),
        knock_outs=_hits(score.knock_outs),
        expiry_warnings=[
            f"{w.type} ({w.sha256[:12]}) valid until {w.valid_until}: {w.days_left} days left"
            for w in score.expiry_warnings
        ],
        claims_period=card.measured_over,
        declared_total=round(float(card.declared.total), 2),
        declared_band=card.declared.band,
        declared_red_flags=_hits(card.declared.red_flags),
        declared_green_lights=_hits(card.declared.green_lights),
    )


# --- Total cost of ownership ------------------------------------------------------------


TCO_RUNS, TCO_SEED = 1000, 1


def tco_report(ws: Workspace) -> Any:
    """The packaged TCO scenario with P10-P90 ranges, at measured pay where payroll exists.

    Kept per workspace until its payroll files change (the same computation as the
    board pack and ``fairshore tco``).
    """
    from fairshore.costs.services import compare_scenario

    return MEMO.get(
        memo_key(ws, "tco", None, TCO_RUNS, TCO_SEED),
        lake_stamp(ws, [None]),
        lambda: compare_scenario(None, runs=TCO_RUNS, seed=TCO_SEED, ws=ws),
    )


def tco_view(ws: Workspace) -> TcoPublic:
    report = tco_report(ws)
    return present(
        TcoPublic,
        report,
        options=[
            present(
                TcoOptionPublic,
                o,
                living_wage_premium=o.lines.get("ethical_premium", 0.0),
                annual_cost_p10=o.annual_cost_range.p10 if o.annual_cost_range else None,
                annual_cost_p90=o.annual_cost_range.p90 if o.annual_cost_range else None,
            )
            for o in report.options
        ],
    )
