"""The vendor scorecard an ESG summary reads: judged on the period's last day, its claims
measured over the period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fairshore.metrics.periods import Period
from fairshore.reporting.figures import figure
from fairshore.reporting.model import KeyFigure, Light
from fairshore.vetting.model import MeasuredFigure, MeasuredFigures, Scorecard

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace
    from fairshore.reporting.esg import EngagementData


def esg_scorecard(
    ws: Workspace, vendor_id: str, span: Period, data: list[EngagementData]
) -> Scorecard:
    """The vendor's evidence-adjusted scorecard on the period's last day, its claims
    measured over the period (the people reports fill figures the clause measures lack,
    such as the share of agents paid a living wage)."""
    # Imported here: the ESG sections import this module and stay free of I/O.
    from fairshore.reporting.esg import measured_claims
    from fairshore.vetting.services import measure_vendor, scorecard

    measured = measure_vendor(ws, vendor_id, period=span)
    extra = {
        k: MeasuredFigure(value=v, source=f"people report, {span.label} (worst site)")
        for k, v in measured_claims(data).items()
        if k not in measured.figures
    }
    figures = MeasuredFigures({**measured.figures, **extra}, period=span.label)
    return scorecard(ws, vendor_id, as_of=span.last_day, measured=figures)


def score_figures(card: Scorecard | None, light: Light) -> list[KeyFigure]:
    """The evidence-adjusted score and, beside it, the answers-only one."""
    if card is None:
        return []
    adjusted, declared = float(card.adjusted.total), float(card.declared.total)
    return [
        figure("Scorecard, by the evidence", adjusted, f"{adjusted:.1f} / 100", light),
        figure("Scorecard, answers alone", declared, f"{declared:.1f} / 100", "grey"),
    ]
