"""Domain types of vendor due diligence: rubrics, answers, evidence, scores.

Rubric types are pydantic models (they validate the YAML library); assessment values
are frozen dataclasses holding exact numbers (``Decimal`` answers, ``Fraction``
scores) so that a score's breakdown reproduces its total exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

AnswerType = Literal[
    "yes_no",
    "single_choice",
    "multiple_choice",
    "number",
    "percentage",
    "date",
    "document",
    "text",
]
ANSWER_TYPES: tuple[AnswerType, ...] = (
    "yes_no",
    "single_choice",
    "multiple_choice",
    "number",
    "percentage",
    "date",
    "document",
    "text",
)
Framework = Literal[
    "eti",
    "smeta",
    "sa8000",
    "ilo",
    "iso27001",
    "iso27701",
    "soc2",
    "gdpr",
    "pci_dss",
    "cmmi",
    "copc",
    "iso18295",
    "ecovadis",
    "rba",
    "fairwork",
    "ungp",
    "eu_ai_act",
    "iso42001",
    "iso14001",
    "ghg_protocol",
]
Layer = Literal["policy", "action", "result"]
Nonconformity = Literal["priority", "major", "minor"]
RuleKind = Literal["red_flag", "green_light", "knock_out"]
VerificationStatus = Literal["self_declared", "document_provided", "verified_by_auditor"]
VERIFICATION_STATUSES: tuple[VerificationStatus, ...] = (
    "self_declared",
    "document_provided",
    "verified_by_auditor",
)
ContestStatus = Literal["open", "upheld", "rejected"]
Op = Literal["eq", "ne", "lt", "le", "gt", "ge", "includes", "answered", "unanswered"]

_ID = r"^[a-z0-9][a-z0-9_.-]{0,79}$"


def _exact(value: object) -> object:
    # YAML reads 0.3 as a binary float; its decimal text is what the author meant.
    return str(value) if isinstance(value, float) else value


Credit = Annotated[Fraction, BeforeValidator(_exact), Field(ge=0, le=1)]
Weight = Annotated[Fraction, BeforeValidator(_exact), Field(ge=0)]
Exact = Annotated[Decimal, BeforeValidator(_exact)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class StandardRef(_Frozen):
    """A clause of a published standard a question maps to (e.g. ETI 5, GDPR Art. 28)."""

    framework: Framework
    ref: str = Field(min_length=1, max_length=80)


class Option(_Frozen):
    """One choice of a choice question and the credit (0..1) it earns."""

    id: str = Field(pattern=_ID)
    label: str = Field(min_length=1, max_length=200)
    credit: Credit


class Band(_Frozen):
    """Credit for a number in ``[min, max)`` (either bound open when missing)."""

    min: Exact | None = None
    max: Exact | None = None
    credit: Credit

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` lies in this band."""
        return (self.min is None or value >= self.min) and (self.max is None or value < self.max)


class Claim(_Frozen):
    """How an answer becomes a declared figure that measured data can contradict.

    ``scale`` turns the answer into the measured unit (a percentage 0..100 times 0.01
    gives a share 0..1); a yes/no answer declares ``yes_means`` when answered yes.
    """

    key: str = Field(pattern=_ID)
    label: str
    scale: Exact = Decimal(1)
    yes_means: Exact | None = None
    higher_is_better: bool = True
    tolerance: Exact = Decimal(0)
    unit: str = ""
    severity: Literal["critical", "major", "minor"] = "major"


class Question(_Frozen):
    """One question of a rubric, with how each answer scores."""

    id: str = Field(pattern=_ID)
    pillar: str = Field(pattern=_ID)
    text: str = Field(min_length=1)
    guidance: str = ""
    type: AnswerType
    unit: str = ""
    options: tuple[Option, ...] = ()
    bands: tuple[Band, ...] = ()
    weight: Weight = Fraction(1)
    yes_credit: Credit = Fraction(1)
    required: bool = True
    na_allowed: bool = False
    evidence: tuple[str, ...] = ()
    layer: Layer = "action"
    nonconformity: Nonconformity = "minor"
    standards: tuple[StandardRef, ...] = ()
    claim: Claim | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        choice = self.type in ("single_choice", "multiple_choice")
        if choice and len(self.options) < 2:
            raise ValueError(f"question {self.id}: a choice question needs 2+ options")
        if not choice and self.options:
            raise ValueError(f"question {self.id}: only choice questions have options")
        if self.type in ("number", "percentage", "date") and not self.bands:
            raise ValueError(f"question {self.id}: a {self.type} question needs bands")
        if self.type == "text" and self.weight != 0:
            raise ValueError(f"question {self.id}: text answers are not scored (weight 0)")
        if self.type == "document" and not self.evidence:
            raise ValueError(f"question {self.id}: a document question names evidence types")
        return self

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


class Condition(_Frozen):
    """A rule condition: one test, or ``all``/``any``/``not`` of conditions."""

    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()
    not_: Condition | None = Field(default=None, alias="not")
    question: str | None = None
    op: Op = "eq"
    value: bool | Exact | str | None = None
    context: str | None = None
    equals: str | bool | None = None
    no_valid_evidence: tuple[str, ...] = ()
    valid_evidence: tuple[str, ...] = ()

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Rule(_Frozen):
    """A red flag, green light or knock-out raised when its condition holds."""

    id: str = Field(pattern=_ID)
    kind: RuleKind
    pillar: str | None = None
    title: str = Field(min_length=1)
    when: Condition
    source: str = ""


class Pillar(_Frozen):
    """A pillar of the scorecard and its weight in the overall score."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    weight: Weight
    description: str = ""


class Rubric(_Frozen):
    """A versioned set of pillars, questions and rules (``<id>@<version>``)."""

    id: str = Field(pattern=_ID)
    version: int = Field(ge=1)
    title: str
    description: str = ""
    pillars: tuple[Pillar, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)
    rules: tuple[Rule, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @model_validator(mode="after")
    def _references(self) -> Rubric:
        pillars = {p.id for p in self.pillars}
        if len(pillars) != len(self.pillars):
            raise ValueError("pillar ids must be unique")
        if any(p.weight <= 0 for p in self.pillars):
            raise ValueError("every pillar weight must be above 0")
        seen: set[str] = set()
        for q in self.questions:
            if q.id in seen:
                raise ValueError(f"question id {q.id} is used twice")
            seen.add(q.id)
            if q.pillar not in pillars:
                raise ValueError(f"question {q.id} names unknown pillar {q.pillar}")
        for r in self.rules:
            for qid in _condition_questions(r.when):
                if qid not in seen:
                    raise ValueError(f"rule {r.id} names unknown question {qid}")
        return self

    def question(self, question_id: str) -> Question:
        """The question with this id (``KeyError`` when unknown)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def pillar_questions(self, pillar_id: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.pillar == pillar_id)


def _condition_questions(c: Condition) -> list[str]:
    found = [c.question] if c.question else []
    for sub in (*c.all, *c.any, *((c.not_,) if c.not_ else ())):
        found += _condition_questions(sub)
    return found


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
    """A vendor disputing one item of its breakdown, and how it was resolved."""

    id: int
    vendor_id: str
    question_id: str
    reason: str
    status: ContestStatus
    resolution: str = ""
    created_at: datetime | None = None
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class Contribution:
    """One line of a score's breakdown: how many points one question adds (or removes).

    ``points`` are exact; the points of every line of a score sum to its total.
    """

    question_id: str
    pillar_id: str
    status: Literal["answered", "unanswered_required", "na", "unanswered_optional", "base"]
    credit: Fraction
    evidence_factor: Fraction
    share: Fraction
    points: Fraction
    evidence: Literal["valid", "self_declared", "none", "not_needed"]
    note: str = ""


@dataclass(frozen=True)
class PillarScore:
    """A pillar's score (0..100) and its share of the overall score."""

    pillar_id: str
    title: str
    score: Fraction | None
    weight_share: Fraction
    points: Fraction


@dataclass(frozen=True)
class RuleHit:
    """A red flag, green light or knock-out that fired."""

    rule_id: str
    kind: RuleKind
    title: str
    pillar_id: str | None


@dataclass(frozen=True)
class ExpiryWarning:
    """Evidence expiring soon (or expired) that some question relies on."""

    sha256: str
    type: str
    valid_until: date
    days_left: int


@dataclass(frozen=True)
class Score:
    """A vendor's score under one method, with everything needed to check it by hand."""

    vendor_id: str
    rubric: str
    method: str
    as_of: date
    total: Fraction
    band: str
    pillars: tuple[PillarScore, ...]
    contributions: tuple[Contribution, ...]
    confidence: Fraction
    red_flags: tuple[RuleHit, ...]
    green_lights: tuple[RuleHit, ...]
    knock_outs: tuple[RuleHit, ...]
    expiry_warnings: tuple[ExpiryWarning, ...]

    @property
    def eligible(self) -> bool:
        """False when any knock-out fired: the vendor should not be chosen as is."""
        return not self.knock_outs


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


def score_to_dict(score: Score, *, places: int = 2) -> dict[str, object]:
    """A score as plain data: rounded figures whose parts add up, plus exact fractions."""
    from fairshore.vetting.arithmetic import as_decimal, display, exact

    shown = display([c.points for c in score.contributions], places=places)
    return {
        "vendor_id": score.vendor_id,
        "rubric": score.rubric,
        "method": score.method,
        "as_of": score.as_of.isoformat(),
        "total": float(sum(shown, Decimal(0))),
        "total_exact": exact(score.total),
        "band": score.band,
        "eligible": score.eligible,
        "confidence": float(as_decimal(score.confidence, places=4)),
        "pillars": [
            {
                "pillar_id": p.pillar_id,
                "title": p.title,
                "score": None if p.score is None else float(as_decimal(p.score, places=places)),
                "weight_share": float(as_decimal(p.weight_share, places=4)),
                "points": float(as_decimal(p.points, places=places)),
            }
            for p in score.pillars
        ],
        "contributions": [
            {
                "question_id": c.question_id,
                "pillar_id": c.pillar_id,
                "status": c.status,
                "credit": float(as_decimal(c.credit, places=4)),
                "evidence": c.evidence,
                "evidence_factor": float(as_decimal(c.evidence_factor, places=4)),
                "share": float(as_decimal(c.share, places=6)),
                "points": float(p),
                "points_exact": exact(c.points),
                "note": c.note,
            }
            for c, p in zip(score.contributions, shown, strict=True)
        ],
        "red_flags": [_hit(h) for h in score.red_flags],
        "green_lights": [_hit(h) for h in score.green_lights],
        "knock_outs": [_hit(h) for h in score.knock_outs],
        "expiry_warnings": [
            {
                "sha256": w.sha256,
                "type": w.type,
                "valid_until": w.valid_until.isoformat(),
                "days_left": w.days_left,
            }
            for w in score.expiry_warnings
        ],
    }


def _hit(hit: RuleHit) -> dict[str, object]:
    return {
        "rule_id": hit.rule_id,
        "kind": hit.kind,
        "title": hit.title,
        "pillar_id": hit.pillar_id,
    }
