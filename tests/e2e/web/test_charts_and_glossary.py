"""Charts and words for people: rates in percent against the contract's targets, deferred
channels in hours on charts of their own, the fairness page led by one chart, and every
statistical label explained on hover and in the glossary (the same texts).

Runs on the analytics pages' demo workspace (``analytics_ws``, built once per test process:
``tests/e2e/web/analytics_demo.py``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from fairshore import glossary
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.app import create_app
from fairshore.metrics.model import LIVE_CHANNELS
from tests.e2e.web.conftest import sign_in

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("web-analytics")]


@pytest.fixture(scope="module")
def client(analytics_ws: Workspace) -> Iterator[TestClient]:
    app = create_app(analytics_ws.settings, workspace=analytics_ws)
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def _spec(page: str, chart_id: str) -> dict[str, Any]:
    found = re.search(rf'<script type="application/json" id="{chart_id}">(.*?)</script>', page)
    assert found, f"no chart {chart_id}"
    spec: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return spec


def _panel(spec: dict[str, Any], title: str) -> dict[str, Any]:
    return next(p for p in spec["concat"] if p["layer"][0]["encoding"]["y"]["title"] == title)


def _api_row(rows: list[dict[str, Any]], month: str, channel: str) -> dict[str, Any]:
    return next(r for r in rows if r["period"] == month and r["group"]["channel"] == channel)


def test_kpi_rates_are_percentages_with_the_contracts_target_as_a_rule(
    client: TestClient,
) -> None:
    sign_in(client, "analyst@telco.example")
    terms = client.get("/api/v1/engagements/telco-blr/contract").json()["service_terms"]
    voice_sl = next(
        t for t in terms if t["metric"] == "service_level" and t["scope"] == {"channel": ["voice"]}
    )
    rows = client.get("/api/v1/engagements/telco-blr/kpis?by=month,channel").json()["rows"]
    spec = _spec(client.get("/engagements/telco-blr/kpis").text, "chart-kpis")
    assert spec["resolve"]["scale"]["y"] == "independent"
    sl = _panel(spec, "Service level")
    line, rule = sl["layer"]
    assert line["encoding"]["y"]["axis"]["format"] == ".0%"
    assert rule["mark"]["type"] == "rule"
    targets = {v["term"]: v["value"] for v in rule["data"]["values"]}
    assert targets[voice_sl["id"]] == voice_sl["target"] == 0.8  # telco-blr.yaml: >= 0.80
    # Tooltips: the value as the tables print it, its month and channel.
    assert [t["title"] for t in line["encoding"]["tooltip"]] == [
        "month",
        "channel",
        "Service level",
    ]
    july = next(
        v for v in line["data"]["values"] if (v["month"], v["group"]) == ("2026-07", "voice")
    )
    expected = _api_row(rows, "2026-07", "voice")["service_level"]
    assert july["value"] == pytest.approx(expected)
    assert july["shown"] == f"{expected * 100:.1f} %"
    # Each point leads to the contacts behind it (the drill-down page answers).
    assert line["encoding"]["href"] == {"field": "href"}
    assert july["href"].startswith("/engagements/telco-blr/evidence/service_level/2026-07")
    assert client.get(july["href"]).status_code == 200
    # Seconds stay seconds on the live chart, without a percent axis.
    asa = _panel(spec, "ASA (s)")["layer"][0]
    assert asa["encoding"]["y"]["axis"]["format"] != ".0%"
    assert {v["group"] for v in line["data"]["values"]} <= set(LIVE_CHANNELS)


def test_deferred_channels_are_drawn_in_hours_on_a_chart_of_their_own(
    client: TestClient,
) -> None:
    sign_in(client, "analyst@telco.example")
    terms = client.get("/api/v1/engagements/telco-blr/contract").json()["service_terms"]
    email_fr = next(t for t in terms if t["metric"] == "first_response_business_s")
    rows = client.get("/api/v1/engagements/telco-blr/kpis?by=month,channel").json()["rows"]
    page = client.get("/engagements/telco-blr/kpis").text
    live, deferred = _spec(page, "chart-kpis"), _spec(page, "chart-kpis-deferred")
    live_groups = {v["group"] for p in live["concat"] for v in p["layer"][0]["data"]["values"]}
    deferred_groups = {
        v["group"] for p in deferred["concat"] for v in p["layer"][0]["data"]["values"]
    }
    assert "email" in deferred_groups and not deferred_groups & set(LIVE_CHANNELS)
    assert live_groups and live_groups <= set(LIVE_CHANNELS)
    assert deferred["resolve"]["scale"]["y"] == "independent"
    asa = _panel(deferred, "First response, calendar time (h)")["layer"][0]
    july = next(
        v for v in asa["data"]["values"] if (v["month"], v["group"]) == ("2026-07", "email")
    )
    seconds = _api_row(rows, "2026-07", "email")["asa_s"]
    assert july["value"] == pytest.approx(seconds / 3600)
    business = _panel(deferred, "First response, business time (h)")
    rule = business["layer"][1]["data"]["values"]
    assert [(v["term"], v["value"]) for v in rule] == [(email_fr["id"], 86400 / 3600)]
    assert "24.0 h" in rule[0]["shown"]


def test_the_fairness_page_leads_with_the_impact_ratio_chart(
    client: TestClient,
) -> None:
    sign_in(client, "auditor@telco.example")
    api = client.get("/api/v1/engagements/telco-krk/parity").json()
    page = client.get("/engagements/telco-krk/parity").text
    chart_at = page.index('data-vega-spec="chart-parity"')
    assert chart_at < page.index("<table") and chart_at < page.index("<details")
    # Every outcome's table is behind a <details> of its dimension (findings stay in view).
    assert page.count("<details>") == len(api["audits"])
    outcome_tables = re.findall(r"<details>.*?</details>", page, flags=re.S)
    tables = sum(len(a["outcomes"]) for a in api["audits"])
    assert sum(d.count("is better)") for d in outcome_tables) == tables > 0
    assert page.count("is better)") == tables
    spec = _spec(page, "chart-parity")
    language = next(a for a in api["audits"] if a["dimension"] == "language")
    sl_met = next(o for o in language["outcomes"] if o["outcome"] == "sl_met")
    es = next(g for g in sl_met["groups"] if g["group"] == "es")
    best = next(g for g in sl_met["groups"] if g["group"] == sl_met["best_group"])
    drawn = next(
        v for v in spec["data"]["values"] if (v["group"], v["outcome"]) == ("language=es", "sl met")
    )
    assert drawn["ratio"] == pytest.approx(es["impact_ratio"])
    # The interval is es's own Wilson interval over the best group's rate (higher is better).
    assert drawn["low"] == pytest.approx(es["ci_low"] / best["value"])
    assert drawn["high"] == pytest.approx(es["ci_high"] / best["value"])
    assert drawn["low"] <= drawn["ratio"] <= drawn["high"]
    assert drawn["status"] == "worse than the rest"
    # For times the ratio is best median / group median, so the group's upper bound gives
    # the ratio's lower one.
    times = [o for o in language["outcomes"] if o["kind"] == "time"]
    checked = 0
    for o in times:
        top = next(g for g in o["groups"] if g["group"] == o["best_group"])["value"]
        for g in o["groups"]:
            if g["impact_ratio"] is None or not g["ci_low"] or not top:
                continue
            point = next(
                v
                for v in spec["data"]["values"]
                if (v["group"], v["outcome"])
                == (f"language={g['group']}", o["outcome"].replace("_", " "))
            )
            assert point["low"] == pytest.approx(top / g["ci_high"])
            assert point["high"] == pytest.approx(top / g["ci_low"])
            checked += 1
    assert checked > 0
    threshold = spec["spec"]["layer"][2]["encoding"]["x"]["datum"]
    assert threshold == language["rule"]["impact_ratio_below"] == 0.8  # 29 CFR 1607.4(D)


def test_labels_explain_themselves_with_the_glossarys_own_words(
    client: TestClient,
) -> None:
    sign_in(client, "executive@telco.example")
    page = client.get("/glossary").text
    for t in glossary.TERMS:
        assert f'id="{t.key}"' in page and escape(t.text) in page, t.key
    assert "Benjamini &amp; Hochberg (1995)" in page and "29 CFR 1607.4(D)" in page
    assert glossary.term("asa").formula is not None and glossary.term("asa").formula in page
    parity = client.get("/engagements/telco-krk/parity").text
    for key in ("p_bh", "impact_ratio", "confidence_interval", "four_fifths", "judged"):
        t = glossary.term(key)
        assert f'href="/glossary#{key}"><abbr title="{escape(t.text)}">' in parity, key
    kpis = client.get("/engagements/telco-blr/kpis").text
    assert f'<abbr title="{escape(glossary.term("fcr").text)}">FCR</abbr>' in kpis
    assert '<a href="/glossary">Glossary</a>' in kpis  # in the navigation
    with pytest.raises(KeyError, match="no glossary term"):
        glossary.term("p_hacking")
