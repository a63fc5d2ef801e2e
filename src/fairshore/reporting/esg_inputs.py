"""What an ESG summary is built from: its inputs and the evidence statuses every row names."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from fairshore.governance.model import FindingRecord
from fairshore.people.model import PeopleReport
from fairshore.people.voice import Grievance
from fairshore.reporting.model import Light, Note

if TYPE_CHECKING:
    from fairshore.reporting.esg_community import CommunityReport
from fairshore.vetting.measured import ClaimCheck
from fairshore.vetting.scores import Scorecard

EvidenceStatus = Literal[
    "measured", "declared_with_evidence", "declared_without_evidence", "not_available"
]

STATUS_WORDS: dict[EvidenceStatus, str] = {
    "measured": "measured",
    "declared_with_evidence": "declared, with evidence",
    "declared_without_evidence": "declared, without evidence",
    "not_available": "not available",
}

# SA8000 working hours and ETI clause 5/6 (reference/ethics-standards.md).
SA8000_HOURS = "SA8000: ≤ 48 regular h and ≤ 12 overtime h a week, 1 day off in 7"
BURNOUT_OCCUPANCY = 0.85  # Call Centre Helper burnout threshold (kpi-definitions.md)
SPAN_LIMIT = 20  # published BPO scorecard red flag: span above 1:20 (ethics-standards.md)


@dataclass(frozen=True)
class Indicator:
    """One labour or human-rights figure with where it comes from."""

    engagement_id: str
    area: str
    label: str
    value: float | None
    text: str
    standard: str
    status: EvidenceStatus
    light: Light
    basis: str = ""


@dataclass(frozen=True)
class Declaration:
    """One answer of the vendor's questionnaire, with how well it is evidenced."""

    question_id: str
    pillar: str
    question: str
    answer: str
    status: EvidenceStatus
    evidence: str = ""
    claim_key: str | None = None
    declared: float | None = None
    unit: str = ""
    higher_is_better: bool = True
    tolerance: float = 0.0


@dataclass(frozen=True)
class EngagementData:
    """What was measured for one of the vendor's engagements in the period."""

    engagement_id: str
    contacts: int
    people: PeopleReport | None


@dataclass
class EsgInputs:
    """What an ESG summary is built from (gathered by ``services.esg_report``)."""

    vendor_id: str
    vendor_name: str
    period_label: str
    start: date
    end: date
    engagements: list[EngagementData]
    grievances: list[Grievance]
    parity_findings: list[FindingRecord]
    declarations: list[Declaration]
    assessed: bool
    notes: dict[str, str] = field(default_factory=dict)
    claims: list[ClaimCheck] = field(default_factory=list)
    """The vendor's claim checks over the period (``vetting.services.vendor_claims``)."""
    scorecard: Scorecard | None = None
    """The vendor's scorecard over the period: its score by the evidence and by the answers."""
    community: CommunityReport | None = None
    """The client's staff affected by this vendor's engagements, and ethical certificates."""

    @property
    def measured(self) -> list[EngagementData]:
        """Engagements with people data in the period."""
        return [e for e in self.engagements if e.people is not None]


def _missing(what: str, inputs: EsgInputs) -> Note:
    return Note(text=f"No data for {inputs.period_label}: {what}.", kind="missing_data")
