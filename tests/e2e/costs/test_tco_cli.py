"""``fairshore tco`` end to end: JSON, the chart spec, and a bad file's message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import cli

FAIRSHORE = Path(sys.executable).parent / "fairshore"


def test_tco_demo_json_and_chart(tmp_path: Path) -> None:
    chart = tmp_path / "tco.json"
    result = CliRunner().invoke(
        cli, ["tco", "--runs", "200", "--seed", "5", "--chart", str(chart), "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["baseline"] == "in-house" and out["runs"] == 200
    manila = next(o for o in out["options"] if o["option_id"] == "manila")
    assert manila["lines"]["ethical_premium"] > 0
    assert manila["annual_cost_range"]["p10"] <= manila["annual_cost_range"]["p90"]
    spec = json.loads(chart.read_text())
    assert spec["$schema"].endswith("vega-lite/v6.json")  # the web app's Vega-Lite
    assert spec["layer"][0]["mark"] == "bar"


def test_tco_table_prints(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["tco", "--runs", "50"])
    assert result.exit_code == 0, result.output
    assert "Living-wage benchmarks" in result.stdout
    assert "Manila" in result.stdout


def test_bad_scenario_exits_2_with_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ncurrency: usd\n")
    proc = subprocess.run(
        [str(FAIRSHORE), "tco", str(bad)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "400"},  # Rich wraps error lines at the terminal width
    )
    assert proc.returncode == 2
    assert "bad.yaml:2: currency" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_tco_chart_renders_svg(tmp_path: Path) -> None:
    svg = tmp_path / "tco.svg"
    result = CliRunner().invoke(cli, ["tco", "--runs", "20", "--chart", str(svg)])
    assert result.exit_code == 0, result.output
    assert svg.read_text().startswith("<svg")
