"""CLI end to end: kpis (JSON, CSV), contract check/add, sla evaluate/history (JSON)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairshore.bootstrap import Workspace
from fairshore.contracts.services import demo_contract_path
from fairshore.entrypoints.cli.main import cli
from fairshore.errors import ConflictError
from tests.integration.metrics.lakerows import add_engagement, contact, write_rows


def run(ws: Workspace, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--home", str(ws.home), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def blr(workspace: Workspace) -> Workspace:
    add_engagement(workspace, "telco-blr", "indigo")
    rows = []
    start = datetime(2026, 6, 1, tzinfo=UTC)
    for i in range(1200):
        arrived = start + timedelta(minutes=70 * i)
        july = arrived.month == 7
        # July is understaffed: half the calls wait 45 s
        wait = 45.0 if july and i % 2 else 8.0
        rows.append(contact(i, arrived=arrived, wait=wait, handle_seconds=280.0,
                            csat=5.0 if i % 5 else 2.0, first_contact_resolved=i % 4 != 0,
                            customer_ref=f"k{i}", seg_tier="=cmd|calc"))  # fmt: skip
    write_rows(workspace, "telco-blr", rows)
    return workspace


def test_kpis_json_and_csv(blr: Workspace) -> None:
    out = json.loads(run(blr, "kpis", "--engagement", "telco-blr", "--by", "month,channel",
                         "--sl-threshold-s", "20", "--sl-variant", "3", "--json"))  # fmt: skip
    rows = {r["period"]: r for r in out["rows"]}
    for key in ("offered", "answered", "abandoned", "service_level", "asa_s", "mean_wait_s",
                "aht_s", "abandon_rate", "fcr_rate", "reopen_rate", "escalation_rate",
                "csat_top2", "csat_response_rate", "nps"):  # fmt: skip
        assert key in rows["2026-07"]
    assert rows["2026-06"]["service_level"] == 1.0
    assert rows["2026-07"]["service_level"] == pytest.approx(0.5, abs=0.01)
    csv_text = run(blr, "kpis", "--engagement", "telco-blr", "--by", "seg_tier", "--csv")
    header, first = csv_text.splitlines()[:2]
    assert header.startswith("seg_tier,offered,")
    assert first.startswith("'=cmd|calc,")  # formula injection neutralised


def test_contract_check_add_evaluate_history(blr: Workspace, tmp_path: Path) -> None:
    path = demo_contract_path("telco-blr")
    assert json.loads(run(blr, "contract", "check", str(path), "--json"))["valid"] is True
    added = json.loads(run(blr, "contract", "add", str(path), "--json"))
    assert added["created"] is True
    assert json.loads(run(blr, "contract", "add", str(path), "--json"))["created"] is False
    (july,) = json.loads(run(blr, "sla", "evaluate", "--engagement", "telco-blr", "--period",
                             "2026-07", "--json"))["evaluations"]  # fmt: skip
    terms = {t["term_id"]: t for t in july["terms"]}
    assert terms["voice-service-level"]["status"] == "breached"
    assert terms["voice-service-level"]["credit"] == pytest.approx(0.03 * 180000)
    assert terms["chat-service-level"]["status"] == "insufficient_data"
    assert terms["max_occupancy"]["status"] == "not_measurable"
    (june,) = json.loads(run(blr, "sla", "evaluate", "--engagement", "telco-blr", "--period",
                             "2026-06", "--json"))["evaluations"]  # fmt: skip
    assert {t["term_id"]: t["status"] for t in june["terms"]}["voice-service-level"] == "met"
    history = json.loads(run(blr, "sla", "history", "--engagement", "telco-blr", "--json"))
    assert [h["period"] for h in history] == ["2026-06", "2026-07"]
    assert history[1]["credits_owed"] == pytest.approx(july["credits_owed"])
    # July evaluated again: still one finding for the breached term, July one occurrence
    run(blr, "sla", "evaluate", "--engagement", "telco-blr", "--period", "2026-07", "--json")
    listed = json.loads(run(blr, "findings", "list", "--source", "sla", "--json"))
    [voice] = [f for f in listed if f["title"].startswith("voice-service-level")]
    assert voice["periods"] == ["2026-07"] and voice["occurrences"] == 1
    shown = json.loads(run(blr, "findings", "show", str(voice["id"]), "--json"))
    assert shown["credit"] == pytest.approx(0.03 * 180000)
    assert [h["event"] for h in shown["history"]] == ["opened"]
    changed = tmp_path / "blr.yaml"
    changed.write_text(path.read_text().replace("target: 0.05", "target: 0.06"))
    with pytest.raises(ConflictError):
        CliRunner().invoke(cli, ["--home", str(blr.home), "contract", "add", str(changed)],
                           catch_exceptions=False)  # fmt: skip


def test_quarter_evaluates_each_month_and_sums_july_credits(blr: Workspace) -> None:
    # issue 21: a quarter used to skip every monthly term (0 breached, 0 credits)
    run(blr, "contract", "add", str(demo_contract_path("telco-blr")))
    q3 = json.loads(run(blr, "sla", "evaluate", "--engagement", "telco-blr", "--period",
                        "2026-Q3", "--json"))  # fmt: skip
    assert [e["period"] for e in q3["evaluations"]] == ["2026-07", "2026-08", "2026-09"]
    july = {t["term_id"]: t for t in q3["evaluations"][0]["terms"]}
    assert july["voice-service-level"]["status"] == "breached"
    assert q3["status_counts"]["breached"] >= 1
    # August and September have no calls: judged, and said so, not skipped
    later = [t["status"] for e in q3["evaluations"][1:] for t in e["terms"]
             if t["kind"] == "service"]  # fmt: skip
    assert later and set(later) == {"insufficient_data"}
    assert q3["credits_owed"] == pytest.approx(sum(e["credits_owed"] for e in q3["evaluations"]))
    assert q3["credits_owed"] == pytest.approx(0.03 * 180000)  # July's voice SL only
    text = run(blr, "sla", "evaluate", "--engagement", "telco-blr", "--period", "2026-Q3")
    assert "credits 5,400.00 USD" in text


def test_contract_check_reports_line(tmp_path: Path, workspace: Workspace) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        demo_contract_path("telco-mnl").read_text().replace("target: 0.05", "target: lots")
    )
    result = CliRunner().invoke(cli, ["contract", "check", str(bad)], catch_exceptions=False)
    assert result.exit_code == 1
    assert re.search(r"bad.yaml:\d+: service_terms\[3\].target", result.output)
