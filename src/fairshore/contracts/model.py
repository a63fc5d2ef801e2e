"""Contract-as-code domain types."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace


class ClauseMeasurement(BaseModel):
    """What the data says about an ethical clause over a period."""

    model_config = ConfigDict(frozen=True)

    value: float
    sample_size: int
    detail: str = ""


class ClauseProvider(Protocol):
    """Measures one ethical clause; ``None`` means "not measurable yet" (no data)."""

    def __call__(
        self, ws: Workspace, engagement_id: str, start: date, end: date
    ) -> ClauseMeasurement | None: ...
