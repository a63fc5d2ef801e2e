"""Judging a contract over a period: status, margin and service credits (pure functions).

Rules (also in ``docs/contracts.md``):

- A term is ``insufficient_data`` when its sample is below ``min_sample`` or the
  KPI has no value; ``not_measurable`` when no provider can measure an ethical
  clause yet; otherwise ``met`` or ``breached`` by its comparator. Only a breach
  owes a credit: ``credit_share`` x monthly fee x months in the period.
- Ethical clauses are judged by month: a quarter's evaluation holds its quarterly
  service terms only (its months already judge the clauses; judging them twice would
  credit them twice).
- Credits of a period are capped at ``cap_share`` x the period's fee.
- Earn-back over N periods: the credit of a service term breached in period B is
  earned back in period B+N when that term is ``met`` in every period B+1 .. B+N.
  The amount returned is B's credit for that term scaled by B's cap
  (``min(1, cap / B's service credits)``). ``net_credit`` = capped credits of the
  period - credits earned back in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fairshore.contracts.model import (
    ETHICAL_COMPARATORS,
    ClauseMeasurement,
    Comparator,
    Contract,
    Evaluation,
    EvidenceRow,
    PeriodEvaluation,
    ServiceTerm,
    Status,
    TermResult,
    UnjudgedTerm,
)
from fairshore.metrics.model import KpiRow
from fairshore.metrics.periods import Period
from fairshore.quality.figures import QA_TERM_METRICS
from fairshore.quality.model import QaFigures


def _outcome(row: KpiRow) -> int:
    return row.answered + row.abandoned


# Metric -> the sample its value rests on (what min_sample is compared with).
_SAMPLES: dict[str, Callable[[KpiRow], int]] = {
    "sl_interval_share": lambda r: r.sl_intervals,
    "mean_time_to_abandon_s": lambda r: r.abandoned,
    "aht_s": lambda r: r.handled,
    "reopen_rate": lambda r: r.resolved,
    "csat_top2": lambda r: r.csat_responses,
    "nps": lambda r: r.nps_responses,
}
_OUTCOME_METRICS = (
    "service_level",
    "sl_v1",
    "sl_v2",
    "sl_v3",
    "sl_v4",
    "sl_v5",
    "mean_wait_s",
    "wait_median_s",
    "wait_p90_s",
    "abandon_rate",
    "abandon_rate_short_adjusted",
)
_SAMPLES |= dict.fromkeys(_OUTCOME_METRICS, _outcome)
_SAMPLES |= dict.fromkeys(
    (
        "resolution_s",
        "resolution_median_s",
        "resolution_p90_s",
        "resolution_business_s",
        "resolution_business_median_s",
        "resolution_business_p90_s",
    ),
    _SAMPLES["reopen_rate"],
)


def _answered(row: KpiRow) -> int:
    return row.answered


def sample_size(row: KpiRow | QaFigures | None, metric: str) -> int:
    """The number of contacts (or intervals, responses) behind ``metric`` in ``row``."""
    if row is None:
        return 0
    if isinstance(row, QaFigures):  # evaluations, or active agent-months for coverage
        return int(row.metric(QA_TERM_METRICS[metric]) or 0)
    if metric in ("offered", "answered", "abandoned", "short_abandons", "handled", "resolved"):
        return row.offered
    return _SAMPLES.get(metric, _answered)(row)


def compare(value: float, comparator: Comparator, target: float) -> bool:
    """True when ``value comparator target`` holds."""
    return {
        ">=": value >= target,
        "<=": value <= target,
        ">": value > target,
        "<": value < target,
    }[comparator]


def margin(value: float, comparator: Comparator, target: float) -> float:
    """Headroom: positive when met with room to spare, negative when breached."""
    return value - target if comparator in (">=", ">") else target - value


def judge(
    value: float | None,
    /,
    *,
    comparator: Comparator,
    target: float,
    sample: int,
    min_sample: int,
) -> tuple[Status, float | None]:
    """Status and margin of one measured value against its target."""
    if value is None or sample < max(min_sample, 1):
        return "insufficient_data", None if value is None else margin(value, comparator, target)
    status: Status = "met" if compare(value, comparator, target) else "breached"
    return status, margin(value, comparator, target)


def service_result(term: ServiceTerm, row: KpiRow | QaFigures | None, *, fee: float) -> TermResult:
    """One service term judged on its KPI row for a period (``fee`` of that period)."""
    value = row.metric(term.metric) if row is not None else None
    sample = sample_size(row, term.metric)
    status, room = judge(
        value,
        comparator=term.comparator,
        target=term.target,
        sample=sample,
        min_sample=term.min_sample,
    )
    return TermResult(
        term_id=term.id,
        kind="service",
        metric=term.metric,
        comparator=term.comparator,
        target=term.target,
        value=value,
        status=status,
        margin=room,
        sample_size=sample,
        min_sample=term.min_sample,
        credit_share=term.credit_share,
        credit=term.credit_share * fee if status == "breached" else 0.0,
    )


def ethical_result(
    key: str, target: float, measured: ClauseMeasurement | None, *, share: float, fee: float
) -> TermResult:
    """One ethical clause judged on its provider's measurement (None: not measurable)."""
    comparator = ETHICAL_COMPARATORS[key]
    if measured is None:
        status: Status = "not_measurable"
        room = None
        value, sample, detail = None, 0, "no data yet for this clause"
        evidence: list[EvidenceRow] = []
    else:
        # A provider that returns a measurement has judged the data sufficient, even
        # with sample 0 (e.g. no breach incident in the period: nothing was late).
        value, sample, detail = measured.value, measured.sample_size, measured.detail
        evidence = list(measured.evidence)
        status = "met" if value is None or compare(value, comparator, target) else "breached"
        room = None if value is None else margin(value, comparator, target)
        if measured.insufficient:  # partial or sampled data: shown, never judged
            status = "insufficient_data"
            detail = f"{detail}; insufficient data: {measured.insufficient}".lstrip("; ")
    return TermResult(
        term_id=key,
        kind="ethical",
        metric=key,
        comparator=comparator,
        target=target,
        value=value,
        status=status,
        margin=room,
        sample_size=sample,
        min_sample=0,
        credit_share=share,
        credit=share * fee if status == "breached" else 0.0,
        detail=detail,
        evidence=evidence,
    )


def _cap_factor(credits: float, cap: float) -> float:
    return 1.0 if credits <= cap or credits == 0 else cap / credits


def evaluate_period(
    contract: Contract,
    period: Period,
    *,
    kpi_rows: Mapping[tuple[str, str], KpiRow | QaFigures],
    clauses: Mapping[str, ClauseMeasurement | None],
) -> Evaluation:
    """Judge every term of ``contract`` over ``period`` and settle the credits.

    Parameters
    ----------
    contract
        The contract in effect.
    period
        The month or quarter judged; only terms with that window are evaluated, and
        ethical clauses only in a month.
    kpi_rows
        ``(term id, period label) -> KpiRow`` for the period and, with earn-back
        over N periods, the N periods before it.
    clauses
        Ethical clause key -> its provider's measurement (None: not measurable yet).
    """
    fee = contract.fee.monthly * len(period.months())
    cap = contract.service_credits.cap_share * fee
    terms = [t for t in contract.service_terms if t.window == period.kind]
    results = [service_result(t, kpi_rows.get((t.id, period.label)), fee=fee) for t in terms]
    shares = contract.service_credits.ethical
    judged = contract.ethical_clauses.targets() if period.kind == "month" else {}
    for key, target in judged.items():
        results.append(
            ethical_result(key, target, clauses.get(key), share=shares.get(key, 0.0), fee=fee)
        )
    results = _with_earn_back(contract, terms, period, results, kpi_rows, fee=fee, cap=cap)
    before = sum(r.credit for r in results)
    owed = min(before, cap)
    earned = sum(r.earned_back for r in results)
    return Evaluation(
        contract_id=contract.id,
        contract_version=contract.version,
        engagement_id=contract.engagement,
        period=period.label,
        start=period.start,
        end=period.end,
        fee=fee,
        currency=contract.fee.currency,
        terms=results,
        credits_before_cap=before,
        cap=cap,
        credits_owed=owed,
        earned_back=earned,
        net_credit=owed - earned,
        skipped_terms=[t.id for t in contract.service_terms if t.window != period.kind],
    )


def _with_earn_back(
    contract: Contract,
    terms: list[ServiceTerm],
    period: Period,
    results: list[TermResult],
    kpi_rows: Mapping[tuple[str, str], KpiRow | QaFigures],
    *,
    fee: float,
    cap: float,
) -> list[TermResult]:
    rule = contract.service_credits.earn_back
    if rule is None:
        return results
    breach_period = period.shift(-rule.periods)
    past = {
        t.id: service_result(t, kpi_rows.get((t.id, breach_period.label)), fee=fee) for t in terms
    }
    factor = _cap_factor(sum(r.credit for r in past.values()), cap)
    since = [breach_period.shift(i).label for i in range(1, rule.periods + 1)]
    by_id = {t.id: t for t in terms}
    out = []
    for result in results:
        term = by_id.get(result.term_id) if result.kind == "service" else None
        if term is not None and past[term.id].status == "breached":
            kept = all(
                service_result(term, kpi_rows.get((term.id, label)), fee=fee).status == "met"
                for label in since
            )
            if kept:
                result = result.model_copy(update={"earned_back": past[term.id].credit * factor})
        out.append(result)
    return out


def period_evaluation(
    engagement_id: str,
    period: Period,
    evaluations: list[Evaluation],
    not_judged: list[UnjudgedTerm],
) -> PeriodEvaluation:
    """The evaluations of a period's months (and whole quarters), summed.

    Each evaluation was capped and earned back on its own, as the contract settles
    credits period by period; the period's credits are their sums.
    """
    # the months in order, then the quarters of the quarterly terms
    ordered = sorted(evaluations, key=lambda e: ((e.end - e.start).days > 31, e.start))
    return PeriodEvaluation(
        engagement_id=engagement_id,
        period=period.label,
        start=period.start,
        end=period.end,
        currency=ordered[0].currency if ordered else "",
        evaluations=ordered,
        not_judged=not_judged,
        credits_owed=sum(e.credits_owed for e in ordered),
        earned_back=sum(e.earned_back for e in ordered),
        net_credit=sum(e.net_credit for e in ordered),
    )
