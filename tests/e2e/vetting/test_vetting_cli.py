"""``fairshore vet ...`` end to end through the CLI runner."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import app, cli

runner = CliRunner()


def run(home: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["--home", str(home), *args])
    return result.exit_code, result.output


def test_vet_commands_end_to_end(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    assert run(home, "init")[0] == 0
    assert run(home, "vendor", "add", "acme", "--name", "Acme BPO")[0] == 0

    code, out = run(home, "vet", "rubric", "list", "--json")
    assert code == 0 and json.loads(out)[0]["rubric"] == "ethical-bpo@1"
    code, out = run(home, "vet", "rubric", "show", "ethical-bpo@1", "--json")
    assert code == 0 and len(json.loads(out)["pillars"]) == 11

    code, out = run(home, "vet", "scope", "--vendor", "acme", "--scope", "acme-mnl", "--json")
    assert code == 0 and json.loads(out)["scope"] == ["acme-mnl"]

    cert = tmp_path / "iso.txt"
    cert.write_text("ISO 27001 certificate")
    code, out = run(
        home,
        "vet",
        "evidence",
        "add",
        "--vendor",
        "acme",
        str(cert),
        "--type",
        "iso27001",
        "--issuer",
        "BV",
        "--scope",
        "acme-mnl",
        "--valid-from",
        "2025-01-01",
        "--valid-until",
        "2026-12-15",
        "--json",
    )
    assert code == 0, out
    sha = json.loads(out)["sha256"]
    code, out = run(home, "vet", "evidence", "list", "--as-of", "2026-11-01", "--json")
    assert (
        code == 0
        and json.loads(out)[0] | {"sha256": sha, "counts": True, "days_left": 44}
        == json.loads(out)[0]
    )

    code, out = run(home, "vet", "answer", "--vendor", "acme", "lab.attrition", "22", "--json")
    assert code == 0 and json.loads(out)["value"] == "22"

    xlsx = tmp_path / "acme.xlsx"
    code, _ = run(home, "vet", "questionnaire", "export", "--vendor", "acme", "--out", str(xlsx))
    assert code == 0 and xlsx.exists()
    wb = load_workbook(xlsx)
    labour = wb["labour"]
    rows = {labour[f"A{r}"].value: r for r in range(3, labour.max_row + 1)}
    assert labour[f"E{rows['lab.attrition']}"].value == 22  # pre-filled, as a number
    labour[f"E{rows['lab.living-wage-all']}"] = "yes"
    labour[f"E{rows['lab.weekly-hours']}"] = "many"
    wb.save(xlsx)
    code, out = run(
        home, "vet", "questionnaire", "import", "--vendor", "acme", str(xlsx), "--partial", "--json"
    )
    assert code == 2
    assert json.loads(out)["problems"] == [
        {
            "sheet": "labour",
            "cell": f"E{rows['lab.weekly-hours']}",
            "message": "lab.weekly-hours: expected a number in hours/week, got 'many'",
        }
    ]
    labour[f"E{rows['lab.weekly-hours']}"] = 40
    wb.save(xlsx)
    code, out = run(
        home, "vet", "questionnaire", "import", "--vendor", "acme", str(xlsx), "--partial", "--json"
    )
    assert code == 0 and json.loads(out)["imported"] == 3

    code, out = run(home, "vet", "score", "--vendor", "acme", "--as-of", "2026-11-01", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["method"] == "weighted@1" and 0 <= data["total"] <= 100
    assert round(sum(c["points"] for c in data["contributions"]), 2) == data["total"]
    assert data["knock_outs"] == []  # a valid, in-scope ISO 27001 certificate
    # No data of acme yet: nothing measured, so the verdict is the answers' own score.
    assert data["claims"] == [] and data["measured_over"] is None
    assert data["declared"]["total"] == data["total"]
    code, out = run(home, "vet", "score", "--vendor", "acme", "--as-of", "2026-12-16", "--json")
    assert [k["rule_id"] for k in json.loads(out)["knock_outs"]] == ["ko.no-security-certificate"]
    code, out = run(
        home, "vet", "score", "--vendor", "acme", "--method", "deduction", "--as-of", "2026-11-01"
    )
    assert code == 0 and "deduction@1" in out

    code, out = run(
        home,
        "vet",
        "contest",
        "add",
        "--vendor",
        "acme",
        "lab.attrition",
        "--reason",
        "seasonal staff",
        "--json",
    )
    assert code == 0 and json.loads(out)["status"] == "open"
    code, out = run(
        home,
        "vet",
        "contest",
        "resolve",
        "1",
        "--status",
        "rejected",
        "--resolution",
        "policy counts all staff",
        "--json",
    )
    assert code == 0 and json.loads(out)["status"] == "rejected"
    code, out = run(
        home, "vet", "contest", "add", "--vendor", "acme", "measured:attrition_rate",
        "--reason", "roster counts interns", "--json",
    )  # fmt: skip
    assert code == 0 and json.loads(out)["measured_claim"] == "attrition_rate"
    failed = runner.invoke(
        cli, ["--home", str(home), "vet", "contest", "add", "--vendor", "acme", "measured:nope",
              "--reason", "x"],
    )  # fmt: skip
    assert "measured:<claim key>" in str(failed.exception)

    code, out = run(home, "vet", "rank", "--as-of", "2026-11-01", "--draws", "100", "--json")
    ranked = json.loads(out)["vendors"][0]
    assert code == 0 and ranked["first_share"] == 1.0
    assert ranked["declared_total"] == ranked["total"] and ranked["contradicted"] == 0

    code, out = run(
        home, "vet", "claims", "--vendor", "acme", "--measured", "attrition_rate=0.41", "--json"
    )
    assert code == 0 and json.loads(out)[0]["key"] == "vetting:claim:acme:attrition_rate"


def test_bad_input_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "ws"
    assert run(home, "init")[0] == 0
    assert run(home, "vendor", "add", "acme", "--name", "A")[0] == 0
    # the console-script entry point, as `fairshore vet answer ...` runs it
    monkeypatch.setattr(
        sys,
        "argv",
        [
            "fairshore",
            "--home",
            str(home),
            "vet",
            "answer",
            "--vendor",
            "acme",
            "lab.attrition",
            "lots",
        ],
    )
    with pytest.raises(SystemExit) as done:
        app()
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "lab.attrition: expected a number in %, got 'lots'" in err
    assert "Traceback" not in err


def test_an_exported_formula_answer_is_text_and_reads_back_as_typed(tmp_path: Path) -> None:
    """Issue 23: a vendor's ``=HYPERLINK(...)`` answer must not be live in the workbook."""
    home = tmp_path / "ws"
    assert run(home, "init")[0] == 0
    assert run(home, "vendor", "add", "acme", "--name", "Acme BPO")[0] == 0
    formula = '=HYPERLINK("http://evil.example","open")'
    assert run(home, "vet", "answer", "--vendor", "acme", "wel.career-path", formula)[0] == 0
    for n in (1, 2):  # exported, imported back, exported again: the same text, once quoted
        xlsx = tmp_path / f"acme-{n}.xlsx"
        code, _ = run(
            home, "vet", "questionnaire", "export", "--vendor", "acme", "--out", str(xlsx)
        )
        assert code == 0
        sheet = load_workbook(xlsx)["welfare"]
        rows = {sheet[f"A{r}"].value: r for r in range(3, sheet.max_row + 1)}
        cell = sheet[f"E{rows['wel.career-path']}"]
        assert cell.data_type != "f" and cell.value == "'" + formula
        code, out = run(home, "vet", "questionnaire", "import", "--vendor", "acme", str(xlsx),
                        "--partial")  # fmt: skip
        assert code == 0, out
