"""``fairshore vet criticality`` and ``fairshore audit plan`` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import cli
from fairshore.errors import InputError

runner = CliRunner()


def run(home: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["--home", str(home), *args])
    return result.exit_code, result.output


def test_overrides_are_recorded_shown_and_read_by_the_audit_plan(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    assert run(home, "init")[0] == 0
    assert run(home, "vendor", "add", "acme", "--name", "Acme")[0] == 0
    engagement = ["--vendor", "acme", "--name", "E", "--timezone", "UTC"]
    code, _ = run(
        home, "engagement", "add", "eng", *engagement, "--channels", "voice", "--languages", "en"
    )
    assert code == 0
    # no reason: refused with a message, nothing stored
    code, out = run(home, "vet", "criticality", "set", "eng", "--data-sensitivity", "financial")
    assert code == 2 and "--reason" in out
    result = runner.invoke(
        cli, ["--home", str(home), "vet", "criticality", "set", "eng", "--reason", "r"]
    )
    assert isinstance(result.exception, InputError)  # the entry point prints it, exit 2
    assert "give at least one override" in str(result.exception)

    code, out = run(home, "vet", "criticality", "list", "--as-of", "2026-12-31", "--json")
    [before] = json.loads(out)
    assert code == 0 and before["tier"] == "medium" and before["overrides"] == []

    code, out = run(
        home,
        "vet",
        "criticality",
        "set",
        "eng",
        "--data-sensitivity",
        "special_category",
        "--reason",
        "bereavement line",
        "--actor",
        "ana",
        "--as-of",
        "2026-12-01",
        "--json",
    )
    assert code == 0, out
    after = json.loads(out)
    assert after["tier"] == "critical" and after["data_sensitivity"] == "special_category"
    [override] = after["overrides"]
    assert (override["set_by"], override["reason"]) == ("ana", "bereavement line")
    assert override["set_at"].startswith("2026-12-01")
    assert after["sources"]["data_sensitivity"].startswith("override by ana on 2026-12-01")
    assert "not measured" in after["sources"]["monthly_volume"]

    code, out = run(home, "audit", "plan", "--today", "2026-12-31", "--json")
    [plan] = json.loads(out)
    assert code == 0 and (plan["criticality"], plan["due_on"]) == ("critical", "2026-12-31")
    assert "override by ana" in plan["criticality_source"]
    assert len(plan["pillars"]) == 5
