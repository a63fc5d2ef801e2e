"""The analytics pages and API on a small demo workspace: the planted problems show.

The workspace is the demo scenario (seed 7, scale 0.005) run through the production
ingest path, with telco-blr's packaged contract evaluated for 2026-06 and 2026-07, the
incidents imported with their findings, and the vendors' questionnaires loaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from fairshore.bootstrap import Workspace
from fairshore.demo import feeds
from fairshore.demo.model import FileEntry
from fairshore.entrypoints.web.app import create_app
from fairshore.interactions.services import list_batches
from fairshore.sources import services as sources
from tests.e2e.web.conftest import sign_in
from tests.system_packages import need_weasyprint

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("web-analytics")]


@pytest.fixture(scope="session")
def demo_ws(analytics_ws: Workspace) -> Workspace:
    """The small demo (``conftest.analytics_ws``), shared with the report-link tests."""
    return analytics_ws


@pytest.fixture(scope="module")
def client(demo_ws: Workspace) -> Iterator[TestClient]:
    app = create_app(demo_ws.settings, workspace=demo_ws)
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def _voice_service_level(ws: Workspace, engagement_id: str, month: str) -> float:
    """ICMI variant 5 at T = 20 s, s = 5 s, recomputed from the lake's Parquet files with
    pandas: (answered within T + abandoned within s) / (answered + abandoned)."""
    folder = ws.lake / "interactions" / f"part_engagement={engagement_id}" / f"part_month={month}"
    frame = pd.concat(pd.read_parquet(p) for p in sorted(folder.glob("*.parquet")))
    voice = frame[frame.channel == "voice"]
    answered = voice[voice.answered_at.notna()]
    abandoned = voice[voice.answered_at.isna() & voice.abandoned_at.notna()]
    a_wait = (answered.answered_at - answered.arrived_at).dt.total_seconds()
    ab_wait = (abandoned.abandoned_at - abandoned.arrived_at).dt.total_seconds()
    return float(((a_wait <= 20).sum() + (ab_wait <= 5).sum()) / (len(answered) + len(abandoned)))


def test_kpi_trends_match_the_icmi_definition_recomputed_by_hand(
    client: TestClient, demo_ws: Workspace
) -> None:
    sign_in(client, "analyst@telco.example")
    api = client.get("/api/v1/engagements/telco-blr/kpis?by=month,channel").json()
    assert api["status"] == "ok"
    row = next(
        r for r in api["rows"] if r["period"] == "2026-07" and r["group"]["channel"] == "voice"
    )
    expected = _voice_service_level(demo_ws, "telco-blr", "2026-07")
    assert row["service_level"] == pytest.approx(expected, abs=1e-12)
    # The understaffed month (planted problem 3) stands out against the month before.
    june = next(
        r for r in api["rows"] if r["period"] == "2026-06" and r["group"]["channel"] == "voice"
    )
    assert row["service_level"] < june["service_level"] - 0.2
    page = client.get("/engagements/telco-blr/kpis").text
    assert "Voice: monthly KPIs" in page and 'data-vega-spec="chart-kpis"' in page
    assert f"{expected * 100:.1f} %" in page  # the table beside the chart has the figure


def test_kpis_api_refuses_unknown_dimensions(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    response = client.get("/api/v1/engagements/telco-blr/kpis?by=month,shoe_size")
    assert response.status_code == 422
    ok = client.get("/api/v1/engagements/telco-krk/kpis?by=month,language").json()
    assert {r["group"]["language"] for r in ok["rows"]} >= {"en", "es"}


def test_contract_page_shows_credits_and_the_contract(client: TestClient) -> None:
    sign_in(client, "executive@telco.example")
    sla = client.get("/api/v1/engagements/telco-blr/sla").json()
    assert [p["period"] for p in sla["periods"]] == ["2026-06", "2026-07"]
    july = sla["periods"][1]
    assert [t for t in july["terms"] if t["status"] == "breached"]  # the understaffed month
    assert july["credits_before_cap"] == pytest.approx(sum(t["credit"] for t in july["terms"]))
    assert july["credits_owed"] == pytest.approx(min(july["credits_before_cap"], july["cap"]))
    assert sla["totals"]["net_credit"] == pytest.approx(
        sum(p["net_credit"] for p in sla["periods"])
    )
    page = client.get("/engagements/telco-blr/contract").text
    assert "voice-service-level" in page and "breached" in page
    assert "living wage floor" in page  # an ethical clause, readable
    assert "service_terms:" in page  # the YAML itself
    assert client.get("/api/v1/engagements/telco-mnl/contract").json()["status"] == "no_data"


def test_parity_page_flags_the_spanish_queue(client: TestClient) -> None:
    sign_in(client, "auditor@telco.example")
    parity = client.get("/api/v1/engagements/telco-krk/parity").json()
    language = next(a for a in parity["audits"] if a["dimension"] == "language")
    assert any(f["title"].startswith("language=es") for f in language["findings"])
    sl_met = next(o for o in language["outcomes"] if o["outcome"] == "sl_met")
    es = next(g for g in sl_met["groups"] if g["group"] == "es")
    assert es["flagged"] and es["p_adjusted"] < 0.05
    page = client.get("/engagements/telco-krk/parity").text
    assert "worse than the rest" in page


def test_people_page_shows_pay_below_the_living_wage(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    people = client.get("/api/v1/engagements/telco-mnl/people").json()
    site = people["sites"][0]
    assert site["site_id"] == "northwind-mnl"
    assert site["share_below_living_wage"] > 0.5 and site["lowest_ratio"] < 1
    page = client.get("/engagements/telco-mnl/people").text
    assert "Pay against the living wage" in page and f"{site['lowest_ratio']:.2f}" in page
    # the share links to the agent-months behind it, each with the file it was ingested from
    [link] = set(
        re.findall(r'href="(/engagements/telco-mnl/agent-months/living_wage/[^"]+)"', page)
    )
    rows = client.get(link.replace("&amp;", "&")).text
    assert "northwind-mnl" in rows and re.search(r"agent[-_]?months?[^<]*\.csv", rows, re.I)


def test_privacy_page_shows_the_late_notification_and_the_bulk_export(
    client: TestClient,
) -> None:
    sign_in(client, "analyst@telco.example")
    bog = client.get("/api/v1/engagements/telco-bog/privacy").json()
    clock = next(
        c for i in bog["incidents"] for c in i["clocks"] if c["name"] == "vendor_to_client"
    )
    assert clock["state"] == "late" and clock["elapsed_hours"] == pytest.approx(96.0)
    # GDPR Art. 33(1): the authority within 72 h of the client's awareness (told 05-16 14:30)
    assert bog["regimes"] == ["GDPR (EU)"] and not bog["regimes_assumed"]
    bog_page = client.get("/engagements/telco-bog/privacy").text
    assert "Regimes: <strong>GDPR (EU)</strong>" in bog_page
    assert "deadline 2026-05-19 14:30 UTC" in bog_page and "GDPR Art. 33(1)" in bog_page
    mnl = client.get("/api/v1/engagements/telco-mnl/privacy").json()
    [bulk] = [a for a in mnl["anomalies"] if "Bulk export" in a["title"]]
    assert bulk["days"]  # one finding for the agent's bulk exports, each day an occurrence
    page = client.get("/engagements/telco-mnl/privacy").text
    assert "Bulk export" in page
    # each anomaly links to its own finding, not to the whole register
    assert f'href="/portal/findings/{bulk["finding_id"]}"' in page
    assert "/findings?status=active" not in page
    finding = client.get(f"/portal/findings/{bulk['finding_id']}").text
    assert 'id="occurrences"' in finding and bulk["days"][0] in finding


def test_staffing_page_finds_the_understaffed_month(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    staffing = client.get("/api/v1/engagements/telco-blr/staffing").json()
    assert any(f["title"].startswith("Understaffed in 2026-07") for f in staffing["findings"])
    page = client.get("/engagements/telco-blr/staffing").text
    assert "2026-07" in page
    # the occupancy finding links to the agent-months whose logged-in hours it counted
    [link] = re.findall(
        r'href="(/engagements/telco-blr/agent-months/occupancy/2026-07[^"]*)"', page
    )
    rows = client.get(link.replace("&amp;", "&")).text
    assert "the agent-months behind it" in rows and "/engagements/telco-blr/staffing" in rows


def test_scorecards_rank_vendors_and_check_claims_against_data(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    ranking = client.get("/api/v1/scorecards?as_of=2026-10-31").json()
    # docs/vetting.md, "Demo": by the evidence, then by the answers alone.
    assert [
        (r["vendor_id"], round(r["total"], 2), round(r["declared_total"], 2))
        for r in ranking["rows"]
    ] == [
        ("vistula", 71.98, 74.13),
        ("indigo", 53.13, 54.41),
        ("northwind", 49.62, 55.34),
        ("andes", 45.13, 45.88),
    ]
    card = client.get("/api/v1/scorecards/northwind?as_of=2026-10-31").json()
    assert sum(line["points"] for line in card["lines"]) == pytest.approx(card["total"], abs=0.05)
    lines = {line["question_id"]: line for line in card["lines"]}
    # Planted problem 1: northwind declares a living wage for all and 100 % employees; its
    # payroll shows 0.70 of the living wage and its roster 80 % employees.
    for question in ("lab.living-wage-all", "lab.in-house-share"):
        assert lines[question]["claim"]["contradicted"] and lines[question]["credit"] == 0
        assert lines[question]["note"].startswith("contradicted by data")
    flags = " ".join(card["red_flags"])
    assert "Not all agents are paid a living wage" in flags
    assert "contradicts it) (contradicted: declared 1.00, measured 0.69" in flags
    assert "fewer than declared) (contradicted: declared 100 %, measured 81 %" in flags
    assert card["declared_red_flags"] == [] and card["declared_total"] > card["total"]
    vistula = client.get("/api/v1/scorecards/vistula?as_of=2026-10-31").json()
    assert "All agents are in-house employees" in vistula["declared_green_lights"]
    assert "All agents are in-house employees" not in vistula["green_lights"]
    page = client.get("/scorecards?as_of=2026-10-31").text
    assert page.index("Vistula") < page.index("Andes")
    assert "contradicted" in client.get("/scorecards/northwind?as_of=2026-10-31").text


def test_a_vendor_sees_only_its_own_scorecard(client: TestClient) -> None:
    sign_in(client, "vendor@telco.example")
    rows = client.get("/api/v1/scorecards?as_of=2026-10-31").json()["rows"]
    assert [r["vendor_id"] for r in rows] == ["northwind"]
    page = client.get("/scorecards?as_of=2026-10-31").text
    assert "Vistula" not in page and "Northwind" in page
    assert client.get("/scorecards/vistula").status_code == 404


def test_tco_page_counts_the_living_wage_premium(client: TestClient, demo_ws: Workspace) -> None:
    from fairshore.costs.services import compare_scenario

    sign_in(client, "executive@telco.example")
    tco = client.get("/api/v1/tco").json()
    expected = compare_scenario(None, runs=1000, seed=1, ws=demo_ws)  # what the CLI computes
    assert [o["annual_cost"] for o in tco["options"]] == pytest.approx(
        [o.annual_cost for o in expected.options]
    )
    manila = next(o for o in tco["options"] if o["option_id"] == "manila")
    assert manila["living_wage_premium"] > 0
    # the demo's payroll is in the lake: the page costs measured pay and says so
    pay = {p["provider"]: p for p in tco["pay"]}
    assert pay["northwind"]["source"] == "measured" and pay["in-house"]["source"] == "typed_in"
    assert pay["northwind"]["engagement_id"] == "telco-mnl" and pay["northwind"]["period"]
    page = client.get("/tco").text
    assert "Living-wage premium" in page and "Agent pay used" in page


def test_sources_page_lists_the_demo_feeds(client: TestClient, demo_ws: Workspace) -> None:
    # the demo's vendor files came in through folder sources: one per manifest row
    manifest = json.loads((demo_ws.home / "incoming" / "manifest.json").read_text())
    feeds_by_id = {s.id: s for s in sources.list_sources(demo_ws)}
    assert set(feeds_by_id) == {feeds.source_id(FileEntry(**e)) for e in manifest["files"]}
    zendesk = feeds_by_id["telco-blr-interactions-zendesk"]
    assert zendesk.kind == "folder" and zendesk.options["pattern"] == "ticket*.json"
    accepted = {b.batch_id: b.rows_accepted for b in list_batches(demo_ws)}
    assert sum(s.rows_total for s in feeds_by_id.values()) == sum(accepted.values())
    sign_in(client, "analyst@telco.example")
    page = client.get("/sources").text
    row = re.search(r"<th scope=\"row\">telco-blr-interactions-zendesk .*?</tr>", page, re.S)
    assert row is not None and f">{zendesk.rows_total:,}<" in row.group(0)
    assert "never" not in row.group(0) and "silent" not in row.group(0)


def test_reports_are_listed_rendered_and_exported_with_an_audit_entry(
    client: TestClient, demo_ws: Workspace
) -> None:
    need_weasyprint()
    sign_in(client, "vendor@telco.example")
    mine = client.get("/api/v1/reports").json()["data"]
    assert {(r["kind"], r["engagement_id"]) for r in mine} == {("qbr", "telco-mnl")}
    assert client.get("/reports/qbr/telco-mnl/2026-Q3/pdf").status_code == 403  # no export
    sign_in(client, "executive@telco.example")
    links = client.get("/api/v1/reports").json()["data"]
    assert {"qbr", "board"} == {r["kind"] for r in links}
    html = client.get("/reports/qbr/telco-blr/2026-Q3")
    assert html.status_code == 200 and "Quarterly business review" in html.text
    pdf = client.get("/reports/qbr/telco-blr/2026-Q3/pdf")
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf.headers["content-disposition"]
    with demo_ws.db.begin() as conn:
        logged = conn.execute(
            sa.text("SELECT actor, target FROM audit_log WHERE action = 'report.export'")
        ).all()
    assert ("executive@telco.example", "qbr:telco-blr:2026-Q3") in [tuple(r) for r in logged]
    assert client.get("/reports/qbr/telco-blr/2026-Q5").status_code == 422


def test_pages_are_labelled_for_screen_readers(client: TestClient) -> None:
    sign_in(client, "analyst@telco.example")
    for path in (
        "/engagements/telco-blr/kpis",
        "/engagements/telco-blr/people",
        "/engagements/telco-blr/staffing",
        "/engagements/telco-blr/contract",
        "/scorecards",
        "/tco",
    ):
        page = client.get(path).text
        charts = re.findall(r'<div class="chart"[^>]*>', page)
        assert charts and all('role="img"' in c and "aria-label=" in c for c in charts), path
        assert page.count("<caption") >= 1 and "<h1>" in page
    tabs = client.get("/engagements/telco-blr/kpis").text
    assert 'aria-current="page">KPI trends' in tabs


def test_kept_scores_follow_every_change_of_answers_and_evidence(
    client: TestClient, demo_ws: Workspace, tmp_path: Path
) -> None:
    """Scorecards are kept per data version: each write shows on the next request, with
    the figures the scoring service computes afresh. (Runs last: it changes answers.)"""
    from fairshore.vetting import services as vetting

    def fresh(vendor: str) -> float:
        score = vetting.score_vendor(demo_ws, vendor, as_of=date(2026, 10, 31))
        return round(float(score.total), 2)

    def served(vendor: str) -> float:
        rows = client.get("/api/v1/scorecards?as_of=2026-10-31").json()["rows"]
        return round(next(r["total"] for r in rows if r["vendor_id"] == vendor), 2)

    sign_in(client, "analyst@telco.example")
    assert served("andes") == 45.13 and served("northwind") == 49.62  # kept from here on
    vetting.answer_question(demo_ws, "andes", "lab.living-wage-all", "no")
    assert served("andes") == fresh("andes") != 45.13
    before = served("northwind")
    proof = tmp_path / "hr-policy.pdf"  # backs its hours, minimum age, wellbeing answers
    proof.write_bytes(b"%PDF-1.4 HR policy")
    vetting.add_evidence(demo_ws, "northwind", proof, type="hr_policy", issuer="Northwind HR",
                         scope=("northwind-mnl",), valid_from=date(2026, 1, 1),
                         valid_until=date(2027, 1, 1))  # fmt: skip
    assert served("northwind") == fresh("northwind") != before
    # The card's claims compare what the vendor declares now with what its data shows.
    card = client.get("/api/v1/scorecards/northwind?as_of=2026-10-31").json()
    living = next(line for line in card["lines"] if line["question_id"] == "lab.living-wage-all")
    assert living["answer"] == "yes" and living["claim"]["contradicted"]
    vetting.answer_question(demo_ws, "northwind", "lab.living-wage-all", "no")
    card = client.get("/api/v1/scorecards/northwind?as_of=2026-10-31").json()
    living = next(line for line in card["lines"] if line["question_id"] == "lab.living-wage-all")
    assert living["answer"] == "no" and living["claim"] is None  # nothing declared to check
    assert round(card["total"], 2) == fresh("northwind")
