"""Contract files: validation with line numbers; evaluation, credits, caps and earn-back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from fairshore.contracts.evaluation import evaluate_period, judge
from fairshore.contracts.model import ClauseMeasurement, Contract
from fairshore.contracts.parsing import parse_contract
from fairshore.errors import ContractError, InputError
from fairshore.metrics.model import KpiRow
from fairshore.metrics.periods import parse_period

DEMO = Path(__file__).resolve().parents[3] / "src/fairshore/contracts/demo"

BASE = """\
id: c1
version: 1
engagement: eng-a
parties: {client: Client, vendor: Vendor}
effective: {from: 2026-01-01}
fee: {monthly: 1000, currency: USD}
service_terms:
  - id: sl
    metric: service_level
    comparator: ">="
    target: 0.8
    scope: {channel: voice}
    min_sample: 10
    credit_share: 0.05
  - id: asa
    metric: asa_s
    comparator: "<="
    target: 30
    min_sample: 10
    credit_share: 0.04
service_credits:
  cap_share: 0.06
  earn_back: {periods: 2}
"""


@pytest.mark.parametrize("name", ["telco-mnl", "telco-blr", "telco-bog", "telco-krk"])
def test_demo_contracts_validate(name: str) -> None:
    contract = parse_contract((DEMO / f"{name}.yaml").read_text(), source=name)
    assert contract.engagement == name
    assert contract.service_credits.cap_share == pytest.approx(0.12)


CASES = [
    ("    target: 30\n", "    target: fast\n",
     "c.yaml:18: service_terms[1].target: Input should be a valid number"),
    ("    metric: asa_s\n", "    metric: speed\n",
     "c.yaml:16: service_terms[1].metric: unknown metric 'speed'"),
    ('    comparator: ">="\n', '    comparator: "=>"\n', "c.yaml:10: service_terms[0].comparator:"),
    ("fee: {monthly: 1000, currency: USD}\n", "", "c.yaml:1: fee: required field is missing"),
    ("    credit_share: 0.05\n", "    credit_share: 0.05\n    credit_shar: 1\n",
     "c.yaml:15: service_terms[0].credit_shar: unknown field"),
    ("    scope: {channel: voice}\n", "    scope: {colour: voice}\n",
     "c.yaml:12: service_terms[0].scope: cannot scope by 'colour'"),
    ("  cap_share: 0.06\n", "  cap_share: 1.5\n", "c.yaml:22: service_credits.cap_share:"),
    ("version: 1\n", "version: 1\nversion: 2\n",
     "line 3: duplicate key 'version' (first on line 2)"),
    ("  - id: asa\n", "  - id: sl\n", "c.yaml:8: service_terms: term ids must be unique: sl"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_invalid_contract_errors_name_the_line(old: str, new: str, expected: str) -> None:
    assert old in BASE
    with pytest.raises(ContractError) as err:
        parse_contract(BASE.replace(old, new, 1), source="c.yaml")
    assert expected in str(err.value)


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(ContractError, match=r"c.yaml:3: not valid YAML"):
        parse_contract("id: c1\nversion: 1\n  bad: indent\n", source="c.yaml")


def _contract() -> Contract:
    return Contract.model_validate(yaml.safe_load(BASE))


def _row(sl: float, asa: float, n: int = 100) -> KpiRow:
    return KpiRow(answered=n, abandoned=0, offered=n, service_level=sl, asa_s=asa)


def _rows(by_month: dict[str, tuple[float, float, int]]) -> dict[tuple[str, str], KpiRow]:
    out = {}
    for label, (sl, asa, n) in by_month.items():
        out[("sl", label)] = _row(sl, asa, n)
        out[("asa", label)] = _row(sl, asa, n)
    return out


def test_judge_statuses_and_margins() -> None:
    assert judge(0.85, comparator=">=", target=0.8, sample=50, min_sample=10) == (
        "met", pytest.approx(0.05))  # fmt: skip
    status, room = judge(40.0, comparator="<=", target=30, sample=50, min_sample=10)
    assert status == "breached" and room == pytest.approx(-10)
    assert (
        judge(0.1, comparator=">=", target=0.8, sample=5, min_sample=10)[0] == "insufficient_data"
    )
    assert judge(None, comparator=">=", target=0.8, sample=50, min_sample=10) == (
        "insufficient_data", None)  # fmt: skip


def test_met_breached_and_insufficient_data() -> None:
    july = parse_period("2026-07")
    ev = evaluate_period(
        _contract(), july, kpi_rows=_rows({"2026-07": (0.9, 45.0, 100)}), clauses={}
    )
    status = {t.term_id: (t.status, t.credit) for t in ev.terms}
    assert status == {"sl": ("met", 0.0), "asa": ("breached", pytest.approx(40.0))}
    assert ev.credits_owed == pytest.approx(40.0) and ev.net_credit == pytest.approx(40.0)
    thin = evaluate_period(
        _contract(), july, kpi_rows=_rows({"2026-07": (0.1, 99.0, 5)}), clauses={}
    )
    assert {t.status for t in thin.terms} == {"insufficient_data"} and thin.credits_owed == 0
    empty = evaluate_period(_contract(), july, kpi_rows={}, clauses={})
    assert {t.status for t in empty.terms} == {"insufficient_data"}


def test_credits_are_capped() -> None:
    ev = evaluate_period(
        _contract(), parse_period("2026-07"), kpi_rows=_rows({"2026-07": (0.5, 90.0, 100)}),
        clauses={},
    )  # fmt: skip
    assert ev.credits_before_cap == pytest.approx(90.0)  # 5 % + 4 % of 1000
    assert ev.cap == pytest.approx(60.0) and ev.credits_owed == pytest.approx(60.0)


def test_quarter_fee_and_skipped_monthly_terms() -> None:
    ev = evaluate_period(_contract(), parse_period("2026-Q3"), kpi_rows={}, clauses={})
    assert ev.fee == pytest.approx(3000.0) and ev.skipped_terms == ["sl", "asa"]


def test_earn_back_after_n_good_periods() -> None:
    # sl breached in May (credit 50 of the 60 cap); met in June and July -> earned back in July.
    rows = _rows({"2026-05": (0.5, 10.0, 100), "2026-06": (0.9, 10.0, 100),
                  "2026-07": (0.9, 10.0, 100)})  # fmt: skip
    ev = evaluate_period(_contract(), parse_period("2026-07"), kpi_rows=rows, clauses={})
    sl = next(t for t in ev.terms if t.term_id == "sl")
    assert sl.status == "met" and sl.earned_back == pytest.approx(50.0)
    assert ev.net_credit == pytest.approx(-50.0)
    # a miss in between forfeits the earn-back
    rows[("sl", "2026-06")] = _row(0.5, 10.0)
    again = evaluate_period(_contract(), parse_period("2026-07"), kpi_rows=rows, clauses={})
    assert again.earned_back == 0.0


def test_earn_back_returns_the_capped_amount() -> None:
    rows = _rows({"2026-05": (0.5, 90.0, 100), "2026-06": (0.9, 10.0, 100),
                  "2026-07": (0.9, 10.0, 100)})  # fmt: skip
    ev = evaluate_period(_contract(), parse_period("2026-07"), kpi_rows=rows, clauses={})
    # May owed 90 capped to 60: each term's credit scaled by 60/90
    assert ev.earned_back == pytest.approx((50 + 40) * 60 / 90)


def test_ethical_clauses_are_not_met_without_data() -> None:
    text = BASE + "ethical_clauses:\n  max_occupancy: 0.85\n  breach_notification_hours: 24\n"
    text = text.replace(
        "  earn_back: {periods: 2}\n",
        "  earn_back: {periods: 2}\n  ethical: {breach_notification_hours: 0.02}\n",
    )
    contract = parse_contract(text)
    clauses = {"breach_notification_hours": ClauseMeasurement(value=96, sample_size=1),
               "max_occupancy": None}  # fmt: skip
    ev = evaluate_period(contract, parse_period("2026-05"), kpi_rows={}, clauses=clauses)
    by = {t.term_id: t for t in ev.terms}
    assert by["max_occupancy"].status == "not_measurable"
    assert by["breach_notification_hours"].status == "breached"
    assert by["breach_notification_hours"].credit == pytest.approx(20.0)
    assert by["breach_notification_hours"].margin == pytest.approx(-72.0)


def test_a_measurement_with_no_events_is_judged() -> None:
    # Privacy's provider reports "no breach incident in the period" as value 0, sample 0.
    text = BASE + "ethical_clauses:\n  breach_notification_hours: 24\n"
    clauses = {"breach_notification_hours": ClauseMeasurement(value=0, sample_size=0)}
    ev = evaluate_period(parse_contract(text), parse_period("2026-06"), kpi_rows={},
                         clauses=clauses)  # fmt: skip
    assert ev.terms[-1].status == "met"


def test_a_measurement_on_partial_data_is_shown_not_judged() -> None:
    text = BASE + "ethical_clauses:\n  max_occupancy: 0.85\n  breach_notification_hours: 24\n"
    partial = ClauseMeasurement(value=0.95, sample_size=40, insufficient="logged-in hours of 40 %")
    clauses = {"max_occupancy": partial, "breach_notification_hours": None}
    ev = evaluate_period(parse_contract(text), parse_period("2026-06"), kpi_rows={},
                         clauses=clauses)  # fmt: skip
    occ = next(t for t in ev.terms if t.term_id == "max_occupancy")
    assert (occ.status, occ.value, occ.credit) == ("insufficient_data", 0.95, 0.0)
    assert "insufficient data: logged-in hours of 40 %" in occ.detail


def test_a_quarter_judges_no_ethical_clause_its_months_judge() -> None:
    text = BASE + "ethical_clauses:\n  max_occupancy: 0.85\n"
    clauses = {"max_occupancy": ClauseMeasurement(value=0.95, sample_size=40)}
    ev = evaluate_period(parse_contract(text), parse_period("2026-Q2"), kpi_rows={},
                         clauses=clauses)  # fmt: skip
    assert ev.terms == []


def test_the_composition_root_lists_every_clause_provider() -> None:
    from fairshore.composition import clause_providers
    from fairshore.interactions.schema import TRAINING_TOPICS

    # Built from the explicit list, not from whatever modules happened to be imported.
    topics = {f"min_training_hours_{t}" for t in TRAINING_TOPICS}
    assert clause_providers().keys == sorted({
        "min_training_hours", "max_occupancy", "living_wage_floor", "max_attrition",
        "min_in_house_share", "breach_notification_hours", "audit_rights", "data_residency",
        "subcontracting", "min_onboarding_hours", *topics,
    })  # fmt: skip


def test_an_unknown_clause_key_is_refused() -> None:
    from fairshore.contracts.providers import ClauseEntry, ClauseProviders

    with pytest.raises(InputError, match="unknown clause 'max_smiles'"):
        ClauseProviders([ClauseEntry("max_smiles", lambda ws, e, s, t: None)])


def test_many_periods_measured_at_once_only_with_the_provider_it_goes_with() -> None:
    from fairshore.contracts.providers import ClauseEntry, ClauseProviders

    spans = [(date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28))]

    def one(ws: object, e: str, s: date, t: date) -> ClauseMeasurement:
        return ClauseMeasurement(value=s.month, sample_size=1)

    def many(ws: object, e: str, periods: object) -> list[ClauseMeasurement | None]:
        return [ClauseMeasurement(value=10 + s.month, sample_size=1) for s, _ in spans]

    registry = ClauseProviders([ClauseEntry("max_attrition", one, many)])  # type: ignore[arg-type]
    got = registry.measure_periods(None, "max_attrition", "e", spans)  # type: ignore[arg-type]
    assert [m.value for m in got if m] == [11, 12]
    registry.register(ClauseEntry("max_attrition", one))  # type: ignore[arg-type]
    again = registry.measure_periods(None, "max_attrition", "e", spans)  # type: ignore[arg-type]
    assert [m.value for m in again if m] == [1, 2]  # replaced without its many: one by one
    registry.unregister("max_attrition")
    assert registry.measure_periods(None, "max_attrition", "e", spans) == [None, None]  # type: ignore[arg-type]
