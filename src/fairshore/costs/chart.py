"""The TCO chart as a Vega-Lite spec: annual cost per option, P10-P90 whiskers."""

from __future__ import annotations

from typing import Any

from fairshore import vegalite
from fairshore.costs.model import TcoReport

VEGA_LITE_SCHEMA = vegalite.SCHEMA


def tco_chart(report: TcoReport) -> dict[str, Any]:
    """A stacked bar of cost lines per option, with the Monte Carlo P10-P90 range."""
    lines = [
        {"option": o.label, "line": name, "cost": value}
        for o in report.options
        for name, value in o.lines.items()
        if value > 0
    ]
    ranges = [
        {
            "option": o.label,
            "p10": o.annual_cost_range.p10,
            "p50": o.annual_cost_range.p50,
            "p90": o.annual_cost_range.p90,
        }
        for o in report.options
        if o.annual_cost_range is not None
    ]
    order = [o.label for o in report.options]
    x = {
        "field": "option",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelAngle": -30},
    }
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": lines},
            "mark": "bar",
            "encoding": {
                "x": x,
                "y": {
                    "field": "cost",
                    "type": "quantitative",
                    "aggregate": "sum",
                    "title": f"annual cost ({report.currency})",
                },
                "color": {"field": "line", "type": "nominal", "title": "cost line"},
                "tooltip": [
                    {"field": "option"},
                    {"field": "line"},
                    {"field": "cost", "format": ",.0f"},
                ],
            },
        }
    ]
    if ranges:
        layers.append(
            {
                "data": {"values": ranges},
                "mark": {"type": "rule", "color": "black", "strokeWidth": 2},
                "encoding": {
                    "x": x,
                    "y": {"field": "p10", "type": "quantitative"},
                    "y2": {"field": "p90"},
                },
            }
        )
    runs = f", P10-P90 of {report.runs} runs" if report.runs else ""
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": f"{report.scenario}: annual cost by option{runs}",
        "width": 480,
        "height": 300,
        "layer": layers,
    }
