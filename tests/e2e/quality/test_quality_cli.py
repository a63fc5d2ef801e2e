"""``fairshore qa`` through the CLI runner: forms, metrics, sample, calibration."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli
from fairshore.errors import InputError
from fairshore.interactions.services import ingest_files
from tests.integration.interactions.workspace_files import ENGAGEMENT, add_engagement

RUNNER = CliRunner()
INTERACTIONS = "interaction_id,channel,language,agent_ref,arrived_at,answered_at\n" + "".join(
    f"c{i},chat,en,a{i % 3},2026-03-0{1 + i % 9}T10:00:00Z,2026-03-0{1 + i % 9}T10:01:00Z\n"
    for i in range(60)
)
QA = "evaluation_id,interaction_id,agent_ref,evaluator_side,form_id,evaluated_at,total\n" + "".join(
    f"{side[0]}{i},c{i},a{i % 3},{side},contact-centre,2026-03-20T10:00:00Z,{score}\n"
    for i in range(0, 60, 2)
    for side, score in (("vendor", 92 + i % 5), ("client", 75 + i % 7))
)


def _run(home: Path, *args: str) -> object:
    result = RUNNER.invoke(cli, ["--home", str(home), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def test_qa_commands_end_to_end(workspace: Workspace, tmp_path: Path) -> None:
    add_engagement(workspace)
    for table, text in (("interactions", INTERACTIONS), ("qa_evaluations", QA)):
        path = tmp_path / f"{table}.csv"
        path.write_text(text)
        assert ingest_files(
            workspace, table=table, paths=[path], engagement_id=ENGAGEMENT
        ).rows_accepted
    home = workspace.home
    forms = _run(home, "qa", "forms", "list", "--json")
    assert isinstance(forms, list) and {f["version"] for f in forms} == {"1", "2"}
    form = _run(home, "qa", "forms", "show", "contact-centre", "--json")
    assert isinstance(form, dict) and len(form["sections"]) == 5
    kpis = _run(home, "qa", "kpis", "--engagement", ENGAGEMENT, "--by", "month", "--json")
    assert isinstance(kpis, list) and kpis[0]["month"] == "2026-03"
    assert kpis[0]["evaluations"] == 30 and kpis[0]["pass_rate"] == 1.0
    out = tmp_path / "sample.csv"
    sample = _run(home, "qa", "sample", "--engagement", ENGAGEMENT, "--size", "10",
                  "--seed", "4", "--out", str(out), "--json")  # fmt: skip
    assert isinstance(sample, dict) and sample["size"] == 10 and out.is_file()
    report = _run(home, "qa", "calibration", "--engagement", ENGAGEMENT, "--json")
    assert isinstance(report, dict) and report["pairs"] == 30 and report["inflated"]
    assert report["findings"][0]["source"] == "quality"
    text = _run(home, "qa", "calibration", "--engagement", ENGAGEMENT)
    assert "inflated" in str(text)


def test_qa_sample_needs_size_or_margin(workspace: Workspace, tmp_path: Path) -> None:
    add_engagement(workspace)
    result = RUNNER.invoke(
        cli,
        ["--home", str(workspace.home), "qa", "sample", "--engagement", ENGAGEMENT,
         "--out", str(tmp_path / "s.csv")],
    )  # fmt: skip
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)
    assert "exactly one of --size or --margin" in str(result.exception)


def test_the_sample_csv_holds_no_live_formula(workspace: Workspace, tmp_path: Path) -> None:
    """Issue 23: vendor-sent ids in the exported sample go through the safe-cell writer."""
    add_engagement(workspace)
    refs = ("=1+1", "@SUM(1)", "+1", "-1+1")
    text = "interaction_id,channel,language,agent_ref,arrived_at,answered_at\n" + "".join(
        f"{ref},chat,en,{ref},2026-03-02T10:00:00Z,2026-03-02T10:01:00Z\n" for ref in refs
    )
    path = tmp_path / "interactions.csv"
    path.write_text(text)
    assert ingest_files(
        workspace, table="interactions", paths=[path], engagement_id=ENGAGEMENT
    ).rows_accepted == len(refs)
    out = tmp_path / "sample.csv"
    _run(workspace.home, "qa", "sample", "--engagement", ENGAGEMENT, "--size", "4",
         "--out", str(out), "--json")  # fmt: skip
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["interaction_id"] for r in rows) == sorted("'" + r for r in refs)
    assert sorted(r["agent_ref"] for r in rows) == sorted("'" + r for r in refs)
