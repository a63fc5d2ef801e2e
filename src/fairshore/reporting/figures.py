"""Key figures and traffic-light rules of reports (numbers read through fairshore.numbers)."""

from __future__ import annotations

from collections.abc import Iterable

from fairshore.governance.model import FindingRecord
from fairshore.numbers import NO_DATA
from fairshore.reporting.model import KeyFigure, Light

_ORDER: dict[Light, int] = {"grey": 0, "green": 1, "amber": 2, "red": 3}


def worst(lights: Iterable[Light]) -> Light:
    """The most severe light (grey only when every light is grey)."""
    chosen: Light = "grey"
    for light in lights:
        if _ORDER[light] > _ORDER[chosen]:
            chosen = light
    return chosen


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
