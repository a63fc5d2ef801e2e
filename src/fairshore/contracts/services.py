"""Contract use cases: check a file, add a version, evaluate a period, read history."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Literal

from fairshore.adapters.db import contracts_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.contracts.evaluation import evaluate_period, period_evaluation
from fairshore.contracts.model import (
    ClauseMeasurement,
    Contract,
    EthicalClauses,
    Evaluation,
    PeriodEvaluation,
    ServiceTerm,
    UnjudgedTerm,
)
from fairshore.contracts.parsing import check_scope_references, parse_contract
from fairshore.contracts.providers import measure_clause_periods
from fairshore.engagements import services as engagements
from fairshore.errors import ConflictError, ContractError, InputError, NotFoundError
from fairshore.metrics.model import KpiOptions, KpiRow
from fairshore.metrics.periods import Period, parse_period, period_between, quarter_of
from fairshore.metrics.services import compute_kpi_sets
from fairshore.quality.figures import QA_TERM_METRICS
from fairshore.quality.model import QaFigures


@dataclass(frozen=True)
class ContractAdded:
    """The outcome of ``add_contract``: the contract, its stored id, whether it is new."""

    contract: Contract
    row_id: int
    sha256: str
    created: bool


def read_contract(path: Path) -> tuple[Contract, str]:
    """Read and validate a contract file; return it with its text."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContractError(f"cannot read contract file {path}: {exc}") from None
    return parse_contract(text, source=path.name), text


def check_references(ws: Workspace, contract: Contract, text: str, *, source: str) -> None:
    """Check that the engagement exists and every vendor/site scope names its own.

    The engagement's sites are its declared ``site_ids``, or else every registered
    site of its vendor.
    """
    engagement = engagements.get_engagement(ws, contract.engagement)
    sites = engagement.site_ids or [s.id for s in engagements.list_sites(ws, engagement.vendor_id)]
    check_scope_references(
        text, contract, vendor_id=engagement.vendor_id, sites=sites, source=source
    )


def check_contract(path: Path, ws: Workspace | None = None) -> Contract:
    """Validate a contract file without storing it.

    With a workspace whose registry holds the contract's engagement, vendor and site
    scopes are also checked against it (errors name the line).
    """
    contract, text = read_contract(path)
    if ws is not None and any(
        e.id == contract.engagement for e in engagements.list_engagements(ws)
    ):
        check_references(ws, contract, text, source=path.name)
    return contract


def demo_contract_path(engagement_id: str) -> Path:
    """The demo contract shipped for an engagement of the demo scenario (telco-mnl ...)."""
    path = Path(str(resources.files("fairshore.contracts") / "demo" / f"{engagement_id}.yaml"))
    if not path.is_file():
        raise NotFoundError(f"no demo contract for engagement {engagement_id!r}")
    return path


def add_contract(ws: Workspace, path: Path) -> ContractAdded:
    """Store a contract version; adding the same file again is a no-op.

    A different file with an existing id and version is refused: bump ``version``.
    """
    contract, text = read_contract(path)
    check_references(ws, contract, text, source=path.name)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with ws.db.begin() as conn:
        found = repo.get_contract(conn, contract.id, contract.version)
        if found is not None:
            if found.file_sha256 != sha:
                raise ConflictError(
                    f"contract {contract.id!r} version {contract.version} is already stored "
                    "with different content: raise 'version' to add a new version"
                )
            return ContractAdded(contract, found.row_id, sha, created=False)
        stored = repo.insert_contract(conn, contract, sha256=sha, source_name=path.name, body=text)
    return ContractAdded(contract, stored.row_id, sha, created=True)


def contract_in_effect(ws: Workspace, engagement_id: str, period: Period) -> tuple[int, Contract]:
    """The newest stored contract version in effect on some day of the period."""
    return contracts_in_effect(ws, engagement_id, [period])[0]


def contracts_in_effect(
    ws: Workspace, engagement_id: str, periods: Sequence[Period]
) -> list[tuple[int, Contract]]:
    """:func:`contract_in_effect` of each period (the stored versions read and parsed once)."""
    out = []
    for period, found in zip(
        periods, _contracts_by_period(ws, engagement_id, periods), strict=True
    ):
        if found is None:
            raise NotFoundError(_no_contract(engagement_id, period.label))
        out.append(found)
    return out


def _no_contract(engagement_id: str, label: str) -> str:
    return (
        f"no contract of engagement {engagement_id!r} is in effect in {label}: "
        "add one with 'fairshore contract add FILE'"
    )


def _contracts_by_period(
    ws: Workspace, engagement_id: str, periods: Sequence[Period]
) -> list[tuple[int, Contract] | None]:
    """The newest stored version in effect in each period, or None when none is."""
    engagements.get_engagement(ws, engagement_id)
    with ws.db.begin() as conn:
        stored = repo.list_contracts(conn, ws.organisation_id, engagement_id)
    parsed = [
        (item.row_id, parse_contract(item.body, source=f"{item.contract_key} v{item.version}"))
        for item in stored
    ]
    return [
        next((rc for rc in parsed if rc[1].covers(period.start, period.last_day)), None)
        for period in periods
    ]


def clauses_in_effect(
    ws: Workspace, engagement_id: str, spans: Sequence[tuple[date, date]]
) -> list[EthicalClauses | None]:
    """The ethical clauses of the contract in effect over each ``(start, end)`` span (both
    inclusive), None where no contract is: what a clause provider that needs the
    contract's own figures (allowed countries, notice days) reads."""
    periods = [period_between(start, end) for start, end in spans]
    return [
        None if found is None else found[1].ethical_clauses
        for found in _contracts_by_period(ws, engagement_id, periods)
    ]


def contracted_breach_window(ws: Workspace, engagement_id: str, on: date) -> float | None:
    """Hours the contract in effect on ``on`` gives the vendor to notify a breach, if any."""
    period = parse_period(on.strftime("%Y-%m"))
    try:
        _, contract = contract_in_effect(ws, engagement_id, period)
    except NotFoundError:
        return None
    return contract.ethical_clauses.breach_notification_hours


def _measure_terms(
    ws: Workspace,
    contract: Contract,
    terms: list[ServiceTerm],
    first: Period,
    last: Period,
) -> dict[tuple[str, str], KpiRow]:
    """KPI rows per (term, period) for periods first..last, in one query."""
    terms = [t for t in terms if t.metric not in QA_TERM_METRICS]  # see _measure_qa_terms
    if not terms:
        return {}
    sets: list[tuple[KpiOptions, dict[str, list[str]]]] = []
    index_of: dict[str, int] = {}
    for term in terms:
        key = (term.options, term.scope)
        for i, existing in enumerate(sets):
            if existing == key:
                index_of[term.id] = i
                break
        else:
            index_of[term.id] = len(sets)
            sets.append(key)
    results = compute_kpi_sets(
        ws,
        engagement_id=contract.engagement,
        sets=sets,
        period=_window(first),
        start=first.start_at,
        end=last.end_at,
    )
    return {
        (term_id, label): row
        for term_id, i in index_of.items()
        for label, row in results[i].items()
    }


def _window(period: Period) -> Literal["month", "quarter"]:
    return "quarter" if period.kind == "quarter" else "month"


def _measure_qa_terms(
    ws: Workspace,
    contract: Contract,
    terms: list[ServiceTerm],
    first: Period,
    last: Period,
) -> dict[tuple[str, str], QaFigures]:
    """QA figures per (term, period) for the terms on QA metrics (vendor evaluations)."""
    from fairshore.quality.services import qa_figures

    out: dict[tuple[str, str], QaFigures] = {}
    for term in terms:
        if term.metric not in QA_TERM_METRICS:
            continue
        where = {k: v for k, v in term.scope.items() if k not in ("engagement", "vendor")}
        try:
            rows = qa_figures(
                ws,
                engagement_id=contract.engagement,
                period=_window(first),
                start=first.start_at,
                end=last.end_at,
                where=where,
            )
        except NotFoundError:  # scoped by interactions that were never ingested
            rows = []
        out.update({(term.id, row.period or ""): row for row in rows})
    return out


def evaluate_sla(
    ws: Workspace, *, engagement_id: str, period: str, store: bool = True
) -> PeriodEvaluation:
    """Evaluate the contract over a month (``2026-07``) or several (``2026-Q3``, ``2026``).

    Every month of the period is judged on its monthly terms and ethical clauses, and
    every whole quarter in it on its quarterly terms; the period reports each and sums
    their credits. A term or month that cannot be judged (a quarterly term in a period
    that does not hold its whole quarter, a month no contract covers) is listed in
    ``not_judged`` with the reason. Evaluations are stored (``store``) and each
    breached term (``contracts.findings.evaluation_findings``) is for the caller to hand to
    the findings register.
    """
    whole = parse_period(period)
    if whole.start.day != 1 or whole.end.day != 1:
        raise InputError(
            f"a contract is evaluated over whole months (2026-07, 2026-Q3, 2026), not {period!r}"
        )
    months = whole.months()
    in_effect = _contracts_by_period(ws, engagement_id, months)
    if all(found is None for found in in_effect):
        raise NotFoundError(_no_contract(engagement_id, whole.label))
    covered = [(m, found) for m, found in zip(months, in_effect, strict=True) if found]
    not_judged = [
        UnjudgedTerm(term_id=None, window="month", period=m.label, reason="no contract in effect")
        for m, found in zip(months, in_effect, strict=True)
        if found is None
    ]
    quarters = _quarters_to_judge(whole, covered, not_judged)
    evaluations = evaluate_sla_periods(
        ws, engagement_id=engagement_id, periods=[m.label for m, _ in covered], store=store
    )
    evaluations += evaluate_sla_periods(
        ws, engagement_id=engagement_id, periods=[q.label for q in quarters], store=store
    )
    return period_evaluation(engagement_id, whole, evaluations, not_judged)


def _quarters_to_judge(
    whole: Period,
    covered: list[tuple[Period, tuple[int, Contract]]],
    not_judged: list[UnjudgedTerm],
) -> list[Period]:
    """Whole quarters of the period whose contract has quarterly terms; the quarterly
    terms of a quarter the period holds only in part go to ``not_judged``."""
    out: list[Period] = []
    for month, (_, contract) in covered:
        quarter = quarter_of(month.start)
        terms = [t.id for t in contract.service_terms if t.window == "quarter"]
        if not terms or quarter in out or any(u.period == quarter.label for u in not_judged):
            continue
        if whole.start <= quarter.start and quarter.end <= whole.end:
            out.append(quarter)
            continue
        not_judged += [
            UnjudgedTerm(
                term_id=t,
                window="quarter",
                period=quarter.label,
                reason=f"judged over the whole quarter: evaluate --period {quarter.label}",
            )
            for t in terms
        ]
    return out


def evaluate_sla_periods(
    ws: Workspace,
    *,
    engagement_id: str,
    periods: Sequence[str],
    store: bool = True,
    now: datetime | None = None,
) -> list[Evaluation]:
    """Evaluate several periods of one kind (e.g. every month of a year) in one KPI query.

    Each period is judged by the newest contract version in effect during it; findings
    are recorded as of ``now`` (default the clock: their due dates count from it).
    """
    judged = [parse_period(p) for p in periods]
    if not judged:
        return []
    lake_version = ws.lake_reader.version  # before measuring: what is read
    if len({p.kind for p in judged}) > 1:
        raise InputError("evaluate months and quarters separately")
    if judged[0].kind not in ("month", "quarter"):
        raise InputError(f"a contract is evaluated by month or quarter, not {judged[0].label!r}")
    in_effect = contracts_in_effect(ws, engagement_id, judged)
    kpi_rows: dict[int, dict[tuple[str, str], KpiRow | QaFigures]] = {}
    for row_id, contract in in_effect:
        if row_id in kpi_rows:
            continue
        terms = [t for t in contract.service_terms if t.window == judged[0].kind]
        back = contract.service_credits.earn_back
        first = min(judged, key=lambda p: p.start)
        last = max(judged, key=lambda p: p.start)
        first = first.shift(-back.periods) if back else first
        measured: dict[tuple[str, str], KpiRow | QaFigures] = {}
        measured |= _measure_terms(ws, contract, terms, first, last) if terms else {}
        measured |= _measure_qa_terms(ws, contract, terms, first, last)
        kpi_rows[row_id] = measured
    clauses = (  # ethical clauses are judged by month (evaluation.evaluate_period)
        _measure_clauses(ws, engagement_id, judged, [c for _, c in in_effect])
        if judged[0].kind == "month"
        else [{} for _ in judged]
    )
    evaluations = []
    for period, (row_id, contract), measured_clauses in zip(
        judged, in_effect, clauses, strict=True
    ):
        evaluation = evaluate_period(
            contract, period, kpi_rows=kpi_rows[row_id], clauses=measured_clauses
        )
        evaluation = evaluation.model_copy(update={"lake_version": lake_version})
        if store:
            with ws.db.begin() as conn:
                repo.insert_evaluation(conn, row_id, evaluation)
        evaluations.append(evaluation)
    return evaluations


def _measure_clauses(
    ws: Workspace, engagement_id: str, periods: list[Period], contracts: list[Contract]
) -> list[dict[str, ClauseMeasurement | None]]:
    """Each period's ethical clauses (those its contract sets), each clause measured for
    all its periods at once (one query per clause for a year of months, not twelve)."""
    wanted: dict[str, list[int]] = {}
    for i, contract in enumerate(contracts):
        for key in contract.ethical_clauses.targets():
            wanted.setdefault(key, []).append(i)
    found: dict[tuple[str, int], ClauseMeasurement | None] = {}
    for key, indices in wanted.items():
        spans = [(periods[i].start, periods[i].last_day) for i in indices]
        measured = measure_clause_periods(ws, key, engagement_id, spans)
        found |= {(key, i): m for i, m in zip(indices, measured, strict=True)}
    return [
        {key: found[key, i] for key in contract.ethical_clauses.targets()}
        for i, contract in enumerate(contracts)
    ]


def months_between(start: str, end: str) -> list[str]:
    """Month labels from ``start`` to ``end`` inclusive (``2025-11`` .. ``2026-10``)."""
    return [m.label for m in parse_period(f"{start}..{end}").months()]


def evaluate_demo_contracts(
    ws: Workspace,
    *,
    engagement_ids: Sequence[str],
    start: str = "2025-11",
    end: str = "2026-10",
    now: datetime | None = None,
) -> dict[str, list[Evaluation]]:
    """Add the packaged demo contract of each engagement, evaluate and store every month
    (findings recorded as of ``now``, the scenario's day, when given).

    Examples
    --------
    >>> results = evaluate_demo_contracts(ws, engagement_ids=["telco-blr"])  # doctest: +SKIP
    >>> [e.period for e in results["telco-blr"] if e.counts()["breached"]]  # doctest: +SKIP
    """
    out: dict[str, list[Evaluation]] = {}
    for engagement_id in engagement_ids:
        add_contract(ws, demo_contract_path(engagement_id))
        out[engagement_id] = evaluate_sla_periods(
            ws, engagement_id=engagement_id, periods=months_between(start, end), now=now
        )
    return out


def list_contract_versions(ws: Workspace, *, engagement_id: str) -> list[tuple[Contract, str]]:
    """Every stored version of the engagement's contracts, newest first, with its YAML."""
    engagements.get_engagement(ws, engagement_id)
    with ws.db.begin() as conn:
        stored = repo.list_contracts(conn, ws.organisation_id, engagement_id)
    return [
        (parse_contract(s.body, source=f"{s.contract_key} v{s.version}"), s.body) for s in stored
    ]


def sla_history(ws: Workspace, *, engagement_id: str) -> list[Evaluation]:
    """The latest stored evaluation of every period of an engagement, oldest first."""
    engagements.get_engagement(ws, engagement_id)
    pinned = ws.lake_reader.snapshot  # --as-of: evaluations of that lake
    with ws.db.begin() as conn:
        return repo.list_evaluations(
            conn,
            ws.organisation_id,
            engagement_id,
            max_lake_version=None if pinned is None else pinned.lake_version,
        )
