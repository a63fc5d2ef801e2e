"""The people and voice commands through the CLI runner."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.entrypoints.cli.main import cli


@pytest.fixture
def home(tmp_path: Path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[2] / "integration" / "people"))
    from people_lake import agent, month_row, setup_engagement, write_rows

    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    setup_engagement(ws)
    write_rows(ws.lake, "agents", "eng", [agent("a1", date(2025, 1, 1))])
    write_rows(
        ws.lake, "agent_months", "eng", [month_row("a1", date(2026, 7, 1), gross_pay=20000.0)]
    )
    ws.close()
    return tmp_path / "ws"


def run(home: Path, *args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def test_people_report_json_and_text(home: Path) -> None:
    data = json.loads(run(home, "people", "--engagement", "eng", "--period", "2026-07", "--json"))
    assert data["period"]["label"] == "2026-07"
    (site,) = data["pay"]["sites"]
    assert site["share_below_living_wage"] == 1.0
    assert "pay:eng:site-mnl:living_wage" in {f["key"] for f in data["findings"]}
    text = run(home, "people", "--engagement", "eng")
    assert "People report" in text
    assert "pay:eng:site-mnl:living_wage" in text.replace("\n", "")


def test_benchmarks_add_and_list(home: Path, tmp_path: Path) -> None:
    csv = tmp_path / "b.csv"
    csv.write_text(
        "location,country_iso2,metric,amount,currency,period,year,scope,source,verified,note\n"
        "Davao,PH,living_wage_family,30000,PHP,month,2026,city,survey,yes,\n",
        encoding="utf-8",
    )
    assert json.loads(run(home, "people", "benchmarks", "add", str(csv), "--json"))["added"] == 1
    listed = json.loads(run(home, "people", "benchmarks", "list", "--json"))
    davao = next(b for b in listed if b["location"] == "Davao")
    assert davao["living_wage"]["origin"] == "user"


def test_voice_round_trip(home: Path) -> None:
    sub = json.loads(
        run(home, "voice", "submit", "--engagement", "eng", "--category", "pay", "--json",
            stdin="I was not paid for overtime.")
    )  # fmt: skip
    (case,) = json.loads(run(home, "voice", "list", "--json"))
    assert case["status"] == "received" and "receipt" not in case
    run(home, "voice", "update", case["case_id"], "--status", "acknowledged", "--reply", "Seen.")
    status = json.loads(run(home, "voice", "status", "--receipt", sub["receipt"], "--json"))
    assert status["status"] == "acknowledged"
    assert status["replies"][0]["body"] == "Seen."
    bad = CliRunner().invoke(
        cli, ["--home", str(home), "voice", "update", case["case_id"], "--status", "resolved"]
    )
    assert bad.exit_code != 0
    stats = json.loads(run(home, "voice", "list", "--stats", "--json"))
    assert all(r["suppressed"] for a in stats for r in a["rows"])
