"""Regulation profiles: what each data-protection regime asks of a breach and of a share.

One home for the rules (read from /work/shared/reference/ethics-standards.md, "Regulation
profiles", and the texts cited on each rule). A profile lists

* notice rules: who must be told of a breach (the client, the authority, the people
  affected, the media, HHS, the card brands ...), from when, within how long, and on
  which condition (a threshold of people affected, a risk assessment);
* data rules: whether the vendor may sell or share the data, where it may go, how long
  it may be kept.

An engagement names its regimes (``Engagement.regimes``); the incident register runs one
clock per audience, the strictest rule of all regimes winning, and the sharing policy
refuses what a regime forbids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from fairshore.engagements.model import REGIMES, Regime
from fairshore.errors import InputError
from fairshore.privacy.model import Audience, ClockName, Incident, SharingPolicy

DAYS_60 = 60 * 24.0
HIPAA_MEDIA_THRESHOLD = 500  # 45 CFR 164.406(a): "more than 500 residents of a State"
HIPAA_HHS_THRESHOLD = 500  # 45 CFR 164.408(b): "500 or more individuals"
CALIFORNIA_AG_THRESHOLD = 500  # Cal. Civ. Code 1798.82(f): "more than 500 California residents"
CALIFORNIA = "US-CA"

# When a rule applies to an incident:
# always; authority_required (the controller's Art. 33(1) assessment; the clock shows
# not_required when assessed so); high_risk (Art. 34(1): read from a severity of high or
# critical, unless the controller assessed no risk at all); over_500_in_a_region,
# hhs_500_or_more, hhs_under_500, california, over_500_in_california (counts of people
# affected, per state where recorded).
Condition = Literal[
    "always",
    "authority_required",
    "high_risk",
    "over_500_in_a_region",
    "hhs_500_or_more",
    "hhs_under_500",
    "california",
    "over_500_in_california",
]
# The clock starts when the vendor becomes aware (discovery by a processor, business
# associate or agent) or when the client does (it learns from the vendor's notice).
Start = Literal["vendor_aware", "client_aware"]


@dataclass(frozen=True)
class NoticeRule:
    """One duty to tell an audience of a breach."""

    clock: ClockName
    audience: Audience
    basis: str
    window_hours: float | None
    start: Start
    when: Condition = "always"
    annual_log: bool = False  # deadline: 60 days after the calendar year of discovery


@dataclass(frozen=True)
class RegimeProfile:
    """A regime's breach notices and data rules."""

    id: Regime
    name: str
    notices: tuple[NoticeRule, ...]
    sale_or_share_forbidden: str | None = None  # the citation when it is forbidden
    transfers: str = ""
    retention: str = ""


def _gdpr(regime: Regime, law: str, name: str, transfers: str) -> RegimeProfile:
    return RegimeProfile(
        id=regime,
        name=name,
        notices=(
            NoticeRule("vendor_to_client", "client", f"{law} Art. 33(2)", None, "vendor_aware"),
            NoticeRule(
                "gdpr_art33_authority",
                "authority",
                f"{law} Art. 33(1)",
                72.0,
                "client_aware",
                "authority_required",
            ),
            NoticeRule(
                "individuals", "individuals", f"{law} Art. 34(1)", None, "client_aware", "high_risk"
            ),
        ),
        transfers=transfers,
        retention=f"{law} Art. 5(1)(e): kept no longer than necessary for the purpose",
    )


_HIPAA = RegimeProfile(
    id="hipaa",
    name="HIPAA (US health data)",
    notices=(
        NoticeRule("vendor_to_client", "client", "45 CFR 164.410(b)", DAYS_60, "vendor_aware"),
        NoticeRule("individuals", "individuals", "45 CFR 164.404(b)", DAYS_60, "vendor_aware"),
        NoticeRule(
            "media", "media", "45 CFR 164.406", DAYS_60, "vendor_aware", "over_500_in_a_region"
        ),
        NoticeRule("hhs", "hhs", "45 CFR 164.408(b)", DAYS_60, "vendor_aware", "hhs_500_or_more"),
        NoticeRule("hhs", "hhs", "45 CFR 164.408(c)", None, "vendor_aware", "hhs_under_500", True),
    ),
    transfers="PHI only to a business associate under a written agreement (45 CFR 164.502(e))",
    retention="policies and notices kept 6 years (45 CFR 164.530(j)); PHI per the BAA",
)
_CCPA = RegimeProfile(
    id="ccpa_cpra",
    name="CCPA/CPRA (California)",
    notices=(
        NoticeRule("vendor_to_client", "client", "Cal. Civ. Code 1798.82(b)", None, "vendor_aware"),
        NoticeRule(
            "individuals",
            "individuals",
            "Cal. Civ. Code 1798.82(a)",
            None,
            "client_aware",
            "california",
        ),
        NoticeRule(
            "attorney_general",
            "attorney_general",
            "Cal. Civ. Code 1798.82(f)",
            None,
            "client_aware",
            "over_500_in_california",
        ),
    ),
    sale_or_share_forbidden=(
        "Cal. Civ. Code 1798.120 (right to opt out of sale or sharing) and 1798.100(d), "
        "1798.140(ag): a service provider may not sell or share the personal information"
    ),
    retention=(
        "retention period disclosed, no longer than necessary (Cal. Civ. Code 1798.100(a)(3))"
    ),
)
_PCI = RegimeProfile(
    id="pci_dss",
    name="PCI DSS v4.0 (card data)",
    notices=(
        NoticeRule("card_brands", "card_brands", "PCI DSS v4.0 Req. 12.10.1", None, "client_aware"),
    ),
    transfers="no cardholder data outside the defined cardholder data environment",
    retention=(
        "cardholder data kept only as long as needed (Req. 3.2.1); sensitive authentication "
        "data never stored after authorisation (Req. 3.3.1)"
    ),
)
PROFILES: dict[Regime, RegimeProfile] = {
    "gdpr": _gdpr(
        "gdpr", "GDPR", "GDPR (EU)", "outside the EEA only with adequacy or SCCs (Art. 44-49)"
    ),
    "uk_gdpr": _gdpr(
        "uk_gdpr",
        "UK GDPR",
        "UK GDPR",
        "outside the UK only with adequacy regulations or the IDTA (Art. 44-49)",
    ),
    "ccpa_cpra": _CCPA,
    "hipaa": _HIPAA,
    "pci_dss": _PCI,
}
DEFAULT_REGIMES: tuple[Regime, ...] = ("gdpr",)


def parse_regimes(text: str | None) -> list[Regime]:
    """``"gdpr, hipaa"`` as regime ids; ``InputError`` naming the unknown ones."""
    names = [v.strip().lower().replace("-", "_") for v in (text or "").split(",") if v.strip()]
    unknown = [n for n in names if n not in PROFILES]
    if unknown:
        raise InputError(f"unknown regime(s) {', '.join(unknown)}: use {', '.join(REGIMES)}")
    return [r for r in REGIMES if r in names]


def profiles_for(regimes: list[Regime] | tuple[Regime, ...]) -> list[RegimeProfile]:
    """The profiles of ``regimes`` (GDPR when none is named)."""
    return [PROFILES[r] for r in (regimes or DEFAULT_REGIMES)]


def _max_region(incident: Incident) -> int | None:
    if incident.affected_by_region:
        return max(incident.affected_by_region.values())
    # Without counts per state the total bounds each state's count from above.
    return incident.records_affected


def _in_california(incident: Incident) -> int | None:
    if incident.affected_by_region:
        return incident.affected_by_region.get(CALIFORNIA, 0)
    return incident.records_affected


def applies(rule: NoticeRule, incident: Incident) -> bool:
    """Whether ``rule`` asks for a notice of ``incident`` (unknown counts: it does)."""
    total, region, ca = incident.records_affected, _max_region(incident), _in_california(incident)
    match rule.when:
        case "high_risk":
            # No risk at all (the Art. 33(1) assessment) rules out a high risk (Art. 34).
            assessed_no_risk = incident.authority_notification == "not_required"
            return incident.severity in ("critical", "high") and not assessed_no_risk
        case "over_500_in_a_region":
            return region is None or region > HIPAA_MEDIA_THRESHOLD
        case "hhs_500_or_more":
            return total is None or total >= HIPAA_HHS_THRESHOLD
        case "hhs_under_500":
            return total is not None and total < HIPAA_HHS_THRESHOLD
        case "california":
            return ca is None or ca > 0
        case "over_500_in_california":
            return ca is None or ca > CALIFORNIA_AG_THRESHOLD
        case _:
            return True


def annual_log_deadline(start: datetime) -> datetime:
    """45 CFR 164.408(c): within 60 days after the end of the calendar year of discovery."""
    return datetime(start.year + 1, 1, 1, tzinfo=UTC) + timedelta(days=60)


def sharing_refusals(policy: SharingPolicy, regimes: list[Regime]) -> list[str]:
    """Why ``policy`` may not be applied under ``regimes`` (empty: it may)."""
    if policy.purpose == "business_purpose":
        return []
    return [
        f"{p.name}: personal information may not be given to the vendor for "
        f"{policy.purpose} ({p.sale_or_share_forbidden})"
        for p in profiles_for(regimes)
        if p.sale_or_share_forbidden
    ]


def data_obligations(regimes: list[Regime]) -> list[str]:
    """The transfer and retention rules an extract carries under ``regimes`` (none named: none)."""
    return [
        f"{p.name}: {rule}"
        for p in (PROFILES[r] for r in regimes)
        for rule in (p.transfers, p.retention)
        if rule
    ]
