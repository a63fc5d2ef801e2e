"""The demo's governance step: audits with findings, touchpoint recommendations, disclosure."""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.bootstrap import Workspace
from fairshore.demo import pipeline
from fairshore.governance import services
from fairshore.sourcing import services as sourcing
from fairshore.vetting.demo_assessments import load_demo_assessments


def test_demo_records_audits_once_and_writes_the_disclosure(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the governance step needs no lake data: skip generating and ingesting the year
    steps = [s for s in pipeline.STEPS if s.name in ("register", "governance", "findings")]
    monkeypatch.setattr(pipeline, "STEPS", steps)
    ctx = pipeline.run_demo(workspace, scale=0.01, seed=1)
    result = ctx.results["governance"]
    assert set(result["audits"]) == {"telco-mnl", "telco-blr", "telco-bog", "telco-krk"}
    # RBA deduction model (reference/ethics-standards.md): 200 - 2 majors x 4 - 1 minor x 1
    assert result["audits"]["telco-mnl"]["score"] == 191
    assert result["recommendations"]["fraud-disputes"] == "keep_in_house"
    assert result["recommendations"]["password-reset"] == "automate_with_human_fallback"

    audit_findings = services.list_findings(workspace, source="audit")
    titles = {f.finding.title for f in audit_findings if f.finding.engagement_id == "telco-mnl"}
    assert any("living wage" in t for t in titles)
    assert len(audit_findings) == 8

    markdown = (workspace.home / "reports" / "disclosure.md").read_text()
    assert "the Philippines" in markdown and "Poland" in markdown
    assert "Northwind Contact Solutions" in markdown
    assert (
        "<h1>How Telco answers your questions</h1>"
        in (workspace.home / "reports" / "disclosure.html").read_text()
    )

    # a re-run neither audits twice nor doubles the findings
    pipeline.run_demo(workspace, scale=0.01, seed=1)
    assert len(services.list_audits(workspace)) == 4
    assert len(services.list_findings(workspace, source="audit")) == 8


def test_disclosure_states_only_verified_valid_certificates(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "STEPS", [pipeline.STEPS[0]])
    pipeline.run_demo(workspace, scale=0.01, seed=1)
    load_demo_assessments(workspace)
    text = sourcing.disclosure_statement(
        workspace, company="Telco", contact="0800", today=date(2026, 10, 31)
    ).markdown
    northwind = text.split("## Northwind")[1].split("## ")[0]
    # ISO 27001 verified by an auditor is stated; a SOC 2 report merely provided is not
    assert "information security (ISO/IEC 27001) certified by Bureau Veritas" in northwind
    assert "SOC 2" not in northwind
    # only data-protection certificates belong under "how it is protected"
    assert "payroll_audit" not in text and "iso14001" not in text
    # the regimes each engagement falls under are named (the demo's telecom: GDPR for all)
    krk = text.split("## Vistula")[1].split("## ")[0]
    assert "Laws that govern how your data is handled here: GDPR (EU) and UK GDPR." in krk
    assert "PCI DSS v4.0 (card data)" in northwind
