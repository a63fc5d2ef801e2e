"""The web pages' Vega-Lite charts of KPIs and parity, built from the pages' result objects.

Rates are drawn as percentages; a contract's target is a rule on the panel of its metric
(taken from the contract's own service terms, never copied); live and deferred channels
(``fairshore.metrics.model.LIVE_CHANNELS``) get charts of their own, deferred waits in
hours; tooltips carry the value as ``fairshore.numbers`` prints it, the month and group.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from fairshore import numbers, vegalite
from fairshore.contracts.model import ServiceTerm
from fairshore.entrypoints.web.schemas_analytics import KpiTrendPublic, ParityPublic
from fairshore.metrics.model import LIVE_CHANNELS, KpiRow

PointLink = Callable[[str, str, str], str]  # (metric, month, group) -> contacts' URL

VEGA_LITE = vegalite.SCHEMA
Unit = Literal["rate", "seconds", "hours"]
_HOUR = 3600.0
TARGET_COLOUR = "#cf222e"
# (KPI, panel title, unit drawn); "hours" are seconds in the data drawn as hours.
LIVE_PANELS: tuple[tuple[str, str, Unit], ...] = (
    ("service_level", "Service level", "rate"),
    ("asa_s", "ASA (s)", "seconds"),
    ("abandon_rate", "Abandon rate", "rate"),
    ("aht_s", "AHT (s)", "seconds"),
    ("fcr_rate", "FCR", "rate"),
    ("csat_top2", "CSAT top-2", "rate"),
)
DEFERRED_PANELS: tuple[tuple[str, str, Unit], ...] = (
    ("first_response_business_s", "First response, business time (h)", "hours"),
    ("asa_s", "First response, calendar time (h)", "hours"),
    ("aht_s", "AHT (s)", "seconds"),
    ("fcr_rate", "FCR", "rate"),
    ("csat_top2", "CSAT top-2", "rate"),
)


@dataclass(frozen=True)
class PageChart:
    """One chart of a page: its element id, its screen-reader label, its spec."""

    chart_id: str
    label: str
    spec: dict[str, Any]


def _drawn(value: float, unit: Unit) -> float:
    return value / _HOUR if unit == "hours" else value


def _shown(value: float, unit: Unit) -> str:
    return numbers.percent(value) if unit == "rate" else numbers.duration(value)


def _y(title: str, unit: Unit) -> dict[str, Any]:
    axis = {"format": ".0%"} if unit == "rate" else {"format": ",.1~f"}
    return {"field": "value", "type": "quantitative", "title": title, "axis": axis}


def _applies(term: ServiceTerm, *, dim: str, channels: set[str]) -> bool:
    """Whether a term's target belongs on a chart of these groups: unscoped terms always,
    channel-scoped ones only on a split by channel that shows one of its channels."""
    if not term.scope:
        return True
    if set(term.scope) != {"channel"} or dim != "channel":
        return False
    return bool(set(term.scope["channel"]) & channels)


def _panel(
    rows: Sequence[KpiRow],
    panel: tuple[str, str, Unit],
    *,
    dim: str,
    terms: Sequence[ServiceTerm],
    link: PointLink | None = None,
) -> dict[str, Any] | None:
    name, title, unit = panel
    values = [
        {
            "month": p.period,
            "group": _group(p, dim),
            "value": _drawn(v, unit),
            "shown": _shown(v, unit),
            **({"href": link(name, p.period, _group(p, dim))} if link and p.period else {}),
        }
        for p in rows
        if (v := getattr(p, name, None)) is not None and not math.isnan(v)
    ]
    if not values:
        return None
    line = {
        "data": {"values": values},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "title": None},
            "y": _y(title, unit),
            "color": {"field": "group", "type": "nominal", "title": dim},
            **({"href": {"field": "href"}} if link else {}),
            "tooltip": [
                {"field": "month", "title": "month"},
                {"field": "group", "title": dim},
                {"field": "shown", "title": title},
            ],
        },
    }
    channels = {_group(p, dim) for p in rows}
    targets = [
        {
            "value": _drawn(t.target, unit),
            "term": t.id,
            "shown": f"{t.comparator} {_shown(t.target, unit)}",
            "applies to": ", ".join(t.scope.get("channel", [])) or "all contacts",
        }
        for t in terms
        if t.metric == name and _applies(t, dim=dim, channels=channels)
    ]
    layers: list[dict[str, Any]] = [line]
    if targets:
        layers.append(
            {
                "data": {"values": targets},
                "mark": {"type": "rule", "color": TARGET_COLOUR, "strokeDash": [4, 4]},
                "encoding": {
                    "y": {"field": "value", "type": "quantitative"},
                    "tooltip": [
                        {"field": "term", "title": "contract target"},
                        {"field": "shown", "title": "target"},
                        {"field": "applies to"},
                    ],
                },
            }
        )
    return {"width": 220, "height": 140, "layer": layers}


def _group(p: KpiRow, dim: str) -> str:
    return str(p.group.get(dim) or "(missing)")


def _concat(panels: list[dict[str, Any] | None]) -> dict[str, Any] | None:
    drawn = [p for p in panels if p is not None]
    if not drawn:
        return None
    return {
        "$schema": VEGA_LITE,
        "concat": drawn,
        "columns": 3,
        "resolve": {"scale": {"y": "independent", "color": "shared"}},
    }


def kpi_charts(
    trend: KpiTrendPublic,
    *,
    dim: str,
    terms: Sequence[ServiceTerm],
    link: PointLink | None = None,
) -> list[PageChart]:
    """The KPI trend charts of a page: split by channel, live and deferred channels apart.

    Parameters
    ----------
    trend
        The page's KPI trend (months by ``dim``).
    dim
        The dimension the trend is split by.
    terms
        The engagement's contract service terms (their targets become rule lines).
    link
        (metric, month, group) -> the URL of the contacts behind that point, if any.
    """
    if dim != "channel":
        spec = _concat(
            [_panel(trend.rows, p, dim=dim, terms=terms, link=link) for p in LIVE_PANELS]
        )
        label = f"Line charts of the KPIs by month and {dim}, contract targets as dashed lines"
        return (
            [PageChart("chart-kpis", label + "; the same figures are in the tables below.", spec)]
            if spec
            else []
        )
    live = [p for p in trend.rows if _group(p, dim) in LIVE_CHANNELS]
    deferred = [p for p in trend.rows if _group(p, dim) not in LIVE_CHANNELS]
    charts = []
    for rows, panels, chart_id, kind in (
        (live, LIVE_PANELS, "chart-kpis", "live channels (seconds)"),
        (deferred, DEFERRED_PANELS, "chart-kpis-deferred", "deferred channels (hours)"),
    ):
        spec = _concat([_panel(rows, p, dim=dim, terms=terms, link=link) for p in panels])
        if spec is not None:
            label = (
                f"Line charts of the KPIs of {kind} by month, contract targets as dashed "
                "lines; the same figures are in the tables below."
            )
            charts.append(PageChart(chart_id, label, spec))
    return charts


def parity_chart(parity: ParityPublic) -> dict[str, Any] | None:
    """Impact ratio with its interval per group, one panel per outcome, the four-fifths line.

    The line is the audit's own finding rule (``FindingRule.impact_ratio_below``).
    """
    values = [
        {
            "outcome": o.outcome.replace("_", " "),
            "group": f"{a.dimension.removeprefix('seg_')}={g.group}",
            "ratio": g.impact_ratio,
            "low": g.impact_ratio_low,
            "high": g.impact_ratio_high,
            "shown": _ratio_text(g.impact_ratio, g.impact_ratio_low, g.impact_ratio_high),
            "n": g.n,
            "status": "worse than the rest" if g.flagged else g.status.replace("_", " "),
        }
        for a in parity.audits
        for o in a.outcomes
        for g in o.groups
        if g.impact_ratio is not None
    ]
    if not values:
        return None
    threshold = parity.audits[0].rule.impact_ratio_below
    tooltip = [
        {"field": "group"},
        {"field": "outcome"},
        {"field": "shown", "title": "impact ratio (95 % interval)"},
        {"field": "n", "format": ","},
        {"field": "status"},
    ]
    y = {"field": "group", "type": "nominal", "title": None}
    colour = {
        "field": "status",
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": ["worse than the rest", "judged", "too small", "designed"],
            "range": [TARGET_COLOUR, "#0b5cad", "#8c959f", "#6e40c9"],
        },
    }
    return {
        "$schema": VEGA_LITE,
        "data": {"values": values},
        "facet": {"field": "outcome", "type": "nominal", "title": None},
        "columns": 3,
        "resolve": {"scale": {"y": "independent"}},
        "spec": {
            "width": 200,
            "height": {"step": 16},
            "layer": [
                {
                    "mark": {"type": "rule", "color": "#57606a"},
                    "encoding": {
                        "y": y,
                        "x": {
                            "field": "low",
                            "type": "quantitative",
                            "title": "impact ratio",
                            "scale": {"zero": True},
                            "axis": {"format": ".2f"},
                        },
                        "x2": {"field": "high"},
                        "tooltip": tooltip,
                    },
                },
                {
                    "mark": {"type": "point", "filled": True, "size": 50},
                    "encoding": {
                        "y": y,
                        "x": {"field": "ratio", "type": "quantitative"},
                        "color": colour,
                        "tooltip": tooltip,
                    },
                },
                {  # explained beside the chart; no item of its own for screen readers
                    "mark": {
                        "type": "rule",
                        "color": TARGET_COLOUR,
                        "strokeDash": [4, 4],
                        "aria": False,
                    },
                    "encoding": {"x": {"datum": threshold}},
                },
            ],
        },
    }


def _ratio_text(ratio: float | None, low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return numbers.number(ratio, decimals=2)
    return (
        f"{numbers.number(ratio, decimals=2)} "
        f"({numbers.number(low, decimals=2)}–{numbers.number(high, decimals=2)})"
    )
