"""``fairshore audit request|answer|requests`` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import cli
from fairshore.errors import FairshoreError

runner = CliRunner()


def run(home: Path, *args: str) -> tuple[int, str, BaseException | None]:
    result = runner.invoke(cli, ["--home", str(home), *args])
    return result.exit_code, result.output, result.exception


def test_a_request_is_recorded_answered_and_listed_with_clear_refusals(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    assert run(home, "init")[0] == 0
    assert run(home, "vendor", "add", "acme", "--name", "Acme")[0] == 0
    code, _, _ = run(home, "engagement", "add", "eng", "--vendor", "acme", "--name", "E",
                     "--timezone", "UTC", "--channels", "voice", "--languages", "en")  # fmt: skip
    assert code == 0
    code, out, _ = run(home, "audit", "request", "--engagement", "eng",
                       "--requested-on", "2026-06-01", "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["access"] == "pending"
    request_id = str(json.loads(out)["id"])
    for args, message in [
        (["answer", request_id], "exactly one of --granted DATE or --refused DATE"),
        (["answer", request_id, "--refused", "2026-05-30"], "before the request"),
        (["answer", "99", "--granted", "2026-06-05"], "no audit request 99"),
        (["request", "--engagement", "eng", "--requested-on", "1 June"], "use YYYY-MM-DD"),
        (["request", "--engagement", "nope", "--requested-on", "2026-06-01"], "nope"),
    ]:
        code, _, exc = run(home, "audit", *args)
        assert isinstance(exc, FairshoreError) and message in str(exc), (args, exc)
    code, out, _ = run(home, "audit", "answer", request_id, "--granted", "2026-06-12", "--json")
    assert code == 0 and json.loads(out)["decided_on"] == "2026-06-12"
    code, out, _ = run(home, "audit", "requests", "--engagement", "eng", "--json")
    [listed] = json.loads(out)
    assert (listed["access"], listed["requested_on"]) == ("granted", "2026-06-01")
