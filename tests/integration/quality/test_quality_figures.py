"""QA figures with an explicit coverage denominator, in ``kpis`` and in contract terms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace, pin_today
from fairshore.contracts.services import add_contract, evaluate_sla_periods
from fairshore.errors import InputError
from fairshore.interactions.services import ingest_files
from fairshore.quality import services
from tests.integration.interactions.workspace_files import ENGAGEMENT, add_engagement
from tests.integration.quality.test_quality_services import _evaluations, _interactions

AGENTS = [f"a{i}" for i in range(7)]


def _roster(folder: Path) -> tuple[Path, Path]:
    agents = folder / "agents.csv"
    lines = ["agent_ref,site_id,role,employment_type,hired_on"]
    lines += [f"{a},vistula-krk,agent,employee,2026-01-05" for a in AGENTS]
    lines += ["lead1,vistula-krk,team_lead,employee,2026-01-05"]  # not an agent: not counted
    agents.write_text("\n".join(lines) + "\n")
    months = folder / "agent_months.csv"
    rows = ["agent_ref,month,paid_hours"]
    rows += [f"{a},2026-{m:02d}-01,160" for a in [*AGENTS, "lead1"] for m in (3, 4)]
    months.write_text("\n".join(rows) + "\n")
    return agents, months


@pytest.fixture
def figures_ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    add_engagement(workspace)
    agents, months = _roster(tmp_path)
    for table, path in (
        ("interactions", _interactions(tmp_path)),
        ("qa_evaluations", _evaluations(tmp_path, gap=12)),
        ("agents", agents),
        ("agent_months", months),
    ):
        report = ingest_files(workspace, table=table, paths=[path], engagement_id=ENGAGEMENT)
        assert report.status == "accepted" and report.rows_quarantined == 0, report.reasons
    return workspace


def test_coverage_counts_every_active_agent_not_only_the_evaluated(figures_ws: Workspace) -> None:
    rows = services.qa_figures(figures_ws, engagement_id=ENGAGEMENT, period="month")
    assert [r.period for r in rows] == ["2026-03", "2026-04"]
    march, april = rows
    # By hand from the files: March evaluates a0-a4 10 times each (50), April a1-a4 (40);
    # seven agents are active both months (lead1 is a team lead, not counted).
    assert (march.qa_evaluations, march.qa_active_agent_months) == (50, 7)
    assert march.qa_coverage == pytest.approx(50 / 7)
    assert march.qa_coverage_share == pytest.approx(5 / 7)
    assert april.qa_coverage == pytest.approx(40 / 7)
    assert april.qa_coverage_share == pytest.approx(4 / 7)
    [overall] = services.qa_figures(figures_ws, engagement_id=ENGAGEMENT)
    assert overall.qa_evaluations == 90 and overall.qa_active_agent_months == 14
    assert overall.qa_critical_error_rate == pytest.approx(3 / 90)
    by_agent = services.qa_figures(figures_ws, engagement_id=ENGAGEMENT, by=["agent"])
    assert {r.group["agent"]: r.qa_evaluations for r in by_agent}["a5"] == 0  # active, unseen
    by_language = services.qa_figures(figures_ws, by=["vendor", "language"], period="quarter")
    assert sum(r.qa_evaluations for r in by_language) == 90
    assert all(r.qa_coverage is None for r in by_language)  # contacts have no agents
    assert {r.period for r in by_language} == {"2026-Q1", "2026-Q2"}
    with pytest.raises(InputError, match="cannot group"):
        services.qa_figures(figures_ws, by=["shoe_size"])


CONTRACT = """\
id: krk-qa
version: 1
engagement: telco-krk
parties: {client: Telco, vendor: Vistula}
effective: {from: 2026-01-01}
fee: {monthly: 10000, currency: EUR}
service_terms:
  - id: qa-coverage
    metric: qa_coverage
    comparator: ">="
    target: 6
    min_sample: 5
    credit_share: 0.01
  - id: qa-score
    metric: qa_mean_score
    comparator: ">="
    target: 85
    min_sample: 45
  - id: qa-critical
    metric: qa_critical_error_rate
    comparator: "<="
    target: 0.05
    min_sample: 30
  - id: voice-sl
    metric: service_level
    comparator: ">="
    target: 0.5
    scope: {channel: voice}
    min_sample: 1
service_credits: {cap_share: 0.1}
"""


def test_contract_terms_on_qa_figures(figures_ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "krk-qa.yaml"
    path.write_text(CONTRACT)
    add_contract(figures_ws, path)
    march, april = evaluate_sla_periods(
        figures_ws, engagement_id=ENGAGEMENT, periods=["2026-03", "2026-04"]
    )
    terms = {t.term_id: t for t in march.terms}
    assert terms["qa-coverage"].status == "met"  # 50 / 7 = 7.1 evaluations per agent
    assert terms["qa-coverage"].sample_size == 7
    assert terms["qa-coverage"].value == pytest.approx(50 / 7)
    assert terms["qa-critical"].sample_size == 50
    assert terms["voice-sl"].status in ("met", "breached")  # KPI terms still measured
    later = {t.term_id: t for t in april.terms}
    assert later["qa-coverage"].status == "breached"  # 40 / 7 = 5.7 < 6
    assert later["qa-coverage"].credit == pytest.approx(100.0)
    assert later["qa-score"].status == "insufficient_data"  # 40 evaluations < 45
    assert later["qa-score"].value is not None


def test_qa_parity_reaches_agent_groups_through_the_roster(figures_ws: Workspace) -> None:
    audits = services.qa_parity(figures_ws, engagement_id=ENGAGEMENT)
    dims = [a.dimension for a in audits]
    assert dims == ["language", "seg_region", "seg_tier", "site_id", "employment_type"]
    employment = audits[-1]
    assert employment.evaluations == 90
    assert "only one employment_type group" in employment.notes[0]
    assert not any(a.findings for a in audits)  # scores do not depend on the group
    with pytest.raises(InputError, match="cannot compare QA by"):
        services.qa_parity(figures_ws, engagement_id=ENGAGEMENT, by=["tenure"])


def test_a_roster_without_agent_months_counts_months_in_post_up_to_the_workspaces_day(
    workspace: Workspace, tmp_path: Path
) -> None:
    # Without agent-months the coverage denominator is every month an agent still in post
    # was on the roster: up to the workspace's day, never the machine's clock.
    add_engagement(workspace)
    agents, _ = _roster(tmp_path)
    for table, path in (
        ("interactions", _interactions(tmp_path)),
        ("qa_evaluations", _evaluations(tmp_path, gap=12)),
        ("agents", agents),
    ):
        report = ingest_files(workspace, table=table, paths=[path], engagement_id=ENGAGEMENT)
        assert report.status == "accepted" and report.rows_quarantined == 0, report.reasons
    pin_today(workspace, date(2026, 4, 20))
    [overall] = services.qa_figures(workspace, engagement_id=ENGAGEMENT)
    # Seven agents hired 2026-01-05, still in post on 2026-04-20: January to April.
    assert overall.qa_active_agent_months == 7 * 4
    pin_today(workspace, date(2026, 6, 2))
    [later] = services.qa_figures(workspace, engagement_id=ENGAGEMENT)
    assert later.qa_active_agent_months == 7 * 6
