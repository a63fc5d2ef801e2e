"""``fairshore ingest`` and ``fairshore batches`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import cli

runner = CliRunner()


def run(home: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["--home", str(home), *args])
    return result.exit_code, result.stdout


def test_ingest_and_batches(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    assert run(home, "init")[0] == 0
    assert run(home, "vendor", "add", "vistula", "--name", "Vistula")[0] == 0
    code, _ = run(
        home,
        "engagement",
        "add",
        "telco-krk",
        "--vendor",
        "vistula",
        "--name",
        "Telco",
        "--timezone",
        "Europe/Warsaw",
        "--channels",
        "voice,chat,email",
        "--languages",
        "en,es",
        "--segments",
        "seg_region,seg_tier",
    )
    assert code == 0
    data = tmp_path / "chat.csv"
    data.write_text(
        "interaction_id,channel,arrived_at,csat,seg_region\n"
        "1,chat,2026-03-02T10:00:00,5,north\n2,chat,2026-03-02T10:05:00,8,south\n"
    )
    code, out = run(
        home, "ingest", "interactions", str(data), "--engagement", "telco-krk", "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert {
        "batch_id",
        "status",
        "rows_read",
        "rows_accepted",
        "rows_quarantined",
        "reasons",
        "error",
        "time_min",
        "time_max",
        "warnings",
    } <= set(report)
    assert (report["status"], report["rows_read"], report["rows_accepted"]) == ("accepted", 2, 1)
    assert report["reasons"] == {"csat_out_of_range": 1}
    assert report["time_min"] == "2026-03-02T09:00:00Z"

    code, out = run(
        home, "ingest", "interactions", str(data), "--engagement", "telco-krk", "--json"
    )
    assert json.loads(out)["status"] == "duplicate"

    code, out = run(home, "batches", "--engagement", "telco-krk", "--json")
    assert [b["batch_id"] for b in json.loads(out)] == [report["batch_id"]]

    code, out = run(home, "batches", "show", report["batch_id"], "--json")
    detail = json.loads(out)
    assert detail["quarantine_total"] == 1
    assert detail["quarantine"][0]["reason"] == "csat_out_of_range"
    assert detail["quarantine"][0]["values"]["interaction_id"] == "2"

    empty = tmp_path / "empty.csv"
    empty.write_text("")
    code, out = run(
        home, "ingest", "interactions", str(empty), "--engagement", "telco-krk", "--json"
    )
    assert code == 2  # the file is the input error
    assert json.loads(out)["status"] == "rejected"
    assert "empty" in json.loads(out)["error"]
