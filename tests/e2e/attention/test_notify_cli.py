"""``fairshore findings assign``, ``engagement owner`` and ``notify`` as a user runs them,
mail going to a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairshore.accounts import services as accounts
from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.entrypoints.cli.main import app, cli
from fairshore.governance import services as governance
from fairshore.governance.model import Finding
from tests.mailbox import Mailbox, body, smtp_server
from tests.quick_passwords import quick_password_hashes

PASSWORD = "correct horse battery staple"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "ws"
    ws = init_workspace(load_settings(home=home))
    entities.add_vendor(ws, id="northwind", name="Northwind")
    entities.add_engagement(ws, id="telco-mnl", vendor_id="northwind", name="MNL",
                            timezone="UTC", channels=["voice"], languages=["en"])  # fmt: skip
    governance.record_findings(
        ws,
        [
            Finding(
                key="sla:telco-mnl:sl",
                source="sla",
                engagement_id="telco-mnl",
                severity="critical",
                title="Voice service level breached",
            )
        ],
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )  # fmt: skip (critical: due 2026-11-08)
    with quick_password_hashes():  # none of them signs in
        for role in ("analyst", "executive"):
            accounts.add_user(ws, email=f"{role}@telco.example", password=PASSWORD, role=role)
    ws.close()
    return home


def run(home: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    env = {"FAIRSHORE_TODAY": "2026-11-05", "FAIRSHORE_BASE_URL": "https://fs.example", **env}
    result = CliRunner().invoke(cli, ["--home", str(home), *args], env=env, terminal_width=200)
    return result.exit_code, result.output


def test_assign_mails_the_owner_and_prints_json(home: Path, mailbox: Mailbox) -> None:
    code, out = run(home, mailbox.env(), "findings", "assign", "1", "--to",
                    "analyst@telco.example", "--json")  # fmt: skip
    assert code == 0, out
    assert json.loads(out)["assignee"] == "analyst@telco.example"
    [mail] = mailbox.wait_for(1)
    assert mail["To"] == "analyst@telco.example"
    assert "https://fs.example/portal/findings/1" in body(mail)
    code, out = run(home, mailbox.env(), "findings", "list", "--json")
    assert json.loads(out)[0]["assignee"] == "analyst@telco.example"


def test_bad_owners_are_refused_with_a_message(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refused(*args: str) -> str:  # as a user runs it: exit status 2, a message, no trace
        # The entry point the ``fairshore`` script calls, in this process (a subprocess per
        # command paid the imports three times over: 20 s); a traceback would escape here.
        monkeypatch.setattr("sys.argv", ["fairshore", "--home", str(home), *args])
        with pytest.raises(SystemExit) as exited:
            app()
        err = capsys.readouterr().err
        assert exited.value.code == 2 and "Traceback" not in err, err
        return " ".join(err.split())  # the console wraps long lines

    assert "must be an admin or analyst" in refused(
        "findings", "assign", "1", "--to", "executive@telco.example"
    )
    assert "--to EMAIL" in refused("findings", "assign", "1")
    assert "no user" in refused("engagement", "owner", "telco-mnl", "--set", "who@x.example")


def test_the_default_owner_and_the_digest(home: Path, mailbox: Mailbox) -> None:
    code, out = run(home, {}, "engagement", "owner", "telco-mnl", "--set",
                    "analyst@telco.example", "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["default_owner"] == "analyst@telco.example"
    code, out = run(home, {}, "engagement", "owner", "telco-mnl")
    assert "New findings of telco-mnl go to analyst@telco.example." in out
    run(home, mailbox.env(), "findings", "assign", "1", "--to", "analyst@telco.example")
    mailbox.wait_for(1)
    code, out = run(home, mailbox.env(), "notify", "digest", "--dry-run", "--json")
    assert code == 0, out
    [planned] = json.loads(out)
    assert (planned["to"], planned["status"]) == ("analyst@telco.example", None)
    assert planned["subject"] == "[Fairshore] Your week 2026-W45: 1 to do, 0 overdue"
    assert len(mailbox.messages) == 1  # the assignment's; a dry run sends nothing
    code, out = run(home, mailbox.env(), "notify", "digest", "--json")
    assert [s["status"] for s in json.loads(out)] == ["sent"]
    mail = mailbox.wait_for(2)[1]
    assert "Findings you own (1)" in body(mail)
    assert "https://fs.example/portal/findings/1" in body(mail)
    code, out = run(home, mailbox.env(), "notify", "outbox", "--json")
    assert [(e["kind"], e["status"]) for e in json.loads(out)] == [
        ("digest", "sent"),
        ("assigned", "sent"),
    ]


def test_a_contest_on_the_cli_mails_who_answers_it_and_retry_sends_what_failed(
    home: Path, mailbox: Mailbox
) -> None:
    run(home, {}, "engagement", "owner", "telco-mnl", "--set", "analyst@telco.example")
    # SMTP unreachable at first: the contest is recorded, its notice fails and waits
    down = {"FAIRSHORE_SMTP_HOST": "127.0.0.1", "FAIRSHORE_SMTP_PORT": "1",
            "FAIRSHORE_SMTP_STARTTLS": "false"}  # fmt: skip
    contest = ["vet", "contest", "add", "--vendor", "northwind", "measured:in_house_share"]
    code, out = run(home, down, *contest, "--reason", "Our roster counts trainees")
    assert code == 0, out
    code, out = run(home, {}, "notify", "outbox", "--status", "failed", "--json")
    [failed] = json.loads(out)
    assert (failed["kind"], failed["to"]) == ("contested", "analyst@telco.example")
    code, out = run(home, mailbox.env(), "notify", "retry", "--json")
    assert code == 0, out
    assert [(s["kind"], s["status"]) for s in json.loads(out)] == [("contested", "sent")]
    [mail] = mailbox.wait_for(1)
    assert mail["Subject"] == "[Fairshore] northwind contests measured:in_house_share"
    assert "northwind (recorded on the command line) contested" in body(mail)
    code, out = run(home, mailbox.env(), "notify", "retry", "--json")
    assert json.loads(out) == []  # sent once: nothing waits
