"""Domain types of the parity audit: outcomes, options, the finding rule and results."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Literal

import pandas as pd

from fairshore.governance.model import Finding
from fairshore.metrics.model import LIVE_CHANNELS
from fairshore.metrics.periods import Period

OutcomeKind = Literal["rate", "time"]


@dataclass(frozen=True)
class Outcome:
    """An outcome of service measured per interaction.

    ``higher_is_better`` fixes the direction of impact ratios: for an adverse rate
    (reopened, escalated) the ratio compares the favourable complements (1 - rate),
    as the four-fifths rule compares selection rates; for times, lower is better.
    """

    name: str
    kind: OutcomeKind
    higher_is_better: bool
    meaning: str
    censored: bool = False


OUTCOMES: dict[str, Outcome] = {
    o.name: o
    for o in (
        Outcome("answered", "rate", True, "Offered contacts answered (tickets: replied)."),
        Outcome(
            "sl_met",
            "rate",
            True,
            "Offered contacts answered within the channel's threshold T "
            "(ICMI variant 3: every abandon is a miss).",
        ),
        Outcome(
            "fcr",
            "rate",
            True,
            "Resolved on first contact (source flag; tickets: solved and never reopened).",
        ),
        Outcome("csat_top2", "rate", True, "CSAT responses of 4 or 5 among responders."),
        Outcome("reopened", "rate", False, "Solved tickets reopened at least once."),
        Outcome("escalated", "rate", False, "Handled contacts escalated."),
        Outcome(
            "tone_positive",
            "rate",
            True,
            "Agent replies scored positive by VADER (compound >= 0.05), English only.",
        ),
        Outcome(
            "wait",
            "time",
            False,
            "Seconds from offer to answer, real-time channels; abandons censor.",
            censored=True,
        ),
        Outcome(
            "first_response", "time", False, "Seconds from creation to first agent reply, tickets."
        ),
        Outcome("resolution", "time", False, "Seconds from arrival to resolution."),
    )
}

DEFAULT_OUTCOMES = ("answered", "sl_met", "fcr", "csat_top2", "wait", "first_response")
DEFAULT_CONTROLS = ("channel", "priority", "hour_band")
REALTIME_CHANNELS = LIVE_CHANNELS
# Common industry targets: 80/20 voice, answer chats within a minute, reply to mail in a day.
DEFAULT_SL_SECONDS: dict[str, float] = {
    "voice": 20.0,
    "chat": 60.0,
    "messaging": 300.0,
    "social": 3600.0,
    "email": 86400.0,
    "web_form": 86400.0,
    "other": 86400.0,
}
MISSING = "(missing)"


@dataclass(frozen=True)
class DesignedDifference:
    """A difference the client designed on purpose (a paid priority tier).

    The group is shown, never chosen as the best group and never judged. With a
    ``promised_ratio`` (e.g. 0.5: standard customers may wait twice as long as
    premium ones, no more) every other group's impact ratio to it is checked against
    the promise instead.
    """

    dimension: str
    group: str
    promised_ratio: float | None = None
    ratio_to_designed: float | None = None
    outcomes: tuple[str, ...] = ()

    def applies(self, dimension: str, outcome: str) -> bool:
        return self.dimension == dimension and (not self.outcomes or outcome in self.outcomes)


@dataclass(frozen=True)
class FindingRule:
    """When a group's difference becomes a finding (defaults documented in docs/parity.md).

    A judged group (n >= ``min_group_size``, not designed) worse than the rest raises a
    finding when its difference is significant after Benjamini-Hochberg at ``alpha``
    and either its impact ratio is under ``impact_ratio_below`` (major) or its gap is
    practical: ``min_gap_points`` points for rates, ``min_cliffs_delta`` for times
    (minor). ``ratio_needs_significance=False`` raises the four-fifths rule alone
    (29 CFR 1607.4(D) itself discounts differences "based on small numbers and not
    statistically significant", hence the default).
    """

    impact_ratio_below: float = 0.8
    min_gap_points: float = 5.0
    min_cliffs_delta: float = 0.147
    alpha: float = 0.05
    ratio_needs_significance: bool = True


@dataclass(frozen=True)
class AuditOptions:
    """Everything an audit can be told, keyword-only, with documented defaults."""

    outcomes: tuple[str, ...] = DEFAULT_OUTCOMES
    controls: tuple[str, ...] = DEFAULT_CONTROLS
    min_group_size: int = 30
    sl_seconds: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_SL_SECONDS))
    rule: FindingRule = field(default_factory=FindingRule)
    designed: tuple[DesignedDifference, ...] = (DesignedDifference("seg_tier", "premium"),)
    max_sample_per_group: int = 20_000
    bootstrap_resamples: int = 2000
    confidence: float = 0.95
    seed: int = 0
    period: Period | None = None
    utc_offset_hours: float = 0.0


Status = Literal["judged", "too_small", "designed"]


@dataclass
class GroupResult:
    """One group's value for one outcome, raw and adjusted, compared with the rest."""

    group: str
    n: int
    value: float
    ci_low: float
    ci_high: float
    status: Status
    successes: int | None = None
    p90: float | None = None
    p90_ci_low: float | None = None
    p90_ci_high: float | None = None
    km_median: float | None = None
    km_p90: float | None = None
    logrank_p: float | None = None
    censored: int | None = None
    impact_ratio: float = math.nan
    p90_impact_ratio: float = math.nan
    # The group's own 95 % interval carried through the ratio, the best group held fixed
    # (how far the ratio could move on this group's sampling error alone).
    impact_ratio_low: float = math.nan
    impact_ratio_high: float = math.nan
    gap: float = math.nan
    test: str = "none"
    statistic: float = math.nan
    p_value: float = math.nan
    p_adjusted: float = math.nan
    effect: float = math.nan
    effect_size: str | None = None
    worse_than_rest: bool = False
    adjusted_value: float = math.nan
    adjusted_impact_ratio: float = math.nan
    adjusted_p90: float = math.nan
    adjusted_p90_impact_ratio: float = math.nan
    adjusted_gap: float = math.nan
    adjusted_test: str = "none"
    adjusted_p_value: float = math.nan
    adjusted_p_adjusted: float = math.nan
    adjusted_worse_than_rest: bool = False
    flagged_raw: bool = False
    flagged_adjusted: bool = False
    mix_note: str | None = None
    sample_size: int | None = None
    promised_ratio: float | None = None
    ratio_to_designed: float | None = None
    not_covered: int | None = None


@dataclass
class GroupFrame:
    """One outcome across the groups of one dimension, shaped like Fairlearn's MetricFrame.

    ``overall`` is the value over everyone, ``by_group`` the value per group (a
    Series indexed by group), ``difference()`` and ``ratio()`` the between-groups
    spread as Fairlearn defines it (max - min, min / max). Direction-aware impact
    ratios to the best group are on each ``GroupResult``.
    """

    outcome: Outcome
    dimension: str
    overall: float
    groups: list[GroupResult]
    best_group: str | None
    adjusted_best_group: str | None = None
    overall_km_median: float | None = None

    @property
    def by_group(self) -> pd.Series:
        return pd.Series({g.group: g.value for g in self.groups}, name=self.outcome.name)

    @property
    def by_group_adjusted(self) -> pd.Series:
        return pd.Series({g.group: g.adjusted_value for g in self.groups}, name=self.outcome.name)

    def difference(self, *, method: str = "between_groups") -> float:
        """Max minus min over groups, or the largest distance to ``overall``."""
        values = self.by_group.dropna()
        if values.empty:
            return math.nan
        if method == "to_overall":
            return float((values - self.overall).abs().max())
        return float(values.max() - values.min())

    def ratio(self, *, method: str = "between_groups") -> float:
        """Min over max of groups, or the smallest ratio of a group to ``overall``."""
        values = self.by_group.dropna()
        if values.empty:
            return math.nan
        if method == "to_overall":
            ratios = [min(v, self.overall) / max(v, self.overall) for v in values]
            return float(min(ratios))
        top = float(values.max())
        return float(values.min()) / top if top else math.nan


@dataclass
class ParityAudit:
    """A parity audit of one engagement along one dimension: frames, findings, notes."""

    engagement_id: str
    dimension: str
    controls: tuple[str, ...]
    period: str | None
    frames: list[GroupFrame]
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    rule: FindingRule = field(default_factory=FindingRule)

    def frame(self, outcome: str) -> GroupFrame:
        for f in self.frames:
            if f.outcome.name == outcome:
                return f
        raise KeyError(outcome)

    def to_dict(self) -> dict[str, object]:
        """Plain data with stable snake_case keys (what ``--json`` prints)."""
        return {
            "engagement_id": self.engagement_id,
            "dimension": self.dimension,
            "controls": list(self.controls),
            "period": self.period,
            "rule": asdict(self.rule),
            "outcomes": [frame_dict(f) for f in self.frames],
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "notes": self.notes,
        }


def frame_dict(frame: GroupFrame) -> dict[str, object]:
    """One outcome's frame as plain data."""
    return {
        "outcome": frame.outcome.name,
        "kind": frame.outcome.kind,
        "higher_is_better": frame.outcome.higher_is_better,
        "overall": frame.overall,
        "overall_km_median": frame.overall_km_median,
        "best_group": frame.best_group,
        "adjusted_best_group": frame.adjusted_best_group,
        "difference": frame.difference(),
        "ratio": frame.ratio(),
        "groups": [asdict(g) for g in frame.groups],
    }


LEGITIMATE_FACTORS = ("skill_needed", "language", "channel", "priority")


@dataclass(frozen=True)
class RoutingOptions:
    """How the routing audit reads decisions and when it raises a finding.

    ``legitimate`` factors that are absent from the data are ignored. A feature whose
    association with a protected attribute reaches ``proxy_cramers_v`` is a proxy.
    A conditional association is a finding when significant after Benjamini-Hochberg
    at ``alpha`` and its Cramér's V reaches ``min_cramers_v`` (Cohen's "small").
    """

    outcome: str = "queue"
    legitimate: tuple[str, ...] = LEGITIMATE_FACTORS
    features: tuple[str, ...] | None = None
    proxy_cramers_v: float = 0.3
    min_cramers_v: float = 0.1
    alpha: float = 0.05
    max_levels: int = 50


@dataclass
class ConditionalTest:
    """Does ``attribute`` predict the routing outcome within strata of legitimate factors?

    ``statistic`` is the likelihood-ratio G of the nested models "outcome ~ strata" and
    "outcome ~ strata x attribute" (saturated in the strata), chi-square on ``dof``.
    """

    attribute: str
    role: Literal["protected", "proxy"]
    proxy_of: str | None
    n: int
    strata: int
    statistic: float
    dof: int
    p_value: float
    pearson_chi2: float
    cramers_v: float
    odds_ratio: float | None = None
    p_adjusted: float = math.nan
    flagged: bool = False
    missing: int = 0
    """Rows left out because the protected attribute is null (not a customer group)."""

    @property
    def judged(self) -> bool:
        """False when nothing could be tested (no stratum with two values of each)."""
        return self.dof > 0 and not math.isnan(self.p_value)


@dataclass
class ProxyAssociation:
    """How closely a feature tracks a protected attribute."""

    feature: str
    protected: str
    cramers_v: float
    normalised_mutual_information: float
    legitimate: bool
    proxy: bool


@dataclass
class RoutingAudit:
    """The routing audit of one engagement."""

    engagement_id: str
    outcome: str
    legitimate: tuple[str, ...]
    tests: list[ConditionalTest]
    proxies: list[ProxyAssociation]
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    insufficient: list[str] = field(default_factory=list)
    """Protected attributes the data cannot judge, each with its counts: never "no finding"."""

    def to_dict(self) -> dict[str, object]:
        """Plain data with stable snake_case keys (what ``--json`` prints)."""
        return {
            "engagement_id": self.engagement_id,
            "outcome": self.outcome,
            "legitimate": list(self.legitimate),
            "tests": [asdict(x) | {"judged": x.judged} for x in self.tests],
            "proxies": [asdict(p) for p in self.proxies],
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "notes": self.notes,
            "insufficient": self.insufficient,
        }
