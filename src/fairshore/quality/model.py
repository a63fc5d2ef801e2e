"""Domain types of quality assurance: forms, scored evaluations, samples, calibration."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from fairshore import numbers
from fairshore.governance.model import Finding
from fairshore.parity.model import FindingRule, GroupFrame, frame_dict

SECTIONS = ("compliance", "accuracy_and_resolution", "empathy_and_tone", "brand_voice", "process")


class FormItem(BaseModel):
    """One question of a QA form: points out of the form's 100, maybe critical."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    text: str
    weight: float = Field(gt=0)
    critical: bool = False


class FormSection(BaseModel):
    """A section of a QA form (compliance, accuracy_and_resolution ...)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    items: tuple[FormItem, ...] = Field(min_length=1)


class QaForm(BaseModel):
    """A versioned QA form; item weights add up to 100."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    version: str
    title: str
    pass_mark: float = Field(default=80.0, ge=0, le=100)
    sections: tuple[FormSection, ...]

    @model_validator(mode="after")
    def _check(self) -> QaForm:
        unknown = [s.id for s in self.sections if s.id not in SECTIONS]
        if unknown:
            raise ValueError(f"unknown sections {unknown}; use {', '.join(SECTIONS)}")
        ids = [i.id for i in self.items]
        if len(ids) != len(set(ids)):
            raise ValueError("item ids must be unique within a form")
        total = sum(i.weight for i in self.items)
        if abs(total - 100) > 1e-6:
            raise ValueError(f"item weights add up to {numbers.number(total)}, not 100")
        return self

    @property
    def items(self) -> list[FormItem]:
        return [item for section in self.sections for item in section.items]

    @property
    def critical_items(self) -> list[str]:
        return [i.id for i in self.items if i.critical]


@dataclass(frozen=True)
class ItemScore:
    """An item as scored on an evaluation (``score`` out of ``max``)."""

    item_id: str
    score: float
    max: float
    critical: bool = False


@dataclass(frozen=True)
class ScoredEvaluation:
    """The result of scoring answers on a form."""

    form_id: str
    form_version: str
    total: float
    raw_total: float
    auto_fail: bool
    passed: bool
    failed_critical: tuple[str, ...]
    by_section: dict[str, float]
    items: tuple[ItemScore, ...]


@dataclass(frozen=True)
class AuditSample:
    """A stratified random sample of interactions for the client's own review."""

    engagement_id: str
    population: int
    size: int
    margin: float | None
    confidence: float
    seed: int
    strata: list[dict[str, Any]]
    interaction_ids: list[str]
    dropped_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MeanDifference:
    """Mean of paired differences with its t confidence interval."""

    n: int
    mean: float
    sd: float
    low: float
    high: float
    p_value: float
    confidence: float


@dataclass(frozen=True)
class CalibrationReport:
    """Vendor self-scores against the client's (or auditor's) re-scores of the same work."""

    engagement_id: str
    reference_side: str
    pairs: int
    vendor_mean: float | None
    reference_mean: float | None
    difference: MeanDifference | None
    direction: str
    item_kappa: float | None
    item_pairs: int
    auto_fail_disagreement: float | None
    tolerance: float
    inflated: bool
    findings: list[Finding]
    item_alpha_ordinal: float | None = None
    item_alpha_interval: float | None = None


@dataclass(frozen=True)
class QaKpiRow:
    """QA metrics of one group (``group`` maps each grouping column to its value)."""

    group: dict[str, str | None]
    evaluations: int
    agents: int
    mean_score: float | None
    pass_rate: float | None
    critical_error_rate: float | None
    agent_months: int
    evaluations_per_agent_month: float | None
    coverage_share: float | None


@dataclass
class QaParityAudit:
    """QA outcomes (score, critical errors) compared across the groups of one dimension."""

    engagement_id: str
    dimension: str
    side: str
    controls: tuple[str, ...]
    period: str | None
    evaluations: int
    frames: list[GroupFrame]
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    rule: FindingRule = field(default_factory=FindingRule)

    def to_dict(self) -> dict[str, object]:
        """Plain data with stable snake_case keys (what ``--json`` prints)."""
        outcomes = []
        for frame in self.frames:
            data = frame_dict(frame)
            data["kind"] = "score" if frame.outcome.kind == "time" else frame.outcome.kind
            outcomes.append(data)
        return {
            "engagement_id": self.engagement_id,
            "dimension": self.dimension,
            "side": self.side,
            "controls": list(self.controls),
            "period": self.period,
            "evaluations": self.evaluations,
            "rule": asdict(self.rule),
            "outcomes": outcomes,
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "notes": self.notes,
        }


@dataclass(frozen=True)
class QaFigures:
    """The QA figures of one group and period (``fairshore kpis --qa``, contract terms)."""

    group: dict[str, str | None]
    period: str | None
    qa_evaluations: int
    qa_mean_score: float | None
    qa_pass_rate: float | None
    qa_critical_error_rate: float | None
    qa_active_agent_months: int | None
    qa_coverage: float | None
    qa_coverage_share: float | None

    def metric(self, name: str) -> float | None:
        """One figure by its stable name (``qa_mean_score`` ...)."""
        value = getattr(self, name)
        return None if value is None else float(value)

    def flat(self) -> dict[str, object]:
        """Group values, period and figures as one flat record (JSON and tables)."""
        out: dict[str, object] = dict(self.group)
        if self.period is not None:
            out["period"] = self.period
        out.update({k: v for k, v in asdict(self).items() if k not in ("group", "period")})
        return out
