"""The analytics pages' workspace: a small demo, built once per test process.

The demo scenario (seed 7, scale 0.005) run through the production ingest path, with
telco-blr's packaged contract evaluated for 2026-06 and 2026-07 only (the other
engagements have none), the incidents imported with their findings, the vendors'
questionnaires loaded, a user per role, and the scenario's own day pinned as the
demo pins it. Smaller and narrower than ``tests/shared_demo.py`` (scale 0.05, every
step): the pages' assertions name this build's figures.
"""

from __future__ import annotations

from pathlib import Path

from fairshore.bootstrap import Workspace, init_workspace, pin_today
from fairshore.config import load_settings
from fairshore.contracts import services as contracts
from fairshore.demo import evaluate, feeds, pipeline
from fairshore.entrypoints.web.lake_memo import MEMO
from fairshore.vetting.demo_assessments import load_demo_assessments
from tests.e2e.web.conftest import add_role_users

SCALE = 0.005
SEED = 7


def build(home: Path) -> Workspace:
    """Build the workspace in ``home`` (a new folder) and return it open."""
    ws = init_workspace(load_settings(home=home))
    pin_today(ws, evaluate.YEAR_END)  # pages without ?as_of= judge as of the scenario's day
    ctx = pipeline.DemoContext(
        ws=ws, scale=SCALE, seed=SEED, progress=None, incoming=home / "incoming"
    )
    pipeline.register_entities(ctx)
    pipeline.generate_files(ctx)
    feeds.sync_vendor_feeds(ctx)
    evaluate.watch_privacy(ctx)
    evaluate.record_all_findings(ctx)
    contracts.add_contract(ws, contracts.demo_contract_path("telco-blr"))
    contracts.evaluate_sla_periods(ws, engagement_id="telco-blr", periods=["2026-06", "2026-07"])
    load_demo_assessments(ws)
    add_role_users(ws, "telco.example", vendor_id="northwind")  # signed in again and again
    MEMO.clear()
    return ws
