"""``fairshore qa parity`` and ``fairshore kpis --qa`` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli
from fairshore.governance.services import list_findings
from fairshore.interactions.services import ingest_files
from tests.integration.interactions.workspace_files import ENGAGEMENT, add_engagement

RUNNER = CliRunner()
LANGS = ("en", "es", "pl")
INTERACTIONS = "interaction_id,channel,language,agent_ref,arrived_at,answered_at\n" + "".join(
    f"c{i},chat,{LANGS[i % 3]},a{i % 4},2026-03-0{1 + i % 9}T10:00:00Z,"
    f"2026-03-0{1 + i % 9}T10:01:00Z\n"
    for i in range(300)
)
# Spanish-speaking customers' contacts score 20 points lower and fail critical items
# far more often: a planted QA parity gap.
QA = "evaluation_id,interaction_id,agent_ref,evaluator_side,form_id,evaluated_at,total,auto_fail\n"
QA += "".join(
    f"v{i},c{i},a{i % 4},vendor,contact-centre,2026-03-20T10:00:00Z,"
    + ("0,true" if i % 3 == 1 and i % 4 == 0 else f"{(62 if i % 3 == 1 else 82) + i % 11},false")
    + "\n"
    for i in range(300)
)


def _run(home: Path, *args: str) -> object:
    result = RUNNER.invoke(cli, ["--home", str(home), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def test_qa_parity_and_kpis_with_qa(workspace: Workspace, tmp_path: Path) -> None:
    add_engagement(workspace)
    for table, text in (("interactions", INTERACTIONS), ("qa_evaluations", QA)):
        path = tmp_path / f"{table}.csv"
        path.write_text(text)
        report = ingest_files(workspace, table=table, paths=[path], engagement_id=ENGAGEMENT)
        assert report.rows_accepted == 300, report.reasons
    home = workspace.home
    data = _run(home, "qa", "parity", "--engagement", ENGAGEMENT, "--by", "language",
                "--record", "--json")  # fmt: skip
    assert isinstance(data, dict)
    [audit] = data["audits"]
    keys = sorted(f["key"] for f in audit["findings"])
    assert keys == [
        f"quality:{ENGAGEMENT}:parity:vendor:language=es:qa_critical_error",
        f"quality:{ENGAGEMENT}:parity:vendor:language=es:qa_score",
    ]
    assert [o["kind"] for o in audit["outcomes"]] == ["score", "rate"]
    _run(home, "qa", "parity", "--engagement", ENGAGEMENT, "--by", "language", "--record")
    stored = [r for r in list_findings(workspace) if r.finding.key in keys]
    assert len(stored) == 2  # recorded twice, deduplicated on the key
    assert {r.times_seen for r in stored} == {2}
    kpis = _run(home, "kpis", "--engagement", ENGAGEMENT, "--by", "language,month", "--qa",
                "--json")  # fmt: skip
    assert isinstance(kpis, dict)
    qa = {r["language"]: r for r in kpis["qa_rows"]}
    assert set(qa) == set(LANGS) and qa["es"]["period"] == "2026-03"
    assert qa["es"]["qa_evaluations"] == 100
    assert qa["es"]["qa_critical_error_rate"] == 25 / 100
    assert qa["en"]["qa_mean_score"] > qa["es"]["qa_mean_score"]
    assert qa["en"]["qa_coverage"] is None  # no roster, and languages have no agents
    agents = _run(home, "kpis", "--engagement", ENGAGEMENT, "--by", "agent", "--qa", "--json")
    assert isinstance(agents, dict) and len(agents["qa_rows"]) == 4 and len(agents["rows"]) == 1
    text = _run(home, "kpis", "--engagement", ENGAGEMENT, "--qa")
    assert "QA figures" in str(text)
