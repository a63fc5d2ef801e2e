"""The demo's planted QA inflation: the inflating vendor is found, the honest ones are not."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from fairshore.bootstrap import Workspace
from fairshore.demo.generate import generate
from fairshore.demo.scenario import demo_scenario
from fairshore.engagements import services as engagements
from fairshore.interactions.services import ingest_files
from fairshore.quality.services import calibrate_engagement, qa_parity

PARITY = ("telco-mnl", "telco-krk")


def test_calibration_finds_indigo_and_clears_the_others(
    workspace: Workspace, tmp_path: Path
) -> None:
    for eng in demo_scenario().engagements:
        if not any(v.id == eng.vendor.id for v in engagements.list_vendors(workspace)):
            engagements.add_vendor(workspace, **eng.vendor.model_dump())
            engagements.add_site(workspace, **eng.site.model_dump())
        engagements.add_engagement(workspace, **eng.engagement.model_dump())
    out = tmp_path / "demo"
    result = generate(out, scale=0.01, seed=11, start=date(2026, 2, 1), end=date(2026, 3, 31))
    for entry in result.files:
        # QA parity needs the interactions and rosters too (two engagements keep it fast)
        if entry.table in ("interactions", "agents") and entry.engagement_id in PARITY:
            report = ingest_files(
                workspace,
                table=entry.table,
                paths=[out / p for p in entry.paths],
                engagement_id=entry.engagement_id,
                format=entry.format,
                mapping=out / entry.mapping if entry.mapping else None,
            )
            assert report.status == "accepted", report.error
        if entry.table == "qa_evaluations":
            report = ingest_files(
                workspace,
                table="qa_evaluations",
                paths=[out / p for p in entry.paths],
                engagement_id=entry.engagement_id,
            )
            assert report.status == "accepted" and report.rows_quarantined == 0
    truth = json.loads((out / "truth.json").read_text())
    [planted] = [p for p in truth["problems"] if p["kind"] == "qa_inflation"]
    assert planted["engagement_id"] == "telco-blr" and planted["expected"]["mean_difference"] > 8
    verdicts = {}
    for eng in demo_scenario().engagements:
        report = calibrate_engagement(workspace, engagement_id=eng.id)
        assert report.pairs >= 15, eng.id
        verdicts[eng.id] = [f.source for f in report.findings]
    assert verdicts == {
        "telco-mnl": [],
        "telco-blr": ["quality"],
        "telco-bog": [],
        "telco-krk": [],
    }
    # The generator plants no QA parity problem: no group is judged unequally.
    for engagement_id in PARITY:
        audits = qa_parity(workspace, engagement_id=engagement_id)
        assert {a.dimension for a in audits} >= {"language", "seg_region", "employment_type"}
        assert [f.title for a in audits for f in a.findings] == [], engagement_id
