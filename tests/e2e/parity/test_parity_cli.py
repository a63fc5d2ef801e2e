"""``fairshore parity`` through the CLI: the default command, ``audit`` and ``routing``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli

sys.path.insert(0, str(Path(__file__).parents[2] / "integration" / "parity"))
from parity_synthetic import interactions, write_lake


def _run(ws: Workspace, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--home", str(ws.home), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_parity_default_command_prints_json_with_the_finding(workspace: Workspace) -> None:
    write_lake(workspace.lake, interactions(6_000, seed=21, slow_language="es"))
    out = _run(workspace, "parity", "--engagement", "telco-krk", "--by", "language",
               "--outcome", "answered,wait", "--control", "channel,priority", "--json")  # fmt: skip
    data = json.loads(out)
    assert data["dimension"] == "language" and data["controls"] == ["channel", "priority"]
    assert [o["outcome"] for o in data["outcomes"]] == ["answered", "wait"]
    keys = {f["key"] for f in data["findings"]}
    assert "parity:telco-krk:language=es:wait" in keys
    group = data["outcomes"][1]["groups"][0]
    assert {"group", "n", "value", "impact_ratio", "p_adjusted", "adjusted_value"} <= set(group)


def test_parity_audit_table_and_routing(workspace: Workspace, tmp_path: Path) -> None:
    write_lake(workspace.lake, interactions(3_000, seed=22))
    out = _run(workspace, "parity", "audit", "--engagement", "telco-krk", "--by", "seg_tier",
               "--outcome", "answered", "--period", "2026-03")  # fmt: skip
    assert "premium" in out and "No finding." in out
    rng = np.random.default_rng(0)
    region = rng.choice(["north", "south"], 4_000)
    queue = np.where(rng.random(4_000) < np.where(region == "south", 0.7, 0.3), "slow", "fast")
    decisions = tmp_path / "decisions.csv"
    pd.DataFrame({"interaction_id": range(4_000), "language": "en", "seg_region": region,
                  "queue": queue}).to_csv(decisions, index=False)  # fmt: skip
    data = json.loads(_run(workspace, "parity", "routing", "--engagement", "telco-krk",
                           "--protected", "seg_region", "--decisions", str(decisions),
                           "--json"))  # fmt: skip
    assert data["tests"][0]["attribute"] == "seg_region" and data["tests"][0]["flagged"]
    lake = _run(workspace, "parity", "routing", "--engagement", "telco-krk",
                "--protected", "seg_region")  # fmt: skip
    assert "Routing audit" in lake


def test_unknown_engagement_is_a_message_not_a_traceback(workspace: Workspace) -> None:
    result = CliRunner().invoke(cli, ["--home", str(workspace.home), "parity",
                                      "--engagement", "nope", "--by", "language"])  # fmt: skip
    assert result.exit_code != 0
    assert "no interactions ingested" in str(result.exception)
