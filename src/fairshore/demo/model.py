"""Domain types of the demo scenario: who the vendors are and what the generator made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from fairshore.engagements.model import Engagement, Site, Vendor

Channel = Literal["voice", "chat", "email"]
QUEUED_CHANNELS: tuple[Channel, ...] = ("voice", "chat")
FileFormat = Literal["csv", "parquet", "zendesk", "zendesk-talk", "acd"]
ProgressCallback = Callable[[int, int], None]
"""Called with (units done, units in total) as generation advances."""


@dataclass(frozen=True)
class ChannelProfile:
    """How one channel of an engagement behaves.

    ``share`` is the channel's share of the engagement's contacts; handle times are
    lognormal with median ``aht_median_s`` and log-sd ``aht_sigma``; patience is
    exponential with mean ``patience_mean_s`` (voice and chat only).
    """

    channel: Channel
    share: float
    aht_median_s: float
    aht_sigma: float = 0.55
    patience_mean_s: float = 300.0
    sl_threshold_s: float = 20.0


@dataclass(frozen=True)
class PayPolicy:
    """Monthly gross pay in local currency, by role (agents draw around ``agent_median``)."""

    currency: str
    agent_median: float
    agent_spread: float
    senior_share: float
    senior_median: float
    lead_median: float
    overtime_multiplier: float = 1.25
    floor_at_living_wage: bool = True


@dataclass(frozen=True)
class StaffingPolicy:
    """Square-root staffing per interval: N = ceil(A + beta * sqrt(A)).

    ``language_beta`` overrides ``beta`` for one language's queue; ``month_beta``
    overrides it for a month (``YYYY-MM``). ``pooled`` queues serve every language
    from one bilingual pool; otherwise each language has its own queue and agents.
    """

    beta: float
    pooled: bool = True
    language_beta: dict[str, float] = field(default_factory=dict)
    month_beta: dict[str, float] = field(default_factory=dict)
    aux_share: float = 0.06
    month_aux_share: dict[str, float] = field(default_factory=dict)
    email_capacity_factor: float = 1.15
    blend_share: float = 0.3
    month_blend_share: dict[str, float] = field(default_factory=dict)
    month_email_capacity_factor: dict[str, float] = field(default_factory=dict)

    def beta_for(self, language: str, month: str) -> float:
        """The beta of one language queue in one month (month override wins)."""
        if month in self.month_beta:
            return self.month_beta[month]
        return self.language_beta.get(language, self.beta)


@dataclass(frozen=True)
class WorkforcePolicy:
    """Roster dynamics: attrition, early leavers, employment mix, supervision span."""

    annual_attrition: float
    early_leaver_share: float
    agency_share: float
    contractor_share: float
    span_of_control: int
    training_hours_month: float
    new_hire_training_hours: float
    hiring_freeze_months: tuple[str, ...] = ()
    forced_exit_month: str | None = None
    forced_exit_share: float = 1.0
    """At the end of ``forced_exit_month`` headcount is cut to this share of next month's need."""
    month_extra_sick_days: dict[str, float] = field(default_factory=dict)
    """Sick days added to every agent-month of a month (a planted wellbeing decline)."""


@dataclass(frozen=True)
class EngagementScenario:
    """One engagement of the demo: the registered entities plus how its data behaves."""

    vendor: Vendor
    site: Site
    engagement: Engagement
    living_wage: float
    living_wage_source: str
    minimum_wage_month: float
    annual_volume: int
    channels: tuple[ChannelProfile, ...]
    language_shares: dict[str, float]
    staffing: StaffingPolicy
    workforce: WorkforcePolicy
    pay: PayPolicy
    file_format: str
    agent_prefix: str
    regions: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.engagement.id

    @property
    def timezone(self) -> str:
        return self.engagement.timezone

    def channel(self, name: str) -> ChannelProfile:
        for profile in self.channels:
            if profile.channel == name:
                return profile
        raise KeyError(name)


@dataclass(frozen=True)
class Incident:
    """A privacy incident as a vendor reports it (for ``incidents.json``)."""

    incident_id: str
    engagement_id: str
    vendor_id: str
    kind: str
    title: str
    occurred_at: str
    detected_at: str
    vendor_aware_at: str
    client_notified_at: str
    records_affected: int
    contract_window_hours: int


@dataclass(frozen=True)
class AuditNotice:
    """An audit the client gave the vendor notice of, and the vendor's answer (the
    client's audit register, recorded by the demo; dates ISO)."""

    engagement_id: str
    requested_on: str
    audit_from: str | None
    access: Literal["granted", "refused"]
    decided_on: str
    scope: str
    note: str = ""


@dataclass(frozen=True)
class Scenario:
    """The whole demo: period, engagements and incidents."""

    organisation: str
    start: date
    end: date
    engagements: tuple[EngagementScenario, ...]
    incidents: tuple[Incident, ...]
    audit_notices: tuple[AuditNotice, ...] = ()

    def engagement(self, engagement_id: str) -> EngagementScenario:
        for eng in self.engagements:
            if eng.id == engagement_id:
                return eng
        raise KeyError(engagement_id)


@dataclass
class FileEntry:
    """Files of one table of one engagement, in one vendor format (a manifest row)."""

    engagement_id: str
    table: str
    format: str
    paths: list[str]
    mapping: str | None = None
    source_tz: str | None = None


@dataclass
class EngagementSummary:
    """What the generator made for one engagement."""

    engagement_id: str
    vendor_id: str
    interactions_by_channel: dict[str, int]
    agents: int
    agent_months: int
    access_events: int
    months: int
    formats: list[str]
    files: int
    planted: list[str]

    @property
    def interactions(self) -> int:
        return sum(self.interactions_by_channel.values())


@dataclass(frozen=True)
class PlantedProblem:
    """One planted problem and the figure that shows it (full detail in ``truth.json``)."""

    kind: str
    engagement_id: str
    headline: str


@dataclass
class GenerationResult:
    """The outcome of ``generate``: where it wrote, what and how much."""

    out: str
    seed: int
    scale: float
    files: list[FileEntry]
    engagements: list[EngagementSummary]
    planted: list[str]
    seconds: float
    problems: list[PlantedProblem] = field(default_factory=list)

    @property
    def interactions(self) -> int:
        return sum(e.interactions for e in self.engagements)
