"""Trial periods: pilot criteria measured on lake rows, judged, and decisions recorded."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli
from fairshore.errors import GovernanceError, InputError
from fairshore.sourcing import trial_services
from tests.integration.metrics.lakerows import add_engagement, contact, write_rows

JULY = datetime(2026, 7, 6, 9, 0, tzinfo=UTC)


def _pilot(
    tmp: Path, *, sl_target: float = 0.75, exit_abandon: float = 0.25, **extra: object
) -> Path:
    min_sample = extra.get("min_sample", 30)
    text = f"""
id: blr-pilot
engagement: eng-a
description: four-week voice pilot
start: 2026-07-01
end: 2026-07-31
success:
  - id: voice-sl
    metric: service_level
    comparator: ">="
    target: {sl_target}
    scope: {{channel: voice}}
    min_sample: {min_sample}
exit:
  - id: voice-abandon
    metric: abandon_rate
    comparator: "<="
    target: {exit_abandon}
    scope: {{channel: voice}}
"""
    path = tmp / "pilot.yaml"
    path.write_text(text)
    return path


@pytest.fixture
def lake_ws(workspace: Workspace) -> Workspace:
    """Voice in July: 40 answered after 10 s, 10 abandoned after 60 s (and noise outside).

    By hand: service level = 40 answered within 20 s / 50 offered = 0.80;
    abandon rate = 10 / 50 = 0.20 (no abandon is short, under 5 s).
    """
    add_engagement(workspace, "eng-a")
    rows = [contact(i, arrived=JULY + timedelta(minutes=i), wait=10) for i in range(40)]
    rows += [
        contact(40 + i, arrived=JULY + timedelta(hours=2, minutes=i), abandon=60) for i in range(10)
    ]
    # chat is out of scope, August is outside the window: neither may move the figures
    rows += [
        contact(100 + i, arrived=JULY + timedelta(minutes=i), abandon=90, channel="chat")
        for i in range(20)
    ]
    rows += [
        contact(200 + i, arrived=datetime(2026, 8, 3, 9, tzinfo=UTC), abandon=90) for i in range(20)
    ]
    write_rows(workspace, "eng-a", rows)
    return workspace


def test_a_pilot_meeting_its_criteria_passes(lake_ws: Workspace, tmp_path: Path) -> None:
    result = trial_services.evaluate_trial(lake_ws, _pilot(tmp_path))
    assert result.outcome == "pass"
    (sl,) = result.success
    (abandon,) = result.exit
    assert sl.value == pytest.approx(0.80)
    assert sl.sample_size == 50
    assert abandon.value == pytest.approx(0.20)
    assert abandon.status == "met"


def test_a_breached_exit_criterion_is_exit_even_when_success_is_met(
    lake_ws: Workspace, tmp_path: Path
) -> None:
    result = trial_services.evaluate_trial(lake_ws, _pilot(tmp_path, exit_abandon=0.1))
    assert result.success[0].status == "met"
    assert result.outcome == "exit"


def test_a_missed_success_criterion_fails(lake_ws: Workspace, tmp_path: Path) -> None:
    result = trial_services.evaluate_trial(lake_ws, _pilot(tmp_path, sl_target=0.9))
    assert result.outcome == "fail"


def test_too_few_contacts_is_insufficient_data(lake_ws: Workspace, tmp_path: Path) -> None:
    result = trial_services.evaluate_trial(lake_ws, _pilot(tmp_path, min_sample=100))
    assert result.success[0].status == "insufficient_data"
    assert result.outcome == "insufficient_data"


def test_decisions_are_recorded_and_overrides_need_a_note(
    lake_ws: Workspace, tmp_path: Path
) -> None:
    path = _pilot(tmp_path, exit_abandon=0.1)
    with pytest.raises(GovernanceError, match="overrides"):
        trial_services.decide_trial(lake_ws, path, decision="pass", decided_by="Ana")
    with pytest.raises(InputError, match="pass, fail or extend"):
        trial_services.decide_trial(lake_ws, path, decision="maybe", decided_by="Ana")
    first = trial_services.decide_trial(lake_ws, path, decision="fail", decided_by="Ana")
    second = trial_services.decide_trial(
        lake_ws, path, decision="extend", decided_by="Ben", note="July had a network outage"
    )
    assert first.outcome == "exit" and first.decision == "fail" and first.note is None
    listed = trial_services.list_trial_decisions(lake_ws)
    assert [d.id for d in listed] == [second.id, first.id]
    assert listed[0].decided_by == "Ben"
    assert listed[0].decided_at.utcoffset() == timedelta(0)
    assert listed[0].note == "July had a network outage"
    assert listed[0].result.exit[0].value == pytest.approx(0.20)


def test_a_bad_pilot_file_names_the_field(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "id: p\nengagement: e\nstart: 2026-07-31\nend: 2026-07-01\n"
        "success: [{id: s, metric: nonsense, comparator: '>=', target: 1}]\n"
    )
    with pytest.raises(InputError, match=r"bad\.yaml: .*success\.0\.metric"):
        trial_services.evaluate_trial(workspace, path)


def test_trial_cli(lake_ws: Workspace, tmp_path: Path) -> None:
    runner = CliRunner()
    home = ["--home", str(lake_ws.home)]
    path = str(_pilot(tmp_path))
    done = runner.invoke(cli, [*home, "trial", "evaluate", path, "--json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["outcome"] == "pass"
    assert {c["criterion"] for c in data["criteria"]} == {"voice-sl", "voice-abandon"}
    done = runner.invoke(
        cli, [*home, "trial", "decide", path, "--decision", "pass", "--by", "Ana", "--json"]
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["decision"] == "pass"
    done = runner.invoke(cli, [*home, "trial", "list", "--json"])
    assert done.exit_code == 0, done.output
    (row,) = json.loads(done.output)
    assert row["pilot_id"] == "blr-pilot" and row["decided_by"] == "Ana"
