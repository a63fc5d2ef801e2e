"""Key figures and traffic-light rules of reports (numbers read through fairshore.numbers).

The one home of every traffic-light rule the reports apply; each rule and its source
is stated in ``docs/governance.md`` ("Traffic lights").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from fairshore.governance.audits import LIVING_WAGE_MAJOR_SHARE, LIVING_WAGE_SYSTEMIC_SHARE
from fairshore.governance.model import FindingRecord
from fairshore.numbers import NO_DATA
from fairshore.reporting.model import KeyFigure, Light

_ORDER: dict[Light, int] = {"grey": 0, "green": 1, "amber": 2, "red": 3}
# SLA: red when at least one judged term-month in ten was breached (a pattern, not an
# incident); amber for any breach or a term that could not be judged.
SLA_RED_SHARE = 0.10


class SlaCounts(Protocol):
    """What the SLA light reads (``reporting.qbr.SlaSummary`` provides it)."""

    @property
    def months(self) -> int: ...
    @property
    def term_months(self) -> int: ...
    @property
    def breached(self) -> int: ...
    @property
    def insufficient(self) -> int: ...


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
    """Red for an open critical finding or an overdue major one; amber for any other open.

    An overdue minor finding stays amber: missing a 90-day deadline on a minor point is
    not what a red light asks a board to act on.
    """
    light: Light = "green"
    for r in records:
        if r.status == "closed":
            continue
        severity = r.finding.severity
        if severity == "critical" or (r.overdue and severity == "major"):
            return "red"
        if severity in ("major", "minor"):
            light = "amber"
    return light


def sla_light(summary: SlaCounts) -> Light:
    """Red when >= 10 % of judged term-months breached; amber for any breach or unjudged term.

    Examples
    --------
    >>> from types import SimpleNamespace as S
    >>> sla_light(S(months=12, term_months=42, breached=1, insufficient=0))
    'amber'
    >>> sla_light(S(months=3, term_months=21, breached=3, insufficient=0))
    'red'
    """
    if summary.months == 0 or summary.term_months == 0:
        return "grey"
    if summary.breached / summary.term_months >= SLA_RED_SHARE:
        return "red"
    if summary.breached or summary.insufficient:
        return "amber"
    return "green"


def pay_light(share_below_living_wage: float | None) -> Light:
    """Pay against the living-wage floor, by the audit grades of ``governance.audits``.

    Red when the shortfall is systemic (half the agents or more: a priority
    nonconformity), amber when it reaches more than one agent in twenty (major).
    """
    if share_below_living_wage is None:
        return "grey"
    if share_below_living_wage >= LIVING_WAGE_SYSTEMIC_SHARE:
        return "red"
    if share_below_living_wage > LIVING_WAGE_MAJOR_SHARE:
        return "amber"
    return "green"


def threshold_light(
    value: float | None, *, amber: float, red: float, higher_is_worse: bool
) -> Light:
    """Green / amber / red against two thresholds (grey when there is no value)."""
    if value is None:
        return "grey"
    if higher_is_worse:
        return "red" if value > red else "amber" if value > amber else "green"
    return "red" if value < red else "amber" if value < amber else "green"
