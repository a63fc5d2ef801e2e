"""Breached terms become findings keyed so that a re-evaluation updates, never doubles."""

from __future__ import annotations

from datetime import date

from fairshore.contracts.findings import evaluation_findings
from fairshore.contracts.model import Evaluation, TermResult


def _term(term_id: str, kind: str, status: str, value: float | None) -> TermResult:
    return TermResult.model_validate(
        {
            "term_id": term_id,
            "kind": kind,
            "metric": term_id,
            "comparator": ">=",
            "target": 0.8,
            "value": value,
            "status": status,
            "margin": None,
            "sample_size": 500,
            "min_sample": 100,
            "credit_share": 0.03,
            "credit": 1500.0,
        }
    )


def test_only_breaches_become_findings_with_stable_keys() -> None:
    evaluation = Evaluation(
        contract_id="telco-blr",
        contract_version=1,
        engagement_id="telco-blr",
        period="2026-07",
        start=date(2026, 7, 1),
        end=date(2026, 8, 1),
        fee=50000.0,
        currency="USD",
        terms=[
            _term("voice_sl", "service", "breached", 0.22),
            _term("chat_sl", "service", "met", 0.9),
            _term("email_frt", "service", "insufficient_data", None),
            _term("living_wage_floor", "ethical", "breached", 0.69),
            _term("max_attrition", "ethical", "not_measurable", None),
        ],
        credits_before_cap=3000.0,
        cap=6000.0,
        credits_owed=3000.0,
        earned_back=0.0,
        net_credit=3000.0,
    )
    findings = evaluation_findings(evaluation)
    assert [f.key for f in findings] == [
        "sla:telco-blr:voice_sl",  # the condition, not the month: one finding a year
        "contract:telco-blr:living_wage_floor",
    ]
    sla, pay = findings
    assert (sla.source, sla.severity) == ("sla", "major")
    assert (pay.source, pay.severity) == ("contract", "critical")
    assert "22.0 % (target >= 80.0 %)" in sla.title and sla.evidence["credit"] == 1500.0
    assert (sla.period, sla.value, sla.credit) == ("2026-07", 0.22, 1500.0)  # its occurrence
