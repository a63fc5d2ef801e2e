"""Touchpoints and the sourcing decision: which contacts to keep, outsource or automate.

Each rule reads the touchpoint's attributes and either rules an option out or
prefers one, with its reason; the recommendation is the most preferred option that
no rule ruled out, and the rationale lists every rule that fired, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["low", "medium", "high"]
Sensitivity = Literal["none", "personal", "financial", "special_category"]
RegulatoryClass = Literal["none", "regulated", "highly_regulated"]
SourcingOption = Literal[
    "keep_in_house",
    "outsource_onshore",
    "outsource_nearshore",
    "outsource_offshore",
    "automate_with_human_fallback",
]
OPTIONS: tuple[SourcingOption, ...] = (
    "automate_with_human_fallback",
    "outsource_offshore",
    "outsource_nearshore",
    "outsource_onshore",
    "keep_in_house",
)
# OPTIONS is cheapest first: the preference when no rule rules an option out.

# What each kind of data means for who sees it (GDPR Art. 9 special categories,
# PCI DSS card data).
EXPOSED: dict[Sensitivity, str] = {
    "none": "no personal data",
    "personal": "customer contact details and interaction history",
    "financial": "account and payment details (PCI DSS scope when card data)",
    "special_category": "special-category data (health, beliefs ...; GDPR Art. 9)",
}


class Touchpoint(BaseModel):
    """One customer touchpoint of the client."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    name: str = Field(min_length=1)
    channel: str
    intent: str = Field(min_length=1)
    volume_per_month: int = Field(ge=0)
    aht_s: float = Field(gt=0)
    data_sensitivity: Sensitivity
    complexity: Level
    customer_vulnerability: Level
    regulatory_class: RegulatoryClass = "none"


@dataclass(frozen=True)
class RuleOutcome:
    """One rule that fired: the options it rules out, and why."""

    rule: str
    rules_out: tuple[SourcingOption, ...]
    reason: str


@dataclass(frozen=True)
class Recommendation:
    """The sourcing recommendation for one touchpoint, with the rule-by-rule rationale."""

    touchpoint_id: str
    option: SourcingOption
    rationale: tuple[RuleOutcome, ...]
    exposure: dict[SourcingOption, str]


Rule = Callable[[Touchpoint], RuleOutcome | None]
OFFSHORE_NEARSHORE: tuple[SourcingOption, ...] = ("outsource_offshore", "outsource_nearshore")
ALL_OUTSOURCED: tuple[SourcingOption, ...] = (*OFFSHORE_NEARSHORE, "outsource_onshore")


def _special_data(tp: Touchpoint) -> RuleOutcome | None:
    if tp.data_sensitivity != "special_category" and tp.regulatory_class != "highly_regulated":
        return None
    return RuleOutcome(
        "special_or_highly_regulated",
        (*ALL_OUTSOURCED, "automate_with_human_fallback"),
        "special-category or highly regulated data stays with the client's own staff",
    )


def _vulnerable(tp: Touchpoint) -> RuleOutcome | None:
    if tp.customer_vulnerability != "high":
        return None
    return RuleOutcome(
        "vulnerable_customers",
        (*OFFSHORE_NEARSHORE, "automate_with_human_fallback"),
        "highly vulnerable customers need a trained person close to the business, not a bot",
    )


def _complex(tp: Touchpoint) -> RuleOutcome | None:
    if tp.complexity != "high":
        return None
    out: tuple[SourcingOption, ...] = ("automate_with_human_fallback", "outsource_offshore")
    if tp.volume_per_month < 2000:
        out = (*out, "outsource_nearshore", "outsource_onshore")
        reason = "complex work at low volume: knowledge transfer costs more than it saves"
        return RuleOutcome("complex_low_volume", out, reason)
    return RuleOutcome("complex", out, "complex work does not automate and suffers far offshore")


def _personal_data_automation(tp: Touchpoint) -> RuleOutcome | None:
    if tp.complexity == "low" and tp.data_sensitivity in ("none", "personal"):
        return None
    return RuleOutcome(
        "automation_scope",
        ("automate_with_human_fallback",),
        "only simple contacts with at most ordinary personal data are automated",
    )


def _regulated_offshore(tp: Touchpoint) -> RuleOutcome | None:
    if tp.regulatory_class != "regulated" and tp.data_sensitivity != "financial":
        return None
    return RuleOutcome(
        "regulated_residency",
        ("outsource_offshore",),
        "regulated or financial data: keep processing where transfer rules are simplest",
    )


def _small_volume(tp: Touchpoint) -> RuleOutcome | None:
    if tp.volume_per_month >= 500:
        return None
    return RuleOutcome(
        "too_small_to_move",
        (*ALL_OUTSOURCED, "automate_with_human_fallback"),
        "under 500 contacts a month: transition and governance cost outweigh any saving",
    )


RULES: tuple[Rule, ...] = (
    _special_data,
    _vulnerable,
    _complex,
    _personal_data_automation,
    _regulated_offshore,
    _small_volume,
)


def recommend(tp: Touchpoint) -> Recommendation:
    """The cheapest sourcing option no rule rules out; in-house is always allowed."""
    fired = tuple(outcome for rule in RULES if (outcome := rule(tp)) is not None)
    ruled_out = {opt for outcome in fired for opt in outcome.rules_out}
    option = next(o for o in OPTIONS if o not in ruled_out or o == "keep_in_house")
    data = EXPOSED[tp.data_sensitivity]
    exposure: dict[SourcingOption, str] = {
        "keep_in_house": "none beyond the client's own staff",
        "outsource_onshore": f"{data}, to a vendor in the home country",
        "outsource_nearshore": f"{data}, to a vendor in a neighbouring country",
        "outsource_offshore": f"{data}, transferred to a vendor in a distant country",
        "automate_with_human_fallback": f"{data}, to the automation provider; fallback in-house",
    }
    return Recommendation(tp.id, option, fired, exposure)
