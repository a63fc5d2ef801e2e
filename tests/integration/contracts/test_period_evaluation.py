"""A period of several months: each month judged, quarterly terms on whole quarters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lakerows import add_engagement, contact, write_rows

from fairshore.bootstrap import Workspace
from fairshore.contracts.services import add_contract, evaluate_sla

CONTRACT = """\
id: eng-a-msa
version: 1
engagement: eng-a
parties: {client: Client, vendor: Vendor A}
effective: {from: 2026-07-01}
fee: {monthly: 10000, currency: USD}
service_terms:
  - id: sl-month
    metric: service_level
    comparator: ">="
    target: 0.8
    min_sample: 10
    credit_share: 0.02
  - id: sl-quarter
    metric: service_level
    comparator: ">="
    target: 0.9
    window: quarter
    min_sample: 10
    credit_share: 0.05
ethical_clauses:
  max_occupancy: 0.85
service_credits:
  cap_share: 0.5
"""


@pytest.fixture
def eng_a(db_workspace: Workspace, tmp_path: Path) -> Workspace:
    add_engagement(db_workspace, "eng-a", "vend-a")
    rows = []
    for month, slow in ((7, 30), (8, 0), (9, 0)):  # July: 30 of 50 calls wait 60 s
        base = datetime(2026, month, 1, tzinfo=UTC)
        rows += [
            contact(month * 100 + i, arrived=base + timedelta(hours=i),
                    wait=60.0 if i < slow else 5.0)
            for i in range(50)
        ]  # fmt: skip
    write_rows(db_workspace, "eng-a", rows)
    path = tmp_path / "eng-a.yaml"
    path.write_text(CONTRACT)
    add_contract(db_workspace, path)
    return db_workspace


def test_quarter_judges_each_month_and_the_quarterly_term(eng_a: Workspace) -> None:
    q3 = evaluate_sla(eng_a, engagement_id="eng-a", period="2026-Q3", store=False)
    by_period = {e.period: e for e in q3.evaluations}
    assert list(by_period) == ["2026-07", "2026-08", "2026-09", "2026-Q3"]
    july = {t.term_id: t for t in by_period["2026-07"].terms}
    assert (july["sl-month"].value, july["sl-month"].status) == (0.4, "breached")
    assert july["sl-month"].credit == pytest.approx(0.02 * 10000)
    assert "max_occupancy" in july  # ethical clauses are judged in every month ...
    quarter = {t.term_id: t for t in by_period["2026-Q3"].terms}
    assert list(quarter) == ["sl-quarter"]  # ... and not again in the quarter
    # 120 of 150 calls within 20 s over the quarter: 0.8 < 0.9
    assert quarter["sl-quarter"].value == pytest.approx(0.8)
    assert quarter["sl-quarter"].credit == pytest.approx(0.05 * 3 * 10000)
    assert q3.credits_owed == pytest.approx(0.02 * 10000 + 0.05 * 3 * 10000)
    assert q3.counts()["breached"] == 2 and q3.not_judged == []


def test_a_partial_quarter_names_the_quarterly_term_it_cannot_judge(eng_a: Workspace) -> None:
    result = evaluate_sla(eng_a, engagement_id="eng-a", period="2026-06..2026-08", store=False)
    assert [e.period for e in result.evaluations] == ["2026-07", "2026-08"]
    reasons = {(u.term_id, u.period): u.reason for u in result.not_judged}
    assert reasons[(None, "2026-06")] == "no contract in effect"
    assert "evaluate --period 2026-Q3" in reasons[("sl-quarter", "2026-Q3")]
    assert ("sl-quarter", "2026-Q2") not in reasons  # June has no contract: said once
