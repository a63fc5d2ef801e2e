"""How numbers read in a report, and the traffic-light rules (one place for both)."""

from __future__ import annotations

from collections.abc import Iterable

from fairshore.governance.model import FindingRecord
from fairshore.reporting.model import KeyFigure, Light

_ORDER: dict[Light, int] = {"grey": 0, "green": 1, "amber": 2, "red": 3}
NO_DATA = "no data"


def worst(lights: Iterable[Light]) -> Light:
    """The most severe light (grey only when every light is grey)."""
    chosen: Light = "grey"
    for light in lights:
        if _ORDER[light] > _ORDER[chosen]:
            chosen = light
    return chosen


def is_share(metric: str, target: float | None = None) -> bool:
    """True for metrics that are shares of 1 (printed as percentages)."""
    if metric.endswith("_s") or "hours" in metric:
        return False
    return target is None or abs(target) <= 1.0


def fmt_value(metric: str, value: float | None, *, target: float | None = None) -> str:
    """A measured value as a reader sees it: ``78.4 %``, ``1,234 s``, ``8.5 h``.

    Examples
    --------
    >>> fmt_value("service_level", 0.7841, target=0.8)
    '78.4 %'
    >>> fmt_value("first_response_business_s", 5000.4)
    '5,000 s'
    """
    if value is None:
        return NO_DATA
    if metric.endswith("_s"):
        return f"{value:,.0f} s"
    if "hours" in metric:
        return f"{value:,.1f} h"
    if is_share(metric, target):
        return f"{value * 100:.1f} %"
    return f"{value:,.2f}"


def fmt_pct(value: float | None) -> str:
    """A share as a percentage with one decimal, or ``no data``."""
    return NO_DATA if value is None else f"{value * 100:.1f} %"


def fmt_money(value: float, currency: str) -> str:
    """An amount with thousands separators and its currency."""
    return f"{value:,.2f} {currency}"


def figure(label: str, value: float | None, text: str, light: Light, detail: str = "") -> KeyFigure:
    """A key figure; a missing value is always grey and reads ``no data``."""
    if value is None:
        return KeyFigure(label=label, value=None, text=NO_DATA, light="grey", detail=detail)
    return KeyFigure(label=label, value=value, text=text, light=light, detail=detail)


def findings_light(records: Iterable[FindingRecord]) -> Light:
    """Red for an open critical or overdue finding, amber for any other open one."""
    light: Light = "green"
    for r in records:
        if r.status == "closed":
            continue
        if r.finding.severity == "critical" or r.overdue:
            return "red"
        if r.finding.severity in ("major", "minor"):
            light = "amber"
    return light


def threshold_light(
    value: float | None, *, amber: float, red: float, higher_is_worse: bool
) -> Light:
    """Green / amber / red against two thresholds (grey when there is no value)."""
    if value is None:
        return "grey"
    if higher_is_worse:
        return "red" if value > red else "amber" if value > amber else "green"
    return "red" if value < red else "amber" if value < amber else "green"
