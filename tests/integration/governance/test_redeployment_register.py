"""The redeployment register through the database, the CLI (--json) and the ESG summary."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as engagements
from fairshore.entrypoints.cli.main import cli
from fairshore.errors import FairshoreError, InputError, NotFoundError
from fairshore.reporting import services as reports
from fairshore.reporting.model import Table
from fairshore.sourcing import transition_services as transitions
from fairshore.vetting import energy_services as energy
from fairshore.vetting.services import add_evidence


@pytest.fixture
def ws(db_workspace: Workspace) -> Workspace:
    engagements.add_vendor(db_workspace, id="northwind", name="Northwind BPO", country_iso2="PH")
    engagements.add_engagement(
        db_workspace, id="telco-mnl", vendor_id="northwind", name="Telco Manila",
        timezone="Asia/Manila", channels=["voice"], languages=["en"],
    )  # fmt: skip
    return db_workspace


def test_register_and_esg_summary(ws: Workspace, tmp_path: Path) -> None:
    transitions.add_transition(
        ws, engagement_id="telco-mnl", team="Billing care", recorded_on=date(2026, 3, 1),
        affected=40, redeployed=28, retrained=30, left=4, note="retail stores, 6-week course",
    )  # fmt: skip
    with pytest.raises(InputError, match="add up to more than"):
        transitions.add_transition(
            ws, engagement_id="telco-mnl", team="X", recorded_on=date(2026, 3, 1),
            affected=1, redeployed=2,
        )  # fmt: skip
    with pytest.raises(NotFoundError):
        transitions.add_transition(
            ws, engagement_id="nope", team="X", recorded_on=date(2026, 3, 1), affected=1
        )
    assert len(transitions.list_transitions(ws)) == 1  # nothing half-written
    cert = tmp_path / "sa8000.pdf"
    cert.write_bytes(b"%PDF-1.4 SA8000 certificate")
    add_evidence(
        ws, "northwind", cert, type="sa8000", issuer="SAAS", scope=("*",),
        valid_from=date(2025, 6, 1), valid_until=date(2028, 5, 31), status="verified_by_auditor",
    )  # fmt: skip
    report = reports.esg_report(ws, vendor_id="northwind", period="2026")
    section = report.section("community")
    assert section.figures[0].text == "70.0 %"  # 28 of 40 redeployed
    tables = {b.title: b for b in section.blocks if isinstance(b, Table)}
    assert tables["Client staff affected by outsourcing"].rows == [
        ["telco-mnl", 1, 40, 28, 30, 4, 8]
    ]
    certs = {r[0]: r for r in tables["Ethical certifications"].rows}
    assert certs["SA8000 (Social Accountability International)"][1] == "declared, with evidence"
    assert certs["B Corp (B Lab)"][1] == "not available"


def test_cli_json(workspace: Workspace) -> None:
    engagements.add_vendor(workspace, id="northwind", name="Northwind BPO")
    engagements.add_engagement(
        workspace, id="telco-mnl", vendor_id="northwind", name="Telco Manila",
        timezone="Asia/Manila", channels=["voice"], languages=["en"],
    )  # fmt: skip
    runner = CliRunner()
    home = ["--home", str(workspace.home)]
    added = runner.invoke(
        cli,
        [*home, "redeployment", "add", "-e", "telco-mnl", "--team", "Billing care",
         "--affected", "12", "--redeployed", "9", "--retrained", "9", "--on", "2026-03-01",
         "--json"],
        catch_exceptions=False,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["redeployed"] == 9
    listed = runner.invoke(cli, [*home, "redeployment", "list", "--json"], catch_exceptions=False)
    data = json.loads(listed.output)
    assert data["transitions"][0]["pending"] == 3
    assert data["totals"][0]["redeployed_share"] == 0.75
    with pytest.raises(FairshoreError, match="not a date"):
        runner.invoke(
            cli,
            [*home, "redeployment", "add", "-e", "telco-mnl", "--team", "T", "--affected", "1",
             "--on", "March"],
            catch_exceptions=False,
        )  # fmt: skip


def test_energy_import_accounts_for_every_row_and_reaches_the_esg(
    ws: Workspace, tmp_path: Path
) -> None:
    engagements.add_site(
        ws, id="northwind-mnl", vendor_id="northwind", name="Manila", location="Manila",
        country_iso2="PH", timezone="Asia/Manila", currency="PHP",
    )  # fmt: skip
    engagements.add_engagement(
        ws, id="telco-mnl2", vendor_id="northwind", name="Telco Manila 2",
        timezone="Asia/Manila", channels=["voice"], languages=["en"], site_ids=["northwind-mnl"],
    )  # fmt: skip
    readings = tmp_path / "energy.csv"
    readings.write_text(
        "site_id,month,kwh,renewable_kwh,source\n"
        "northwind-mnl,2026-01,42000,10500,meter\n"
        "elsewhere,2026-01,1000,,meter\n"
        "northwind-mnl,2026-02,38000,9500,invoice\n"
        "northwind-mnl,2026-02x,1,,meter\n"
    )
    result = energy.import_energy(ws, readings)
    assert (result.read, result.accepted, len(result.rejected)) == (4, 2, 2)
    assert any("'elsewhere'" in r for r in result.rejected)
    energy.import_energy(ws, readings)  # again: replaced, not doubled
    assert len(energy.list_energy(ws)) == 2
    report = reports.esg_report(ws, vendor_id="northwind", period="2026")
    table = next(
        b for b in report.section("community").blocks
        if isinstance(b, Table) and b.title.startswith("Energy per contact")
    )  # fmt: skip
    assert table.rows == [[
        "northwind-mnl", 2, 80000, 0, None, "no energy per contact declared", "25.0 %",
        "no renewable share declared", "invoice, meter",
    ]]  # fmt: skip
