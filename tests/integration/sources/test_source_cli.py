"""``fairshore source add`` for each kind: what each needs, and what it refuses."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.entrypoints.cli.main import cli
from fairshore.errors import InputError
from tests.integration.interactions.workspace_files import add_engagement

runner = CliRunner()


def run(home: Path, *args: str) -> tuple[int, str]:
    """Exit code and output; a refusal's message (the entry point prints it, exit 2)."""
    result = runner.invoke(cli, ["--home", str(home), *args])
    if isinstance(result.exception, InputError):
        return 2, str(result.exception)
    return result.exit_code, result.output


def test_each_kind_is_added_with_its_own_address_and_sign_in(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    ws = init_workspace(load_settings(home=home))
    add_engagement(ws)
    ws.close()
    code, out = run(home, "source", "list")
    assert code == 0 and "Kinds: zendesk, zendesk-talk, freshdesk" in out
    base = ["source", "add", "--engagement", "telco-krk"]
    code, out = run(home, *base[:2], "freshdesk", *base[2:], "--domain", "acme",
                    "--token-env", "ACME_FD_KEY", "--json")  # fmt: skip
    assert code == 0, out
    added = json.loads(out)
    assert (added["base_url"], added["email"], added["token_env"]) == (
        "https://acme.freshdesk.com", "", "ACME_FD_KEY")  # fmt: skip
    code, out = run(home, *base[:2], "zendesk-talk", *base[2:], "--subdomain", "acme",
                    "--email", "api@acme.example", "--token-env", "ACME_ZD")  # fmt: skip
    assert code == 0 and "telco-krk-zendesk-talk" in out
    code, out = run(home, "source", "list", "--json")
    kinds = {s["id"]: (s["kind"], s["base_url"]) for s in json.loads(out)}
    assert kinds == {
        "telco-krk-freshdesk": ("freshdesk", "https://acme.freshdesk.com"),
        "telco-krk-zendesk-talk": ("zendesk-talk", "https://acme.zendesk.com"),
    }
    assert "key" not in out.lower().replace("acme_fd_key", "")  # only the variable's name


def test_what_a_kind_needs_is_asked_for(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    ws = init_workspace(load_settings(home=home))
    add_engagement(ws)
    ws.close()
    base = ["source", "add", "--engagement", "telco-krk", "--token-env", "V"]
    code, out = run(home, *base[:2], "zendesk-talk", *base[2:], "--subdomain", "acme")
    assert code == 2 and "give its --email" in out
    code, out = run(home, *base[:2], "freshdesk", *base[2:], "--domain", "not a domain")
    assert code == 2 and "--domain (acme.freshdesk.com)" in out
    code, out = run(home, *base[:2], "kayako", *base[2:])
    assert code == 2 and "use zendesk, zendesk-talk, freshdesk" in out
    code, out = run(home, "source", "add", "--help")
    assert code == 0 and "zendesk-talk" in out and "--domain" in out
