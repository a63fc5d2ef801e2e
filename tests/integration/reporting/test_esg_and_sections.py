"""ESG summaries, QBR data protection and findings, board spend: rendered from the demo.

Reference numbers come from the capabilities that measured them (the people report,
privacy's incident register, contracts' stored evaluations), read here independently
of the report builders, and are looked for in the PDF text extracted by pypdf.
The planted problems are the generator's truth.json: ``underpay`` (northwind pays
below the Manila living wage while claiming otherwise) and ``late_breach_notification``
(telco-bog told the client 96 h after awareness, contract window 24 h).
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from fairshore import numbers
from fairshore.bootstrap import Workspace
from fairshore.contracts.services import sla_history
from fairshore.engagements.services import add_vendor, list_engagements
from fairshore.entrypoints.cli.main import cli
from fairshore.metrics.periods import parse_period
from fairshore.metrics.services import compute_kpis
from fairshore.people.services import people_report
from fairshore.privacy.services import list_incidents
from fairshore.reporting import services
from fairshore.reporting.esg_community_inputs import community_report
from fairshore.reporting.model import Report, Table
from fairshore.reporting.render import get_renderer
from fairshore.vetting import services as vetting
from fairshore.vetting.claims import contradicted_count

# One worker runs the module, so each report below is built once (the tests only read it).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("esg-and-sections")]

YEAR = "2025-11..2026-10"


@pytest.fixture(scope="module")
def vistula_esg(demo_ws: Workspace) -> Report:
    return services.esg_report(demo_ws, vendor_id="vistula", period=YEAR)


@pytest.fixture(scope="module")
def bog_q2(demo_ws: Workspace) -> Report:
    return services.qbr_report(demo_ws, engagement_id="telco-bog", quarter="2026-Q2")


@pytest.fixture(scope="module")
def board_q3(demo_ws: Workspace) -> Report:
    return services.board_report(demo_ws, quarter="2026-Q3")


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _table(report_section: object, title: str) -> Table:
    for block in report_section.blocks:  # type: ignore[attr-defined]
        if isinstance(block, Table) and block.title.startswith(title):
            return block
    raise AssertionError(f"no table {title!r}")


def test_demo_wrote_one_esg_summary_per_vendor(demo_ws: Workspace) -> None:
    names = {p.name for p in (demo_ws.home / "reports").iterdir()}
    for vendor in ("northwind", "indigo", "andes", "vistula"):
        assert f"esg-{vendor}-2025-11_2026-10.pdf" in names
        assert f"esg-{vendor}-2025-11_2026-10.html" in names


def test_esg_pdf_numbers_equal_the_measured_ones(demo_ws: Workspace, tmp_path: Path) -> None:
    pdf = (demo_ws.home / "reports" / "esg-northwind-2025-11_2026-10.pdf").read_bytes()
    html = (demo_ws.home / "reports" / "esg-northwind-2025-11_2026-10.html").read_text()
    text = _pdf_text(pdf)

    # The people capability's own report for the same vendor, engagement and period.
    people = people_report(demo_ws, "telco-mnl", period=parse_period("2025-11..2026-10"))
    site = people.pay.sites[0]
    assert site.share_below_living_wage is not None and site.lowest_ratio is not None
    assert site.share_below_living_wage > 0.5 and site.lowest_ratio < 1.0  # planted underpay
    assert f"{site.share_below_living_wage * 100:.1f} %" in text
    assert f"{site.lowest_ratio:.2f}" in text
    for value in (
        people.occupancy.overall,
        people.workforce.overall.annual_rate,
        people.workforce.in_house_share,
        people.hours.breach_share,
    ):
        assert value is not None
        assert f"{value * 100:.1f} %" in text
    assert people.hours.training_hours_mean is not None
    assert f"{people.hours.training_hours_mean:.1f} h" in text

    # Declared figures stay declared: northwind's "100 %" claim sits in the declared
    # column with its evidence status, beside the measured share, and is contradicted.
    report = services.esg_report(demo_ws, vendor_id="northwind", period=YEAR)
    claims = _table(report.section("claims"), "Labour declarations")
    share_row = next(r for r in claims.rows if "share of agents is paid" in str(r[0]))
    assert share_row[1] == "100.0 %" and share_row[2] == "declared, without evidence"
    assert share_row[3] == f"{(1 - site.share_below_living_wage) * 100:.1f} %"
    assert share_row[4] == "measured" and share_row[5] == "contradicted by data"
    labour = _table(report.section("labour"), "Labour and human-rights")
    assert {r[5] for r in labour.rows} == {"measured"}
    environment = _table(report.section("environment"), "Environment declarations")
    assert "measured" not in {r[2] for r in environment.rows}
    assert report.section("labour").light == "red"

    # Reproducibility: period, batches with hashes, methodology.
    assert "2025-11-01 to 2026-10-31" in text and "Methodology versions" in text
    assert report.batches and all(b.engagement_id == "telco-mnl" for b in report.batches)
    for batch in report.batches:
        assert batch.sha256 and batch.sha256 in html

    # A page as a picture, kept with the test's artefacts.
    image = pdfium.PdfDocument(pdf)[0].render(scale=1.5).to_pil()
    png = tmp_path / "esg-northwind-page1.png"
    image.save(png)
    assert png.stat().st_size > 10_000
    assert image.convert("L").getextrema()[0] < 80


def test_esg_environment_evidence_status_from_the_questionnaire(vistula_esg: Report) -> None:
    # docs/vetting.md demo: vistula holds an auditor-verified ISO 14001 valid to 2028-05-31.
    environment = _table(vistula_esg.section("environment"), "Environment declarations")
    iso = next(r for r in environment.rows if "ISO 14001" in str(r[0]))
    assert iso[2] == "declared, with evidence" and "2028-05-31" in str(iso[3])


def test_esg_parity_shows_the_planted_language_gap(vistula_esg: Report) -> None:
    # truth.json language_wait_gap: Spanish speakers at telco-krk (vistula) wait longer.
    section = vistula_esg.section("parity")
    gaps = _table(section, "Parity findings")
    assert any("language=es" in str(r[2]) for r in gaps.rows)
    assert section.light == "red"  # a major gap (service level) among them


def test_a_vendor_without_data_says_so(demo_ws: Workspace, tmp_path: Path) -> None:
    add_vendor(demo_ws, id="newco", name="Newco BPO")
    report = services.esg_report(demo_ws, vendor_id="newco", period="2026")
    text = _pdf_text(get_renderer("pdf").render(report, paper="a4"))
    assert "No data for 2026" in text
    for section_id in ("labour", "wellbeing", "claims", "environment", "parity"):
        assert not report.section(section_id).has_data, section_id
    assert report.batches == [] and "0.0 %" not in text
    out = tmp_path / "newco.html"
    result = CliRunner().invoke(
        cli,
        ["--home", str(demo_ws.home), "report", "esg", "--vendor", "newco", "--year", "2026",
         "--html", str(out), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "esg" and data["period"] == "2026" and out.exists()
    bad = CliRunner().invoke(cli, ["--home", str(demo_ws.home), "report", "esg", "--vendor", "x"])
    assert bad.exception is not None and "--year" in str(bad.exception)


def test_qbr_incident_clock_shows_the_late_breach(demo_ws: Workspace, bog_q2: Report) -> None:
    incidents = [v.incident for v in list_incidents(demo_ws, engagement_id="telco-bog")]
    late = next(i for i in incidents if i.vendor_aware_at and i.vendor_aware_at.month == 5)
    assert late.client_notified_at and late.vendor_aware_at
    hours = (late.client_notified_at - late.vendor_aware_at).total_seconds() / 3600
    assert hours == 96.0  # truth.json late_breach_notification

    report = bog_q2
    section = report.section("privacy")
    clocks = _table(section, "Incident clocks")
    row = next(r for r in clocks.rows if r[0] == late.id)
    assert (row[5], row[6], row[7]) == ("96 h", "24 h", "late")
    assert section.light == "red"
    findings = _table(section, "Data-protection findings")
    assert any("Vendor notified the breach late" in str(r[3]) for r in findings.rows)
    text = _pdf_text(get_renderer("pdf").render(report, paper="a4"))
    assert "Incident clocks" in text and late.id in text and "96 h" in text

    # The client told the authority 44 h after the vendor's notice (GDPR Art. 33: 72 h).
    assert (row[8], row[9]) == ("2026-05-18 10:30", "met")
    # Both clocks stopped in Q2: the quarter after has no incident to show.
    after = services.qbr_report(demo_ws, engagement_id="telco-bog", quarter="2026-Q3")
    with pytest.raises(AssertionError, match="no table"):
        _table(after.section("privacy"), "Incident clocks")


def test_qbr_findings_are_those_of_the_quarter(bog_q2: Report) -> None:
    report = bog_q2
    table = _table(report.section("findings"), "Findings of 2026-Q2")
    roles = {r[3]: r[5] for r in table.rows}
    contract = next(t for t in roles if str(t).startswith("breach_notification_hours breached"))
    assert roles[contract] == "raised, open at end"
    # A finding about 2026-07 or later is not a finding of 2026-Q2.
    assert not any(str(r[4]).startswith(("2026-07", "2026-08", "2026-09")) for r in table.rows)
    actions = _table(report.section("findings"), "Corrective actions")
    assert actions.columns[-2:] == ["due", "status"]
    changes = report.section("changes")
    first = changes.blocks[0]
    assert isinstance(first, Table)
    assert {"Findings raised", "Findings closed", "Findings open at quarter end"} <= {
        r[0] for r in first.rows
    }


def test_board_pack_spend_against_plan_equals_the_contract_fees(
    demo_ws: Workspace, board_q3: Report
) -> None:
    spend = _table(board_q3.section("tco"), "Spend against plan")
    quarter = [
        e for e in sla_history(demo_ws, engagement_id="telco-blr")
        if e.period in ("2026-07", "2026-08", "2026-09")
    ]  # fmt: skip
    row = next(r for r in spend.rows if r[0] == "telco-blr")
    fee = sum(e.fee for e in quarter)
    credit = sum(e.net_credit for e in quarter)
    currency = quarter[0].currency
    assert row[2] == numbers.money(fee, currency) and row[3] == numbers.money(credit, currency)
    assert row[4] == numbers.money(fee - credit, currency)
    text = _pdf_text((demo_ws.home / "reports" / "board-2026-Q3.pdf").read_bytes())
    assert "Spend against plan" in text and f"{fee - credit:,.2f} {currency}" in text


def test_board_ranking_counts_each_vendors_contradicted_claims(
    demo_ws: Workspace, board_q3: Report
) -> None:
    ranking = _table(board_q3.section("vendors"), "Ranking")
    counts = {r[1]: r[-1] for r in ranking.rows}
    # The claims the quarter's data contradicts, counted by vetting's one function (the
    # ESG summary and the scorecard pages show the same count: tests/e2e/conformance).
    northwind = [e.id for e in list_engagements(demo_ws) if e.vendor_id == "northwind"]
    checks = vetting.vendor_claims(
        demo_ws, "northwind", engagement_ids=northwind, period=parse_period("2026-Q3")
    )
    assert counts["northwind"] == contradicted_count(checks) >= 1  # the planted underpay


def test_esg_energy_per_contact_counts_each_reading_months_handled_contacts(
    demo_ws: Workspace,
) -> None:
    # The community section counts handled contacts of all months in one grouped query;
    # the KPI service asked month by month, over each month's own span, must agree.
    span = parse_period(YEAR)
    energy = community_report(demo_ws, "northwind", span, []).energy
    assert energy, "the demo meters each site's electricity"
    mine = list_engagements(demo_ws, "northwind")
    for site in energy:
        assert site.months == 12
        served = [e.id for e in mine if site.site_id in e.site_ids]
        by_month = 0
        for month in span.months():
            for eid in served:
                table = compute_kpis(
                    demo_ws, engagement_id=eid, by=["channel"], start=month.start_at,
                    end=month.end_at,
                )  # fmt: skip
                by_month += sum(row.handled for row in table.rows)
        assert site.contacts_handled == by_month > 0, site.site_id
