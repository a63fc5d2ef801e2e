"""The vendor scorecard an ESG summary reads: judged on the period's last day, its claims
measured over the period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fairshore.metrics.periods import Period
from fairshore.reporting.figures import figure
from fairshore.reporting.model import KeyFigure, Light
from fairshore.vetting.model import Scorecard

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace


def esg_scorecard(ws: Workspace, vendor_id: str, span: Period) -> Scorecard:
    """The vendor's evidence-adjusted scorecard on the period's last day, its claims
    measured over the period (vetting's measures: the clause providers and the people
    report's share of agents paid a living wage)."""
    # Imported here: the ESG sections import this module and stay free of I/O.
    from fairshore.vetting.services import measure_vendor, scorecard

    measured = measure_vendor(ws, vendor_id, period=span)
    return scorecard(ws, vendor_id, as_of=span.last_day, measured=measured)


def score_figures(card: Scorecard | None, light: Light) -> list[KeyFigure]:
    """The evidence-adjusted score and, beside it, the answers-only one."""
    if card is None:
        return []
    adjusted, declared = float(card.adjusted.total), float(card.declared.total)
    return [
        figure("Scorecard, by the evidence", adjusted, f"{adjusted:.1f} / 100", light),
        figure("Scorecard, answers alone", declared, f"{declared:.1f} / 100", "grey"),
    ]
