"""The privacy commands end to end through the CLI, with --json output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lake_fixture import make_engagement
from typer.testing import CliRunner

from fairshore.bootstrap import Workspace
from fairshore.entrypoints.cli.main import cli

runner = CliRunner()


def run(ws: Workspace, *args: str, status: int = 0) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(cli, ["--home", str(ws.home), *args], catch_exceptions=False)
    assert result.exit_code == status, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    make_engagement(workspace, "telco-bog", "America/Bogota")
    return workspace


def test_incident_commands(ws: Workspace) -> None:
    added = run(
        ws,
        "privacy",
        "incident",
        "add",
        "--engagement",
        "telco-bog",
        "--vendor-aware-at",
        "2026-05-12T09:00:00-05:00",
        "--records",
        "3400",
        "--categories",
        "contact,billing",
        "--severity",
        "high",
        "--json",
    )
    assert added["vendor_aware_at"] == "2026-05-12T14:00:00Z"
    run(
        ws,
        "privacy",
        "incident",
        "update",
        added["id"],
        "--client-notified-at",
        "2026-05-16T14:00:00Z",
        "--json",
    )
    listed = run(
        ws,
        "privacy",
        "incident",
        "list",
        "--engagement",
        "telco-bog",
        "--as-of",
        "2026-05-17T00:00:00Z",
        "--json",
    )
    [incident] = listed["incidents"]
    assert incident["clocks"][0]["state"] == "late"
    assert incident["clocks"][1]["state"] == "running"
    assert [f["source"] for f in listed["findings"]] == ["privacy_incident"]
    # The client assesses no risk to people (GDPR Art. 33(1)): the authority clock stops.
    assessed = run(ws, "privacy", "incident", "update", added["id"],
                   "--authority-notification", "not_required", "--json")  # fmt: skip
    assert assessed["authority_notification"] == "not_required"
    later = run(ws, "privacy", "incident", "list", "--as-of", "2026-06-01T00:00:00Z", "--json")
    assert [c["state"] for c in later["incidents"][0]["clocks"]] == ["late", "not_required"]


def test_bad_input_is_a_message_not_a_traceback(ws: Workspace) -> None:
    from fairshore.errors import FairshoreError

    with pytest.raises(FairshoreError, match="ISO time"):
        runner.invoke(
            cli,
            [
                "--home",
                str(ws.home),
                "privacy",
                "incident",
                "add",
                "--engagement",
                "telco-bog",
                "--vendor-aware-at",
                "yesterday",
            ],
            catch_exceptions=False,
        )
    with pytest.raises(FairshoreError, match="--authority-notification"):
        runner.invoke(
            cli,
            ["--home", str(ws.home), "privacy", "incident", "add", "--engagement", "telco-bog",
             "--authority-notification", "perhaps"],
            catch_exceptions=False,
        )  # fmt: skip
    with pytest.raises(FairshoreError, match="give the time zone"):
        runner.invoke(
            cli,
            [
                "--home",
                str(ws.home),
                "privacy",
                "incident",
                "add",
                "--engagement",
                "telco-bog",
                "--vendor-aware-at",
                "2026-05-12T09:00",
            ],
            catch_exceptions=False,
        )


def test_redact_command(ws: Workspace, tmp_path: Path) -> None:
    src = tmp_path / "tickets.jsonl"
    src.write_text(
        json.dumps({"text": "mail me at ana@example.com", "requester_email": "x@y.com"}) + "\n"
    )
    out = tmp_path / "clean.jsonl"
    summary = run(
        ws, "privacy", "redact", str(src), "--operator", "pseudonym", "--out", str(out), "--json"
    )
    assert summary["rows_changed"] == 1 and summary["entities"] == {"EMAIL_ADDRESS": 1}
    assert "ana@example.com" not in out.read_text()


def test_anomalies_command_on_empty_lake(ws: Workspace) -> None:
    report = run(
        ws, "privacy", "anomalies", "--engagement", "telco-bog", "--period", "2026-09", "--json"
    )
    assert report["events"] == 0 and report["flags"] == [] and report["start"] == "2026-09-01"


def test_share_and_check_commands(workspace: Workspace, tmp_path: Path) -> None:
    from lake_fixture import ENGAGEMENT, access_log, interactions_frame, write_lake

    make_engagement(workspace)
    _events, handled = access_log(n_agents=2, days=10, seed=2, exporter=None)
    write_lake(workspace, "interactions", ENGAGEMENT, interactions_frame(handled, n=50))
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "engagement_id: telco-mnl\nretention_days: 30\nprocessing_locations: [PH]\n"
        "tables:\n  interactions:\n    default: share\n    fields:\n"
        "      customer_ref: pseudonymise\n      csat: withhold\n"
    )
    manifest = run(
        workspace,
        "privacy",
        "share",
        "--engagement",
        ENGAGEMENT,
        "--policy",
        str(policy),
        "--out",
        str(tmp_path / "out"),
        "--json",
    )
    assert manifest["tables"] == {"interactions": 50}
    received = tmp_path / "back.csv"
    received.write_text("interaction_id,csat,reason\ni1,5,refund to ana@example.com\n")
    report = run(
        workspace,
        "privacy",
        "check",
        str(received),
        "--engagement",
        ENGAGEMENT,
        "--policy",
        str(policy),
        "--json",
        status=1,  # the check does not hold
    )
    assert report["ok"] is False
    assert {f["kind"] for f in report["findings"]} == {"field_not_allowed", "personal_data_in_text"}
    assert len(report["governance_findings"]) == 2


def test_redact_command_knows_spanish_polish_and_indian_names(
    ws: Workspace, tmp_path: Path
) -> None:
    # Issue 23, item 11: "Rahul Sharma" and "John Smith" were caught; "María Fernández"
    # (es) and "Piotr Nowak" (pl) went through.
    texts = [
        "My supervisor María Fernández shouted.",
        "Kierownik Piotr Nowak krzyczy.",
        "Rakesh Pandey sir cuts our lunch break.",
        "The Bogotá site has had no paid break since January.",
    ]
    src = tmp_path / "voice.jsonl"
    src.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts))
    out = tmp_path / "clean.jsonl"
    summary = run(ws, "privacy", "redact", str(src), "--out", str(out), "--json")
    assert summary["entities"] == {"PERSON": 3}
    rows = [json.loads(line)["text"] for line in out.read_text().splitlines()]
    assert rows == [
        "My supervisor <PERSON> shouted.",
        "Kierownik <PERSON> krzyczy.",
        "<PERSON> sir cuts our lunch break.",
        texts[3],  # no personal data: unchanged
    ]


def test_anomalies_found_by_the_command_reach_the_register(workspace: Workspace) -> None:
    from lake_fixture import ENGAGEMENT, EXPORTER, access_log, interactions_frame, write_lake

    make_engagement(workspace)
    events, handled = access_log(n_agents=12, days=40, seed=3)
    write_lake(workspace, "access_events", ENGAGEMENT, events)
    write_lake(workspace, "interactions", ENGAGEMENT, interactions_frame(handled, n=500))
    args = ("privacy", "anomalies", "--engagement", ENGAGEMENT, "--period", "2026-09", "--json")
    report = run(workspace, *args, "--no-record")
    assert report["flags"]  # --no-record only shows them
    assert run(workspace, "findings", "list", "--source", "access_anomaly", "--json") == []
    report = run(workspace, *args)
    run(workspace, *args)  # the same run again changes nothing in the register
    listed = run(workspace, "findings", "list", "--source", "access_anomaly", "--json")
    kinds = {(f["agent_ref"], f["kind"]) for f in report["flags"]}
    assert len(listed) == len(kinds)  # one finding per agent and kind of flag
    bulk_days = sorted(f["day"] for f in report["flags"] if f["kind"] == "bulk_export")
    [bulk] = [f for f in listed if "Bulk export" in f["title"]]
    assert bulk["occurrences"] == len(bulk_days) and EXPORTER in bulk["title"]
    shown = run(workspace, "findings", "show", str(bulk["id"]), "--json")
    assert [o["period"] for o in shown["occurrence_list"]] == bulk_days
    assert [h["event"] for h in shown["history"]] == ["opened"] + ["seen_again"] * (
        len(bulk_days) - 1
    )


def test_regimes_set_on_the_engagement_drive_the_incident_clocks(ws: Workspace) -> None:
    # 45 CFR 164.404(b): individuals within 60 days; 164.406: media above 500 in a state.
    updated = run(ws, "engagement", "update", "telco-bog", "--regimes", "hipaa,gdpr", "--json")
    assert updated["regimes"] == ["gdpr", "hipaa"]
    [listed] = [e for e in run(ws, "engagement", "list", "--json") if e["id"] == "telco-bog"]
    assert listed["regimes"] == ["gdpr", "hipaa"]
    run(ws, "privacy", "incident", "add", "--engagement", "telco-bog",
        "--vendor-aware-at", "2026-05-12T14:00:00Z", "--records", "700",
        "--affected-by-region", "US-FL=650,US-GA=50",
        "--notified", "media=2026-06-01T09:00:00Z", "--json")  # fmt: skip
    out = run(ws, "privacy", "incident", "list", "--as-of", "2026-05-20T00:00:00Z", "--json")
    [incident] = out["incidents"]
    clocks = {c["name"]: c for c in incident["clocks"]}
    assert clocks["individuals"]["deadline"] == "2026-07-11T14:00:00Z"
    assert clocks["individuals"]["audience"] == "individuals"
    assert clocks["media"]["state"] == "met" and clocks["media"]["basis"] == ["45 CFR 164.406"]
    assert incident["regimes"] == ["gdpr", "hipaa"]
    profiles = run(ws, "engagement", "regimes", "--json")
    assert {p["regime"] for p in profiles} == {"gdpr", "uk_gdpr", "ccpa_cpra", "hipaa", "pci_dss"}


def test_bad_regime_options_are_messages(ws: Workspace) -> None:
    from fairshore.errors import FairshoreError

    add = ["privacy", "incident", "add", "--engagement", "telco-bog"]
    for args, message in (
        (["engagement", "update", "telco-bog", "--regimes", "sox"], "unknown regime.*sox"),
        ([*add, "--affected-by-region", "US-FL=many"], "'many' is not a whole number"),
        ([*add, "--affected-by-region", "Florida=3"], "ISO 3166"),
        ([*add, "--notified", "press"], "key=value"),
        ([*add, "--notified", "press=2026-06-01T09:00:00Z"], "--notified.press"),
    ):
        with pytest.raises(FairshoreError, match=message):
            runner.invoke(cli, ["--home", str(ws.home), *args], catch_exceptions=False)
    listed = run(ws, "privacy", "incident", "list", "--json")
    assert listed["incidents"] == []  # nothing half-written
