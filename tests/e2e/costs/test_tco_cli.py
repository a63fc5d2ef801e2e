"""``fairshore tco`` end to end: JSON, the chart spec, and a bad file's message."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import cli
from tests.entry_point import fairshore


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
    # the console script's entry point (the exit status is its), in this process
    proc = fairshore("tco", str(bad))
    assert proc.returncode == 2
    assert f"{bad}:2: currency" in proc.stderr  # whole, however long the path
    assert "Traceback" not in proc.stderr


def test_tco_chart_renders_svg(tmp_path: Path) -> None:
    svg = tmp_path / "tco.svg"
    result = CliRunner().invoke(cli, ["tco", "--runs", "20", "--chart", str(svg)])
    assert result.exit_code == 0, result.output
    assert svg.read_text().startswith("<svg")
