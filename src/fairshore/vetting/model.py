"""Domain types of vendor due diligence: rubrics (the YAML library) and criticality.

Rubric types are pydantic models (they validate the YAML library); what vendors submit
(``submissions``), what scoring returns (``scores``) and measured figures
(``measured``) are frozen dataclasses holding exact numbers (``Decimal`` answers,
``Fraction`` scores) so that a score's breakdown reproduces its total exactly. They
live in those sibling modules and stay importable from here.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from fairshore.vetting.measured import ClaimCheck, MeasuredFigure, MeasuredFigures
from fairshore.vetting.scores import (
    Contribution,
    ExpiryWarning,
    PillarScore,
    RuleHit,
    Score,
    Scorecard,
    score_to_dict,
)
from fairshore.vetting.submissions import (
    VERIFICATION_STATUSES,
    Answer,
    AnswerValue,
    Assessment,
    Contest,
    ContestStatus,
    Evidence,
    VerificationStatus,
)

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
            for qid in condition_questions(r.when):
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


def condition_questions(c: Condition) -> list[str]:
    """Every question a condition reads, nested ones included."""
    found = [c.question] if c.question else []
    for sub in (*c.all, *c.any, *((c.not_,) if c.not_ else ())):
        found += condition_questions(sub)
    return found


# Types moved to sibling modules by use case stay importable from here.
__all__ = [
    "VERIFICATION_STATUSES",
    "Answer",
    "AnswerValue",
    "Assessment",
    "ClaimCheck",
    "Contest",
    "ContestStatus",
    "Contribution",
    "Evidence",
    "ExpiryWarning",
    "MeasuredFigure",
    "MeasuredFigures",
    "PillarScore",
    "RuleHit",
    "Score",
    "Scorecard",
    "VerificationStatus",
    "score_to_dict",
]
