"""The findings register people work in: filters, search, sort, deep links and exports.

One workspace, frozen on 2026-11-05, with four findings of two vendors in organisation
``default`` and one of organisation ``other``. The page, its CSV and Excel exports, the
API and the CLI answer the same query string with the same findings.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from fairshore.accounts import services as accounts
from fairshore.adapters.db.repositories import ensure_organisation
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.entrypoints.cli.main import cli
from fairshore.entrypoints.web.app import create_app
from fairshore.governance import services as governance
from fairshore.governance.model import DEFAULT_DEADLINE_DAYS, Finding
from tests.e2e.web.conftest import PASSWORD, sign_in

TODAY = date(2026, 11, 5)
FORMULA = '=HYPERLINK("http://evil.example","x") voice wait'
# title, engagement, severity, source, detail, opened, credit
SEEDED = [
    (
        FORMULA,
        "telco-mnl",
        "critical",
        "sla",
        "Voice callers waited 95 s",
        date(2026, 10, 1),
        500.0,
    ),
    (
        "Spanish callers wait longer",
        "telco-mnl",
        "major",
        "parity",
        "ratio 0.7",
        date(2026, 10, 10),
        None,
    ),
    (
        "Overtime above the cap",
        "telco-blr",
        "minor",
        "people",
        "agents worked 12 h",
        date(2026, 10, 1),
        None,
    ),
    (
        "Certificate renewal pending",
        "telco-blr",
        "observation",
        "certificate",
        "ISO 27001",
        date(2026, 10, 1),
        None,
    ),
]


def _due(index: int) -> date:
    _, _, severity, _, _, opened, _ = SEEDED[index]
    return opened + timedelta(days=DEFAULT_DEADLINE_DAYS[severity])  # type: ignore[index]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    home: Path = tmp_path_factory.mktemp("register") / "ws"
    ws = init_workspace(load_settings(home=home, today=TODAY))
    entities.add_vendor(ws, id="northwind", name="Northwind")
    entities.add_vendor(ws, id="indigo", name="Indigo")
    for eid, vid in (("telco-mnl", "northwind"), ("telco-blr", "indigo")):
        entities.add_engagement(
            ws,
            id=eid,
            vendor_id=vid,
            name=eid.upper(),
            timezone="UTC",
            channels=["voice"],
            languages=["en"],
        )
    for n, (title, eid, severity, source, detail, opened, credit) in enumerate(SEEDED):
        finding = Finding(
            key=f"k{n}",
            source=source,
            engagement_id=eid,
            severity=severity,
            title=title,
            detail=detail,
            period="2026-09",
            credit=credit,
        )  # type: ignore[arg-type]
        at = datetime(opened.year, opened.month, opened.day, 9, tzinfo=UTC)
        governance.record_findings(ws, [finding], now=at)
    accounts.add_user(ws, email="analyst@telco.example", password=PASSWORD, role="analyst")
    accounts.add_user(
        ws, email="vendor@telco.example", password=PASSWORD, role="vendor", vendor_id="northwind"
    )
    with ws.db.begin() as conn:
        ensure_organisation(conn, "other", "Other Corp")
    other = dataclasses.replace(ws, organisation_id="other")
    entities.add_vendor(other, id="acme", name="Acme")
    entities.add_engagement(
        other,
        id="other-e",
        vendor_id="acme",
        name="Other E",
        timezone="UTC",
        channels=["voice"],
        languages=["en"],
    )
    governance.record_findings(
        other,
        [
            Finding(
                key="o",
                source="sla",
                engagement_id="other-e",
                severity="critical",
                title="Foreign callers waited",
            )
        ],
    )
    accounts.add_user(other, email="analyst@other.example", password=PASSWORD, role="analyst")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def client(ws: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(ws.settings, workspace=ws), base_url="https://testserver") as c:
        sign_in(c, "analyst@telco.example")
        yield c


def _titles(client: TestClient, query: str) -> list[str]:
    body = client.get(f"/api/v1/findings?{query}")
    assert body.status_code == 200, body.text
    return [f["title"] for f in body.json()["data"]]


T = [s[0] for s in SEEDED]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("severity=critical&severity=major", [T[0], T[1]]),
        ("vendor=indigo", [T[2], T[3]]),
        ("engagement=telco-blr&severity=minor", [T[2]]),
        ("source=parity", [T[1]]),
        ("search=callers", [T[0], T[1]]),  # the first in its description only
        ("search=WAITED+voice", [T[0]]),  # every word, any case
        ("search=%25", []),  # a literal %, not a wildcard
        ("due=overdue", [T[0]]),
        ("due=due_soon", [T[1]]),
        (f"due_from={_due(1)}&due_to={_due(2)}", [T[1], T[2]]),
        ("sort=severity&desc=1", [T[0], T[1], T[2], T[3]]),
        ("sort=severity", [T[3], T[2], T[1], T[0]]),
        ("sort=value&desc=1&severity=critical&severity=minor", [T[0], T[2]]),
        ("status=closed", []),
    ],
)
def test_the_api_filters_searches_and_sorts_like_the_page(
    client: TestClient, query: str, expected: list[str]
) -> None:
    assert _titles(client, query) == expected
    page = client.get(f"/findings?{query}").text
    for title in T:
        assert (title.replace('"', "&#34;") in page) == (title in expected), (query, title)


def test_bad_filters_are_refused_with_the_reason(client: TestClient) -> None:
    for query, reason in (
        ("severity=bogus", "severity"),
        ("due_from=11/05", "due_from"),
        ("sort=colour", "sort"),
        ("due=later", "due"),
    ):
        answer = client.get(f"/api/v1/findings?{query}")
        assert answer.status_code == 422, query
        assert reason in answer.text and "Traceback" not in answer.text
        assert client.get(f"/findings?{query}").status_code == 422


def test_the_filter_state_is_in_every_link_of_the_page(client: TestClient) -> None:
    page = client.get("/findings?severity=major&vendor=northwind&sort=due").text
    kept = "status=active&amp;severity=major&amp;vendor=northwind"
    assert f'href="/findings.csv?{kept}"' in page and f'href="/findings.xlsx?{kept}"' in page
    # a header sorts by its column keeping the filters; the current sort's flips
    assert f'href="/findings?{kept}&amp;sort=severity&amp;desc=0"' in page
    assert f'href="/findings?{kept}&amp;sort=due&amp;desc=1"' in page
    assert '<option value="northwind" selected>' in page
    assert '<input type="checkbox" name="severity" value="major" checked>' in page


def test_the_csv_export_is_the_filtered_view_and_runs_no_formula(client: TestClient) -> None:
    answer = client.get("/findings.csv?severity=critical&severity=minor&sort=severity&desc=1")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="findings-2026-11-05.csv"'
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["title"] for r in rows] == ["'" + FORMULA, T[2]]  # quoted: no formula runs
    assert [r["engagement"] for r in rows] == ["telco-mnl", "telco-blr"]
    assert rows[0]["credit"] == "500.0" and rows[0]["periods"] == "2026-09"


def test_the_excel_export_is_the_filtered_view(client: TestClient) -> None:
    answer = client.get("/findings.xlsx?vendor=northwind")
    book = load_workbook(io.BytesIO(answer.content))
    sheet = book["Findings"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    titles = [row[values[0].index("title")] for row in values[1:]]
    assert titles == ["'" + FORMULA, T[1]]
    assert all(c.data_type == "s" for c in sheet["E"][1:])  # stored as text


def test_a_vendor_and_another_tenant_see_only_their_own(ws: Workspace) -> None:
    app = create_app(ws.settings, workspace=ws)
    with TestClient(app, base_url="https://testserver") as c:
        sign_in(c, "vendor@telco.example")
        assert _titles(c, "") == [T[0], T[1]]
        assert _titles(c, "vendor=indigo") == []
        assert c.get("/findings?engagement=telco-blr").status_code == 404
        assert c.get("/findings.csv").status_code == 403  # a vendor exports nothing
        assert "/findings.csv" not in c.get("/findings").text
        sign_in(c, "analyst@other.example")
        assert _titles(c, "status=all") == ["Foreign callers waited"]
        assert c.get("/findings.xlsx?engagement=telco-mnl").status_code == 404
        assert "Foreign" in c.get("/findings.csv?search=callers").text
        assert "telco-mnl" not in c.get("/findings.csv?search=callers").text


def test_the_cli_lists_with_the_same_filters(ws: Workspace) -> None:
    args = [
        "--home",
        str(ws.home),
        "findings",
        "list",
        "--severity",
        "critical",
        "--severity",
        "major",
        "--search",
        "callers",
        "--sort",
        "severity",
        "--json",
    ]
    result = CliRunner().invoke(cli, args, env={"FAIRSHORE_TODAY": TODAY.isoformat()})
    assert result.exit_code == 0, result.output
    assert [r["title"] for r in json.loads(result.stdout)] == [T[1], T[0]]
    # ``all`` is every status on each surface (the page's status menu sends it)
    home = ["--home", str(ws.home), "findings", "list", "--json"]
    every = CliRunner().invoke(cli, [*home, "--status", "all"])
    assert every.exit_code == 0, every.output
    unfiltered = CliRunner().invoke(cli, home)
    assert json.loads(every.stdout) == json.loads(unfiltered.stdout)
    assert len(json.loads(every.stdout)) == len(SEEDED)
    bad = CliRunner().invoke(cli, ["--home", str(ws.home), "findings", "list", "--due", "later"])
    assert bad.exit_code == 1 and "--due: Input should be 'overdue' or 'due_soon'" in str(
        bad.exception
    )  # the entry point prints it as a one-line error


def test_history_shows_times_to_the_second(ws: Workspace, client: TestClient) -> None:
    at = datetime(2026, 11, 5, 10, 30, 15, 123456, tzinfo=UTC)
    governance.update_finding(ws, 2, actor="analyst@telco.example", note="checked", now=at)
    _, history = governance.get_finding(ws, 2)
    assert history[-1].at.startswith("2026-11-05T10:30:15") and "." not in history[-1].at
    assert "10:30:15.123456" not in client.get("/portal/findings/2").text


def test_the_owner_filter_is_the_assigned_user(ws: Workspace, client: TestClient) -> None:
    from fairshore.attention.owners import assign_finding

    first = governance.page_findings(ws, limit=10).records[0]
    try:
        assign_finding(ws, first.id, to="analyst@telco.example", actor="test")
        assert _titles(client, "owner=analyst%40telco.example") == [first.finding.title]
        assert first.finding.title not in _titles(client, "owner=none")
        assert len(_titles(client, "owner=none")) == len(SEEDED) - 1
        page = client.get("/findings?owner=analyst%40telco.example").text
        assert '<option value="analyst@telco.example" selected>' in page
    finally:
        assign_finding(ws, first.id, to=None, actor="test")
