"""``fairshore staff`` end to end, through the CLI with --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import cli

runner = CliRunner()


def run(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_erlang_c_staffing_e1() -> None:
    # queueing-oracles.md E1 (pyworkforce README): 14 agents, 20 scheduled
    out = run(
        "staff", "erlang-c", "--calls", "100", "--interval-min", "30", "--aht-s", "180",
        "--target-s", "20", "--sl-target", "0.8", "--max-occupancy", "0.85",
        "--shrinkage", "0.3", "--json",
    )  # fmt: skip
    assert out["agents"] == 14 and out["scheduled_agents"] == 20
    assert out["p_wait"] == pytest.approx(0.1741319, abs=5e-8)
    assert out["service_level"] == pytest.approx(0.88835, abs=5e-6)
    assert out["asa_s"] == pytest.approx(7.8359, abs=5e-5)
    keys = {"load_erlangs", "agents", "scheduled_agents", "p_wait", "p_abandon",
            "service_level", "asa_s", "mean_wait_s", "occupancy"}  # fmt: skip
    assert keys <= set(out)


def test_erlang_c_overloaded() -> None:
    out = run(
        "staff", "erlang-c", "--calls", "100", "--interval-min", "30", "--aht-s", "180",
        "--agents", "9", "--json",
    )  # fmt: skip
    assert out["p_wait"] == 1.0 and out["service_level"] == 0.0
    assert out["asa_s"] is None and out["overloaded"] is True


def test_erlang_a_e6() -> None:
    out = run(
        "staff", "erlang-a", "--calls", "100", "--interval-min", "30", "--aht-s", "180",
        "--target-s", "20", "--agents", "14", "--patience-s", "300", "--json",
    )  # fmt: skip
    assert out["p_abandon"] == pytest.approx(0.013984, abs=5e-7)
    assert out["service_level"] == pytest.approx(0.916792, abs=5e-7)


def test_plan_from_forecast(tmp_path: Path) -> None:
    f = tmp_path / "forecast.csv"
    f.write_text("interval,contacts,aht_s\n09:00,100,180\n09:30,0,180\n10:00,120,180\n")
    out = run("staff", "plan", str(f), "--max-occupancy", "0.85", "--shrinkage", "0.3", "--json")
    assert [r["agents"] for r in out["intervals"]][:2] == [14, 0]
    assert out["interval_min"] == 30
    assert out["peak_scheduled_agents"] >= 20


def test_adequacy_flags_july(staffed_home: Path) -> None:
    out = run("--home", str(staffed_home), "staff", "adequacy", "--engagement", "telco-test",
              "--json")  # fmt: skip
    assert [m["month"] for m in out["months"]] == ["2026-06", "2026-07"]
    assert {f["period"] for f in out["findings"]} == {"2026-07"}
    assert {f["source"] for f in out["findings"]} == {"staffing"}


def test_bad_choice_is_a_message_not_a_traceback() -> None:
    result = runner.invoke(
        cli, ["staff", "erlang-c", "--calls", "1", "--interval-min", "30", "--aht-s", "180"]
    )
    assert result.exit_code != 0
    assert "--agents N or --sl-target P" in str(result.exception)
