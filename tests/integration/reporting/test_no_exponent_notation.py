"""No figure a person reads is in exponent notation (``2.07e+04``): CLI tables, finding
titles, web pages and reports, all on the shared small demo.

``sla history`` once printed credits as ``2.07e+04`` and finding titles carried
``1.025e+05`` into the web and the QBR, from Python's ``g`` format. The text scanned
is what a person sees: terminal output, page text outside scripts and attributes
(chart data is for the chart, not for reading), finding titles and details.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from fairshore import numbers
from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli
from fairshore.entrypoints.web.app import create_app
from fairshore.governance.services import list_findings
from fairshore.reporting import services as reports
from fairshore.reporting.render import get_renderer
from tests.e2e.web.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.slow

# What Python's e/g formats and str(float) write: a mantissa, e, a sign, two digits.
EXPONENT = re.compile(r"\d(?:\.\d+)?[eE][+-]\d{2,}")

CLI_COMMANDS = [
    ["sla", "history", "--engagement", "telco-blr"],
    ["sla", "history", "--engagement", "telco-mnl"],
    ["findings", "list"],
    ["kpis", "--engagement", "telco-blr", "--by", "month,channel"],
    ["people", "--engagement", "telco-mnl"],
    ["parity", "--engagement", "telco-krk", "--by", "language"],
    ["staff", "adequacy", "--engagement", "telco-blr", "--period", "2026-Q3"],
    ["privacy", "anomalies", "--engagement", "telco-mnl"],
]
PAGES = [
    "/",
    "/findings",
    "/scorecards",
    "/tco",
    "/reports",
    *[f"/scorecards/{v}" for v in ("northwind", "indigo", "andes", "vistula")],
    *[
        f"/engagements/{e}/{s}"
        for e in ("telco-blr", "telco-mnl", "telco-krk")
        for s in ("kpis", "contract", "parity", "people", "privacy", "staffing")
    ],
]


class _Text(HTMLParser):
    """The text of a page as read: no scripts, styles or attribute values."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def _exponents(text: str) -> list[str]:
    return [text[max(0, m.start() - 40) : m.end() + 10] for m in EXPONENT.finditer(text)]


def test_the_scan_finds_exponent_notation() -> None:
    # The scan can fail: what the old code wrote is caught, the formatter's output is not.
    assert _exponents(f"credits {20700.5:,.4g} INR; {102500.0:.4g}; {1e-05}")
    assert not _exponents(f"{numbers.money(20700.5, 'INR')} {numbers.number(1e21)} sha 3e52f")
    assert not _exponents(_visible('<p>ok</p><script>{"v": 1e-05}</script><a title="2e+05">x</a>'))


def test_cli_tables_show_no_exponent_notation(demo_ws: Workspace) -> None:
    for command in CLI_COMMANDS:
        result = CliRunner().invoke(cli, ["--home", str(demo_ws.home), *command])
        assert result.exit_code == 0, (command, result.output)
        assert _exponents(result.output) == [], command


def test_finding_titles_show_no_exponent_notation(demo_ws: Workspace) -> None:
    records = list_findings(demo_ws)
    assert len(records) > 20
    for r in records:
        assert _exponents(f"{r.finding.title} {r.finding.detail}") == [], r.finding.key


def test_reports_show_no_exponent_notation(demo_ws: Workspace) -> None:
    # The demo's own reports (its last step renders them to HTML with the same renderer):
    # the board pack, telco-blr's QBR of 2026-Q3 and each vendor's ESG summary of the year.
    # Built again here they would cost a minute and be the same pages.
    written = sorted((demo_ws.home / "reports").glob("*.html"))
    names = {p.stem for p in written}
    assert {"board-2026-Q3", "qbr-telco-blr-2026-Q3"} <= names
    assert {
        f"esg-{v}-2025-11_2026-10" for v in ("northwind", "indigo", "andes", "vistula")
    } <= names
    html = get_renderer("html")
    for path in written:
        assert _exponents(_visible(path.read_text(encoding="utf-8"))) == [], path.name
    # The QBRs the demo does not write: the other engagements' quarters.
    for engagement in ("telco-mnl", "telco-krk"):
        report = reports.qbr_report(demo_ws, engagement_id=engagement, quarter="2026-Q3")
        text = _visible(html.render(report, paper="a4").decode())
        assert _exponents(text) == [], report.title


def test_web_pages_show_no_exponent_notation(demo_ws: Workspace) -> None:
    accounts.add_user(demo_ws, email="reader@telco.example", password=PASSWORD, role="analyst")
    app = create_app(demo_ws.settings, workspace=demo_ws)
    with TestClient(app, base_url="https://testserver") as client:
        sign_in(client, "reader@telco.example")
        for path in PAGES:
            page = client.get(path)
            assert page.status_code == 200, path
            assert _exponents(_visible(page.text)) == [], path
