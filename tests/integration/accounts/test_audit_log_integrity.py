"""The audit log's guarantee, attacked the ways issue 23's probe attacked it.

Real SQLite and PostgreSQL workspaces, the real CLI (Typer's runner, so the exit status is
the command's).
"""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from fairshore.accounts import audit
from fairshore.accounts import services as accounts
from fairshore.adapters.db.accounts_repository import append_audit, audit_entries
from fairshore.bootstrap import Workspace, open_workspace
from fairshore.config import load_settings
from fairshore.entrypoints.cli.main import cli
from fairshore.governance.audit_log import GENESIS, legacy_entry_hash


@pytest.fixture
def ws(db_workspace: Workspace) -> Workspace:
    """A workspace (SQLite, then PostgreSQL when configured) with five logged events."""
    for n in range(5):
        accounts.log_event(db_workspace, actor="analyst@x", action="report.export", target=f"r:{n}")
    return db_workspace


def _sql(ws: Workspace, statement: str, **params: object) -> None:
    with ws.db.begin() as conn:
        conn.execute(sa.text(statement), params)


def _rechain_plain(ws: Workspace) -> None:
    """Recompute every link with unkeyed SHA-256, as anyone with the source can."""
    with ws.db.begin() as conn:
        prev = GENESIS
        for entry in audit_entries(conn):
            digest = legacy_entry_hash(entry, prev)
            conn.execute(
                sa.text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :i"),
                {"p": prev, "h": digest, "i": entry.id},
            )
            prev = digest


def _env(ws: Workspace) -> dict[str, str | None]:
    return {"FAIRSHORE_DATABASE_URL": ws.settings.database_url}


def _verify_cli(ws: Workspace, *args: str) -> tuple[int, dict[str, object]]:
    result = CliRunner(env=_env(ws)).invoke(
        cli, ["--home", str(ws.home), "audit-log", "verify", "--json", *args]
    )
    return result.exit_code, json.loads(result.stdout)


def test_untampered_log_is_intact_and_exits_0(ws: Workspace) -> None:
    code, check = _verify_cli(ws)
    assert code == 0 and check["ok"] is True and check["entries"] == 5
    assert check["checkpoints"] == 1  # the workspace's own checkpoint was held


def test_edit_with_later_plain_hashes_recomputed_is_detected(ws: Workspace) -> None:
    # The probe's attack on the unkeyed chain: change entry 2, recompute every later
    # hash with plain SHA-256 (which anyone can), so every link looks consistent.
    _sql(ws, "UPDATE audit_log SET actor = 'someone-else' WHERE id = 2")
    _rechain_plain(ws)
    code, check = _verify_cli(ws)
    assert code == 1 and check["ok"] is False and check["first_bad_id"] == 1


def test_deleting_the_last_entry_is_detected(ws: Workspace) -> None:
    _sql(ws, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    code, check = _verify_cli(ws)
    assert code == 1 and "entries were deleted" in str(check["problem"])


def test_deleting_every_entry_is_detected(ws: Workspace) -> None:
    _sql(ws, "DELETE FROM audit_log")
    code, check = _verify_cli(ws)
    assert code == 1 and check["entries"] == 0 and "recorded 5" in str(check["problem"])


def test_exported_checkpoint_is_held_after_the_workspace_copy_is_gone(
    ws: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "kept-elsewhere.json"
    made = CliRunner(env=_env(ws)).invoke(
        cli, ["--home", str(ws.home), "audit-log", "checkpoint", "--out", str(out), "--json"]
    )
    assert made.exit_code == 0 and json.loads(made.stdout)["entries"] == 5
    accounts.log_event(ws, actor="a@x", action="report.export", target="r:later")
    assert _verify_cli(ws, "--checkpoint", str(out))[0] == 0
    # Whoever deletes entries may also delete the workspace's checkpoint; not the operator's.
    (ws.home / audit.CHECKPOINT_FILE).unlink()
    _sql(ws, "DELETE FROM audit_log WHERE id >= 4")
    code, check = _verify_cli(ws, "--checkpoint", str(out))
    assert code == 1 and "recorded 5" in str(check["problem"])


def test_an_edited_checkpoint_file_is_refused(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "cp.json"
    audit.make_checkpoint(ws, out=out)
    data = json.loads(out.read_text())
    data["entries"] = 2  # lower the bar for a truncation
    out.write_text(json.dumps(data))
    code, check = _verify_cli(ws, "--checkpoint", str(out))
    assert code == 1 and "signature" in str(check["problem"])


def test_a_rolled_back_append_leaves_no_checkpoint_behind(ws: Workspace) -> None:
    with pytest.raises(RuntimeError), ws.db.begin() as conn:
        at = datetime(2026, 12, 7, tzinfo=UTC)
        append_audit(
            conn, at=at, organisation_id="default", actor="a", action="x", target="t", details={}
        )
        raise RuntimeError("the change failed after its audit entry")
    assert audit.verify_audit_log(ws).ok


def test_key_is_per_workspace_private_and_never_a_default(tmp_path: Path) -> None:
    a = audit.audit_key(load_settings(home=tmp_path / "a"))
    b = audit.audit_key(load_settings(home=tmp_path / "b"))
    assert a != b
    assert stat.S_IMODE((tmp_path / "a" / audit.KEY_FILE).stat().st_mode) == 0o600
    secret = "s" * 40
    keyed = audit.audit_key(load_settings(home=tmp_path / "c", secret_key=secret))
    assert keyed == audit.audit_key(load_settings(home=tmp_path / "d", secret_key=secret))
    assert not (tmp_path / "c" / audit.KEY_FILE).exists()


def test_an_unkeyed_log_from_before_is_rekeyed_once_on_upgrade(ws: Workspace) -> None:
    # Make the log as an older Fairshore wrote it: plain SHA-256, no checkpoint.
    _rechain_plain(ws)
    (ws.home / audit.CHECKPOINT_FILE).unlink()
    assert not audit.verify_audit_log(ws).ok  # unkeyed: not yet trusted
    ws.close()
    upgraded = open_workspace(ws.settings)
    check = audit.verify_audit_log(upgraded)
    assert check.ok and check.entries == 6
    with upgraded.db.begin() as conn:
        rows = conn.execute(sa.text("SELECT action, details FROM audit_log ORDER BY id")).all()
    details = rows[-1][1] if isinstance(rows[-1][1], dict) else json.loads(rows[-1][1])
    assert rows[-1][0] == "audit_log.rekey" and details["entries"] == 5
    upgraded.close()
    again = open_workspace(ws.settings)  # a second open re-keys nothing
    assert audit.verify_audit_log(again).entries == 6
    again.close()


def test_a_plain_chain_forged_after_keying_is_not_rekeyed(ws: Workspace) -> None:
    _sql(ws, "UPDATE audit_log SET target = 'r:forged' WHERE id = 3")
    _rechain_plain(ws)
    ws.close()
    reopened = open_workspace(ws.settings)  # the workspace's checkpoint says: keyed before
    assert not audit.verify_audit_log(reopened).ok
    reopened.close()
