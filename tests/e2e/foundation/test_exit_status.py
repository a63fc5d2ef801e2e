"""Exit status of the real entry point: 0 success, 1 a check that does not hold, 2 bad input.

These run ``fairshore.entrypoints.cli.main.app`` (what the ``fairshore`` script and
``python -m fairshore`` call), not Click's test runner: the runner exits with Click's own
code, and it was the entry point that dropped it (``audit-log verify`` printed
"tampered" and exited 0).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from fairshore.accounts import services as accounts
from fairshore.bootstrap import Workspace
from fairshore.contracts.services import demo_contract_path
from fairshore.entrypoints.cli.main import app
from tests.integration.metrics.lakerows import add_engagement, contact, write_rows

JULY = datetime(2026, 7, 6, 9, 0, tzinfo=UTC)


def status(monkeypatch: pytest.MonkeyPatch, home: Path, *args: str) -> int:
    """Run ``fairshore --home HOME ARGS`` in this process; return its exit status."""
    monkeypatch.setattr("sys.argv", ["fairshore", "--home", str(home), *args])
    with pytest.raises(SystemExit) as exited:
        app()
    code = exited.value.code
    return code if isinstance(code, int) else (0 if code is None else 1)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    add_engagement(workspace, "eng-a")
    return workspace


def test_audit_log_verify_exits_1_when_tampered(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts.add_user(ws, email="ana@example.com", password="correct horse battery", role="admin")
    accounts.add_user(ws, email="ben@example.com", password="correct horse battery", role="admin")
    assert status(monkeypatch, ws.home, "audit-log", "verify") == 0
    with ws.db.begin() as conn:
        conn.execute(sa.text("UPDATE audit_log SET actor = 'someone-else' WHERE id = 1"))
    assert status(monkeypatch, ws.home, "audit-log", "verify") == 1
    assert status(monkeypatch, ws.home, "audit-log", "verify", "--json") == 1


def test_contract_check_exits_1_when_invalid(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    good = demo_contract_path("telco-mnl")
    assert status(monkeypatch, ws.home, "contract", "check", str(good)) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text().replace("target: 0.05", "target: lots"))
    assert status(monkeypatch, ws.home, "contract", "check", str(bad)) == 1
    assert status(monkeypatch, ws.home, "contract", "check", str(bad), "--json") == 1
    missing = str(tmp_path / "missing.yaml")
    assert status(monkeypatch, ws.home, "contract", "check", missing) == 2


def _pilot(tmp_path: Path, sl_target: float) -> Path:
    path = tmp_path / f"pilot-{sl_target}.yaml"
    path.write_text(
        "id: p\nengagement: eng-a\nstart: 2026-07-01\nend: 2026-07-31\n"
        "success:\n  - {id: sl, metric: service_level, comparator: '>=', "
        f"target: {sl_target}, scope: {{channel: voice}}, min_sample: 10}}\n"
    )
    return path


def test_trial_evaluate_exits_1_unless_the_pilot_passes(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # 20 voice contacts answered after 10 s: service level 1.0.
    write_rows(
        ws, "eng-a", [contact(i, arrived=JULY + timedelta(minutes=i), wait=10) for i in range(20)]
    )
    assert status(monkeypatch, ws.home, "trial", "evaluate", str(_pilot(tmp_path, 0.8))) == 0
    failing = str(_pilot(tmp_path, 1.5))  # a target no service level reaches
    assert status(monkeypatch, ws.home, "trial", "evaluate", failing) == 1
    assert status(monkeypatch, ws.home, "trial", "evaluate", failing, "--json") == 1


def test_privacy_check_exits_1_on_a_finding(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "engagement_id: eng-a\nretention_days: 30\nprocessing_locations: [PH]\n"
        "tables:\n  interactions:\n    default: share\n    fields:\n      csat: withhold\n"
    )
    clean, leaky = tmp_path / "clean.csv", tmp_path / "leaky.csv"
    clean.write_text("interaction_id,reason\ni1,refund\n")
    leaky.write_text("interaction_id,csat,reason\ni1,5,refund\n")
    args = ("privacy", "check", "--engagement", "eng-a", "--policy", str(policy))
    assert status(monkeypatch, ws.home, *args, str(clean)) == 0
    assert status(monkeypatch, ws.home, *args, str(leaky)) == 1


def test_a_rejected_file_exits_2(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_text("not,a,known,layout\n1,2,3,4\n")
    args = ("ingest", "interactions", str(junk), "--engagement", "eng-a")
    assert status(monkeypatch, ws.home, *args) == 2


@pytest.mark.parametrize(
    "args",
    [
        ("no-such-command",),
        ("vendor", "list", "--no-such-option"),
        ("sla", "evaluate", "--engagement", "eng-a"),  # a required option missing
        ("sla", "evaluate", "--engagement", "eng-a", "--period", "July"),  # bad value
        ("sla", "evaluate", "--engagement", "nobody", "--period", "2026-07"),  # unknown id
    ],
)
def test_usage_and_input_errors_exit_2(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    assert status(monkeypatch, ws.home, *args) == 2


def test_success_exits_0(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert status(monkeypatch, ws.home, "vendor", "list", "--json") == 0
