"""Charts: Vega-Lite specifications, drawn as vector SVG by vl-convert (no network)."""

from __future__ import annotations

from typing import Any

from fairshore import vegalite
from fairshore.reporting.model import Chart


def line_chart(
    title: str,
    points: list[dict[str, Any]],
    *,
    x: str,
    y: str,
    series: str,
    y_title: str,
    rule_at: float | None = None,
) -> Chart:
    """A line per series over ``x`` (e.g. a term's monthly value), with a dashed red rule
    at ``rule_at`` (e.g. 100 on a "% of target" axis: the target itself)."""
    line: dict[str, Any] = {
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": x, "type": "ordinal", "title": None},
            "y": {"field": y, "type": "quantitative", "title": y_title},
            "color": {"field": series, "type": "nominal", "title": None},
        },
    }
    layers = [line]
    if rule_at is not None:
        # the axis title says what the rule is; an unlabelled aria item only confuses
        rule = {"type": "rule", "color": "#cf222e", "strokeDash": [4, 4], "aria": False}
        layers.append({"mark": rule, "encoding": {"y": {"datum": rule_at}}})
    spec: dict[str, Any] = {
        "$schema": vegalite.SCHEMA,
        "width": 460,
        "height": 160,
        "data": {"values": points},
        "layer": layers,
        "config": {"font": "DejaVu Sans", "legend": {"orient": "bottom", "columns": 3}},
    }
    return Chart(title=title, spec=spec)


def bar_chart(title: str, points: list[dict[str, Any]], *, x: str, y: str, y_title: str) -> Chart:
    """Horizontal bars of ``y`` per category ``x``."""
    spec: dict[str, Any] = {
        "$schema": vegalite.SCHEMA,
        "width": 420,
        "height": {"step": 18},
        "data": {"values": points},
        "mark": "bar",
        "encoding": {
            "y": {"field": x, "type": "nominal", "title": None, "sort": "-x"},
            "x": {"field": y, "type": "quantitative", "title": y_title},
        },
        "config": {"font": "DejaVu Sans"},
    }
    return Chart(title=title, spec=spec)


def to_svg(chart: Chart) -> str:
    """The chart as an inline SVG element, drawn once per specification."""
    return vegalite.to_svg(chart.spec)
