"""What the sourcing pages and their API share: vendor scorecards and TCO scenarios."""

from __future__ import annotations

from datetime import date
from typing import Any

from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement
from fairshore.entrypoints.web.lake_memo import MEMO, lake_stamp, memo_key, num
from fairshore.entrypoints.web.schemas_analytics import (
    ClaimPublic,
    PillarPublic,
    RankingPublic,
    RankRowPublic,
    ScorecardPublic,
    ScoreLinePublic,
    TcoBenchmarkPublic,
    TcoOptionPublic,
    TcoPublic,
)
from fairshore.vetting.measured import ClaimCheck
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
        PillarPublic(pillar_id=p.id, title=p.title, score=None, weight_share=0.0, points=0.0)
        for p in rubric.pillars
    ]

    from fairshore.engagements.services import list_engagements

    def compute() -> Any:
        assessed = vetting.assessed_vendors(ws)
        return vetting.rank_vendors(ws, as_of=as_of, draws=RANK_DRAWS) if assessed else None

    # Scores read answers, scope, evidence, contests and the measured lake: kept while
    # none of them changes.
    key = memo_key(ws, "ranking", None, as_of, RANK_DRAWS)
    ids = [e.id for e in list_engagements(ws)]
    ranked = MEMO.get(key, (vetting.data_version(ws), lake_stamp(ws, ids)), compute)
    if ranked is None:
        return RankingPublic(
            status="no_data", as_of=as_of, method="weighted", draws=0, pillars=pillars, rows=[]
        )
    rows = [
        RankRowPublic(
            vendor_id=r.vendor_id,
            vendor_name=vendor_names.get(r.vendor_id, r.vendor_id),
            rank=r.rank,
            total=float(r.total),
            band=r.band,
            eligible=r.eligible,
            first_share=r.first_share,
            pillars={k: num(v) for k, v in r.pillars.items()},
            declared_total=num(r.declared_total),
            contradicted=r.contradicted,
        )
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


def _answer_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _claim(c: ClaimCheck) -> ClaimPublic:
    return ClaimPublic(
        key=c.key,
        label=c.label,
        declared=float(c.declared),
        measured=float(c.measured),
        unit=c.unit,
        source=c.source,
        contradicted=c.contradicted,
        set_aside=c.set_aside,
    )


def _hits(hits: tuple[RuleHit, ...]) -> list[str]:
    return [f"{h.title} ({h.basis}: {h.detail})" if h.detail else h.title for h in hits]


def scorecard_view(
    ws: Workspace, *, vendor_id: str, vendor_name: str, as_of: date, engagements: list[Engagement]
) -> ScorecardPublic:
    """A vendor's evidence-adjusted score, answer by answer, with each claim beside its
    measurement and the answers-only score beside the total.

    Kept while the organisation's answers and evidence and the engagements' lake files
    are unchanged (the score reads the first two, the measured claims the lake).
    """
    from fairshore.vetting import services as vetting

    ids = tuple(e.id for e in engagements)
    stamp = (vetting.data_version(ws), lake_stamp(ws, ids))
    return MEMO.get(
        memo_key(ws, "scorecard", None, vendor_id, vendor_name, as_of, ids),
        stamp,
        lambda: _scorecard(
            ws, vendor_id=vendor_id, vendor_name=vendor_name, as_of=as_of, engagements=engagements
        ),
    )


def _scorecard(
    ws: Workspace, *, vendor_id: str, vendor_name: str, as_of: date, engagements: list[Engagement]
) -> ScorecardPublic:
    from fairshore.vetting import services as vetting
    from fairshore.vetting.rubric import get_rubric

    if vendor_id not in vetting.assessed_vendors(ws):
        return ScorecardPublic(
            vendor_id=vendor_id, vendor_name=vendor_name, status="no_data", as_of=as_of
        )
    rubric = get_rubric()
    card = vetting.scorecard(ws, vendor_id, as_of=as_of)
    score = card.adjusted
    answers = vetting.load_assessment(ws, vendor_id, rubric=rubric).answers
    claims = {c.question_id: _claim(c) for c in card.claims}
    texts = {q.id: q.text for q in rubric.questions}
    lines = [
        ScoreLinePublic(
            question_id=c.question_id,
            pillar_id=c.pillar_id,
            question=texts.get(c.question_id, c.question_id),
            answer=(
                "n/a"
                if c.question_id in answers and answers[c.question_id].na
                else _answer_text(answers[c.question_id].value)
                if c.question_id in answers
                else None
            ),
            status=c.status,
            evidence=c.evidence,
            credit=float(c.credit),
            evidence_factor=float(c.evidence_factor),
            points=round(float(c.points), 2),
            note=c.note,
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
        total=round(float(score.total), 2),
        band=score.band,
        eligible=score.eligible,
        confidence=float(score.confidence),
        pillars=[
            PillarPublic(
                pillar_id=p.pillar_id,
                title=p.title,
                score=num(p.score),
                weight_share=float(p.weight_share),
                points=float(p.points),
            )
            for p in score.pillars
        ],
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
    return TcoPublic(
        scenario=report.scenario,
        currency=report.currency,
        baseline=report.baseline,
        runs=report.runs,
        fx_as_of=report.fx_as_of,
        fx_source=report.fx_source,
        options=[
            TcoOptionPublic(
                option_id=o.option_id,
                label=o.label,
                agents=o.agents,
                fte=o.fte,
                lines=o.lines,
                annual_cost=o.annual_cost,
                living_wage_premium=o.lines.get("ethical_premium", 0.0),
                transition_cost=o.transition_cost,
                savings=o.savings,
                payback_months=num(o.payback_months),
                annual_cost_p10=o.annual_cost_range.p10 if o.annual_cost_range else None,
                annual_cost_p90=o.annual_cost_range.p90 if o.annual_cost_range else None,
            )
            for o in report.options
        ],
        benchmarks=[TcoBenchmarkPublic.model_validate(b.model_dump()) for b in report.benchmarks],
        pay=report.pay,
    )
