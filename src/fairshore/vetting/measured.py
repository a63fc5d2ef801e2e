"""Measured figures a vendor's claims are checked against, and each check's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class MeasuredFigure:
    """A figure measured from operational data, in the claim's unit, and where from."""

    value: float
    source: str
    sample_size: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class MeasuredFigures:
    """Measured figures by claim key (see ``docs/vetting.md`` for keys and units).

    People, KPI and privacy capabilities fill this; ``check_claims`` compares it with
    what the vendor declared.
    """

    figures: dict[str, MeasuredFigure] = field(default_factory=dict)
    engagement_id: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class ClaimCheck:
    """One declared figure compared with its measurement.

    ``contradicted``: the measurement is worse than the declaration by more than the
    claim's tolerance. ``set_aside``: a vendor's contest of the measurement was upheld,
    so the measurement no longer judges the answer (it is still shown).
    """

    key: str
    question_id: str
    label: str
    declared: Decimal
    measured: Decimal
    unit: str
    source: str
    contradicted: bool
    set_aside: bool = False

    @property
    def judges(self) -> bool:
        """Whether the measurement overrules the answer in the adjusted score."""
        return not self.set_aside
