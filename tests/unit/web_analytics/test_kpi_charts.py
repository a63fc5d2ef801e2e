"""Which contract targets a KPI chart draws, and in which unit (no workspace needed)."""

from __future__ import annotations

from typing import Any

from fairshore.contracts.model import ServiceTerm
from fairshore.entrypoints.web.charts import kpi_charts
from fairshore.entrypoints.web.schemas_analytics import KpiTrendPublic
from fairshore.metrics.model import KpiRow


def _trend(dim: str, rows: list[tuple[str, float, float]]) -> KpiTrendPublic:
    return KpiTrendPublic(
        engagement_id="e",
        status="ok",
        by=["month", dim],
        start=None,
        end=None,
        rows=[
            KpiRow(group={dim: g}, period="2026-07", service_level=sl, asa_s=asa)
            for g, sl, asa in rows
        ],
        count=len(rows),
    )


def _term(term_id: str, metric: str, target: float, **scope: list[str]) -> ServiceTerm:
    return ServiceTerm(id=term_id, metric=metric, comparator=">=", target=target, scope=scope)


def _rules(spec: dict[str, Any], title: str) -> list[tuple[str, float]]:
    panel = next(p for p in spec["concat"] if p["layer"][0]["encoding"]["y"]["title"] == title)
    return [
        (v["term"], v["value"]) for layer in panel["layer"][1:] for v in layer["data"]["values"]
    ]


TERMS = [
    _term("voice-sl", "service_level", 0.8, channel=["voice"]),
    _term("any-sl", "service_level", 0.7),
    _term("email-asa", "asa_s", 7200.0, channel=["email"]),
    _term("es-sl", "service_level", 0.75, language=["es"]),
]


def test_a_channel_split_draws_each_channels_targets_on_its_own_chart() -> None:
    trend = _trend("channel", [("voice", 0.81, 12.0), ("email", 0.1, 36000.0)])
    live, deferred = kpi_charts(trend, dim="channel", terms=TERMS)
    assert (live.chart_id, deferred.chart_id) == ("chart-kpis", "chart-kpis-deferred")
    assert _rules(live.spec, "Service level") == [("voice-sl", 0.8), ("any-sl", 0.7)]
    assert _rules(live.spec, "ASA (s)") == []  # the e-mail term is not a live target
    # Deferred: hours, the e-mail term's 7,200 s drawn at 2 h beside the 10 h measured.
    assert _rules(deferred.spec, "First response, calendar time (h)") == [("email-asa", 2.0)]
    values = deferred.spec["concat"][0]["layer"][0]["data"]["values"]
    assert values == [{"month": "2026-07", "group": "email", "value": 10.0, "shown": "10.0 h"}]


def test_a_split_by_language_draws_only_targets_of_every_contact() -> None:
    """A channel-scoped target does not describe a language's mixed contacts, nor does a
    target scoped by language (the chart's groups are not checked against it)."""
    trend = _trend("language", [("en", 0.81, 12.0), ("es", 0.6, 30.0)])
    (chart,) = kpi_charts(trend, dim="language", terms=TERMS)
    assert _rules(chart.spec, "Service level") == [("any-sl", 0.7)]
    panel = chart.spec["concat"][0]["layer"][0]
    assert panel["encoding"]["y"]["axis"]["format"] == ".0%"
    assert [v["shown"] for v in panel["data"]["values"]] == ["81.0 %", "60.0 %"]
