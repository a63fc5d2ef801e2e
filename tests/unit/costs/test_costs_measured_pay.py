"""TCO with measured pay: the living-wage premium follows what payroll shows."""

from __future__ import annotations

from pathlib import Path

from fairshore.costs.measured_pay import apply_measured_pay
from fairshore.costs.model import PayNote, Scenario
from fairshore.costs.montecarlo import compare_options
from fairshore.costs.scenario_file import parse_scenario
from fairshore.costs.services import demo_scenario_text


def _demo() -> Scenario:
    return parse_scenario(demo_scenario_text(), path=Path("telco-demo.yaml"))


def _premium(report: object, option: str) -> float:
    [o] = [o for o in report.options if o.option_id == option]  # type: ignore[attr-defined]
    return float(o.lines["ethical_premium"])


def test_typed_in_pay_is_kept_and_said_when_nothing_is_measured() -> None:
    scenario, notes = apply_measured_pay(_demo(), {})
    indigo = next(n for n in notes if n.provider == "indigo")
    assert (indigo.source, indigo.monthly, indigo.currency) == ("typed_in", 24000.0, "INR")
    assert "no payroll measured for engagement 'telco-blr'" in indigo.detail
    # the figure: 24,000 INR typed in costs a 203,287 USD living-wage premium
    assert round(_premium(compare_options(scenario, runs=0), "bengaluru")) == 203_287


def test_measured_pay_replaces_the_typed_in_figure_and_its_year_sets_the_benchmark() -> None:
    # Bengaluru's floor: Asia Floor Wage 2024, 34,170.46 INR a month (reference table);
    # an agent median at 1.15x that owes no premium, one at 0.8x does.
    def measured(monthly: float) -> dict[str, PayNote]:
        return {
            "indigo": PayNote(
                provider="indigo",
                source="measured",
                monthly=monthly,
                currency="INR",
                period="2026-01..2026-12",
                year=2026,
                engagement_id="telco-blr",
                agents=78,
            )
        }

    above, notes = apply_measured_pay(_demo(), measured(39_300.0))
    assert above.providers["indigo"].agent_pay.amount == 39_300.0
    assert above.providers["indigo"].benchmark_year == 2026
    assert next(n for n in notes if n.provider == "indigo").source == "measured"
    assert _premium(compare_options(above, runs=0), "bengaluru") == 0.0
    below, _ = apply_measured_pay(_demo(), measured(0.8 * 34_170.46))
    assert _premium(compare_options(below, runs=0), "bengaluru") > 0.0
    # the other providers keep their typed-in pay
    assert below.providers["northwind"].agent_pay.amount == 18000
