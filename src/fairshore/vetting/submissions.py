"""What a vendor submits: answers, evidence documents, assessments and contests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

VerificationStatus = Literal["self_declared", "document_provided", "verified_by_auditor"]
VERIFICATION_STATUSES: tuple[VerificationStatus, ...] = (
    "self_declared",
    "document_provided",
    "verified_by_auditor",
)
ContestStatus = Literal["open", "upheld", "rejected"]
# A contest's item is a question id, or this prefix and a claim key for the measured
# figure that tests the claim ("measured:in_house_share").
MEASUREMENT_ITEM = "measured:"

AnswerValue = bool | Decimal | date | str | tuple[str, ...] | None


@dataclass(frozen=True)
class Answer:
    """A vendor's answer to one question; ``value`` is typed by the question's type."""

    question_id: str
    value: AnswerValue
    na: bool = False
    evidence_refs: tuple[str, ...] = ()
    note: str = ""
    source: str = "cli"


@dataclass(frozen=True)
class Evidence:
    """A document backing claims, stored by sha256 under ``<workspace>/evidence/``."""

    sha256: str
    vendor_id: str
    type: str
    issuer: str
    scope: tuple[str, ...]
    valid_from: date | None
    valid_until: date | None
    status: VerificationStatus
    filename: str
    added_at: datetime | None = None
    questions: tuple[str, ...] = ()  # the question ids the vendor says it supports

    def valid_on(self, day: date) -> bool:
        """Within its validity period on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def covers(self, scope: tuple[str, ...]) -> bool:
        """Whether its scope includes every item of the assessment's scope."""
        mine = {s.lower() for s in self.scope}
        return "*" in mine or all(s.lower() in mine for s in scope)


@dataclass(frozen=True)
class Assessment:
    """A vendor's answers to one rubric, with the scope and context they are judged in."""

    vendor_id: str
    rubric_id: str
    rubric_version: int
    scope: tuple[str, ...] = ()
    context: dict[str, str | bool] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)


@dataclass(frozen=True)
class Contest:
    """A vendor disputing one item of its scorecard, and how it was resolved.

    ``question_id`` names the item: an answer's question, or a measured figure
    (``measured:<claim key>``); an upheld contest of a measurement sets it aside.
    """

    id: int
    vendor_id: str
    question_id: str
    reason: str
    status: ContestStatus
    resolution: str = ""
    created_at: datetime | None = None
    resolved_at: datetime | None = None

    @property
    def measured_claim(self) -> str | None:
        """The claim key whose measurement is contested (None for an answer's contest)."""
        if self.question_id.startswith(MEASUREMENT_ITEM):
            return self.question_id.removeprefix(MEASUREMENT_ITEM)
        return None
