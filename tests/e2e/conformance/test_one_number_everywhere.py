"""One number, one home (issue 19): every surface shows the same headline figures.

For the demo workspace (``demo_ws``: scale 0.05, seed 7, every step run), each headline
figure of 2026-Q3 is read through the CLI ``--json``, through ``/api/v1`` with a signed-in
session, and from the QBR, board pack and ESG summary result objects; they must be
equal. Reports show numbers as people read them, so a report cell is compared with the
CLI's figure put through the same formatter (``fairshore.numbers``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from fairshore import numbers
from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli
from fairshore.entrypoints.web.app import create_app
from fairshore.reporting import services as reports
from fairshore.reporting.model import KeyFigure, Report, Table
from tests.e2e.web.conftest import PASSWORD, sign_in

# One worker runs the module: the signed-in client, the QBR and the board pack below are
# built once for all its tests (they only read them).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("one-number")]

QUARTER, FIRST, LAST, NEXT = "2026-Q3", "2026-07-01", "2026-09-30", "2026-10-01"
ENGAGEMENT = "telco-blr"  # the demo's QBR engagement: voice, chat and e-mail
MONTHS = ("2026-07", "2026-08", "2026-09")
RUNNER = CliRunner()


def run_cli(ws: Workspace, *args: str) -> Any:
    result = RUNNER.invoke(cli, ["--home", str(ws.home), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def api(demo_ws: Workspace) -> Iterator[TestClient]:
    accounts.add_user(
        demo_ws, email="analyst@conformance.example", password=PASSWORD, role="analyst"
    )
    app = create_app(demo_ws.settings, workspace=demo_ws)
    with TestClient(app, base_url="https://testserver") as client:
        sign_in(client, "analyst@conformance.example")
        yield client


@pytest.fixture(scope="module", autouse=True)
def reading(demo_ws: Workspace) -> Iterator[Workspace]:
    """The module's reports (QBR, board pack, each vendor's ESG summary) built in one
    ``Workspace.reading()``, as ``fairshore demo`` writes them: a claim measurement or
    people report two of them read is computed once (the module writes no register;
    the CLI and the web API, the surfaces they are compared with, compute their own)."""
    with demo_ws.reading():
        yield demo_ws


@pytest.fixture(scope="module")
def qbr(reading: Workspace) -> Report:
    return reports.qbr_report(reading, engagement_id=ENGAGEMENT, quarter=QUARTER)


@pytest.fixture(scope="module")
def board(reading: Workspace) -> Report:
    return reports.board_report(reading, quarter=QUARTER)


def get(api: TestClient, path: str) -> Any:
    response = api.get(path)
    assert response.status_code == 200, response.text
    return response.json()


def table(report: Report, title: str) -> Table:
    return next(t for t in report.tables() if t.title == title)


def key_figure(report: Report, section: str, label: str) -> KeyFigure:
    return next(f for f in report.section(section).figures if f.label == label)


def cells(t: Table, key: str) -> dict[str, Any]:
    """The row of ``t`` whose first cell is ``key``, by column title."""
    row = next(r for r in t.rows if r[0] == key)
    return dict(zip(t.columns, row, strict=True))


def test_service_by_channel_is_one_figure_on_every_surface(
    demo_ws: Workspace, api: TestClient, qbr: Report, board: Report
) -> None:
    cli_rows = run_cli(
        demo_ws,
        "kpis",
        "--engagement",
        ENGAGEMENT,
        "--by",
        "channel",
        "--from",
        FIRST,
        "--to",
        LAST,
    )["rows"]
    by_cli = {r["channel"]: r for r in cli_rows}
    api_rows = get(
        api, f"/api/v1/engagements/{ENGAGEMENT}/kpis?by=channel&start={FIRST}&end={NEXT}"
    )["rows"]
    by_api = {r["group"]["channel"]: r for r in api_rows}
    assert set(by_cli) == set(by_api) == {"voice", "chat", "email"}
    service = table(qbr, "Service by channel")
    for channel, c in by_cli.items():
        a, shown = by_api[channel], cells(service, channel)
        for name in ("offered", "answered", "service_level", "asa_s", "abandon_rate"):
            assert c[name] == a[name], (channel, name)
        for name in ("fcr_rate", "csat_top2"):
            assert c[name] == a[name], (channel, name)
        assert shown["offered"] == numbers.count(c["offered"])
        assert shown["answered"] == numbers.count(c["answered"])
        assert shown["service level"] == numbers.percent(c["service_level"])
        assert shown["ASA"] == numbers.duration(c["asa_s"])
        assert shown["abandon rate"] == numbers.percent(c["abandon_rate"])
        assert shown["FCR"] == numbers.percent(c["fcr_rate"])
        assert shown["CSAT top-2"] == numbers.percent(c["csat_top2"])
    offered = sum(r["offered"] for r in cli_rows)
    answered = sum(r["answered"] for r in cli_rows)
    assert answered < offered  # the QBR once called the offered count "handled"
    assert key_figure(qbr, "summary", "Contacts offered").value == offered
    assert key_figure(qbr, "summary", "Contacts answered").value == answered
    portfolio = cells(table(board, "Engagements side by side"), ENGAGEMENT)
    assert portfolio["contacts"] == offered


def test_service_credits_are_one_figure_on_every_surface(
    demo_ws: Workspace, api: TestClient, qbr: Report, board: Report
) -> None:
    cli = [e for e in run_cli(demo_ws, "sla", "history", "--engagement", ENGAGEMENT)]
    web = get(api, f"/api/v1/engagements/{ENGAGEMENT}/sla")["periods"]
    cli_q = {e["period"]: e for e in cli if e["period"] in MONTHS}
    web_q = {p["period"]: p for p in web if p["period"] in MONTHS}
    assert set(cli_q) == set(web_q) == set(MONTHS)
    for month in MONTHS:
        for name in ("credits_before_cap", "credits_owed", "earned_back", "net_credit"):
            assert cli_q[month][name] == web_q[month][name], (month, name)
        assert cli_q[month]["status_counts"]["breached"] == web_q[month]["breached"]
    net = round(sum(e["net_credit"] for e in cli_q.values()), 2)
    currency = cli_q[MONTHS[0]]["currency"]
    assert key_figure(qbr, "sla", "Net service credit").value == net
    portfolio = cells(table(board, "Engagements side by side"), ENGAGEMENT)
    assert portfolio["net credit"] == numbers.money(net, currency)


def test_contradicted_claims_are_counted_once(demo_ws: Workspace, board: Report) -> None:
    ranking = cells_by_vendor(table(board, "Ranking"))
    assert ranking, "the demo assesses its vendors"
    counts = {}
    for vendor, row in ranking.items():
        esg = reports.esg_report(demo_ws, vendor_id=vendor, period=QUARTER)
        figure = key_figure(esg, "claims", "Declarations contradicted by data")
        assert figure.value == row["claims contradicted"], vendor
        counts[vendor] = row["claims contradicted"]
    assert any(counts.values()), "the demo plants a vendor whose data contradicts it"


def test_the_scorecard_counts_contradicted_claims_as_the_esg_summary(
    demo_ws: Workspace, api: TestClient
) -> None:
    # northwind's planted underpay: declared 100 % paid the living wage, measured less.
    card = get(api, f"/api/v1/scorecards/northwind?as_of={LAST}")
    shown = [line["claim"] for line in card["lines"] if line["claim"]]
    contradicted = sum(claim["contradicted"] for claim in shown)
    esg = reports.esg_report(demo_ws, vendor_id="northwind", period=card["claims_period"])
    figure = key_figure(esg, "claims", "Declarations contradicted by data")
    assert figure.value == contradicted > 0


def cells_by_vendor(t: Table) -> dict[str, dict[str, Any]]:
    return {str(row[1]): dict(zip(t.columns, row, strict=True)) for row in t.rows}


def test_vendor_scores_are_one_figure_on_every_surface(
    demo_ws: Workspace, api: TestClient, board: Report
) -> None:
    cli = {v["vendor_id"]: v for v in run_cli(demo_ws, "vet", "rank", "--as-of", LAST)["vendors"]}
    web = {r["vendor_id"]: r for r in get(api, f"/api/v1/scorecards?as_of={LAST}")["rows"]}
    shown = cells_by_vendor(table(board, "Ranking"))
    assert set(cli) == set(web) == set(shown)
    for vendor, c in cli.items():
        assert c["total"] == pytest.approx(web[vendor]["total"], abs=1e-9), vendor
        assert c["rank"] == web[vendor]["rank"] == shown[vendor]["rank"], vendor
        assert shown[vendor]["score"] == round(c["total"], 1), vendor
        card = get(api, f"/api/v1/scorecards/{vendor}?as_of={LAST}")
        assert card["total"] == pytest.approx(c["total"], abs=1e-9), vendor


def test_findings_counts_are_one_figure_on_every_surface(
    demo_ws: Workspace, api: TestClient, board: Report
) -> None:
    cli = run_cli(demo_ws, "findings", "list", "--engagement", ENGAGEMENT, "--status", "active")
    web = get(api, f"/api/v1/findings?engagement_id={ENGAGEMENT}&status=active&limit=500")
    assert len(cli) == web["total"] > 0
    portfolio = cells(table(board, "Engagements side by side"), ENGAGEMENT)
    assert portfolio["open findings"] == len(cli)
    severe = sum(1 for f in cli if f["severity"] in ("critical", "major"))
    assert portfolio["critical/major"] == severe
