"""KPI domain types: options where the industry varies, the metric catalogue, typed results.

Every KPI has one pinned definition (``KPI_DEFINITIONS``; the same text is in
``docs/kpis.md``). Rates are fractions in [0, 1], NPS runs from -100 to +100,
durations are seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PeriodName = Literal["interval15", "interval30", "day", "week", "month", "quarter"]
PERIODS: tuple[PeriodName, ...] = ("interval15", "interval30", "day", "week", "month", "quarter")
FcrMethod = Literal["source", "no_reopen", "repeat_contact"]
# Channels answered while the customer waits; e-mail, web forms, social and other
# tickets are deferred (answered later) and have a first response time instead.
LIVE_CHANNELS: tuple[str, ...] = ("voice", "chat", "messaging")
SlVariant = Literal[1, 2, 3, 4, 5]

# Dimensions a KPI set can be grouped by (plus any declared seg_* column and a period).
DIMENSIONS: dict[str, str] = {
    "engagement": "engagement_id",
    "vendor": "vendor_id",
    "site": "site_id",
    "channel": "channel",
    "queue": "queue",
    "language": "language",
    "priority": "priority",
}


class KpiOptions(BaseModel):
    """The settings where the industry genuinely varies; defaults are Fairshore's pins.

    Parameters
    ----------
    sl_threshold_s
        Service-level threshold T in seconds (answered within T).
    short_abandon_s
        Short-abandon cut-off s in seconds (abandoned within s; s < T).
    sl_variant
        Which ICMI service-level variant ``service_level`` reports (1-5).
    sl_target
        Interval service-level target for ``sl_interval_share``.
    interval_minutes
        Interval length (15 or 30) for ``sl_interval_share``.
    fcr_method
        Which FCR method ``fcr_rate`` reports.
    repeat_window_days
        Repeat-contact window for ``fcr_repeat_rate`` (1-30 days).
    repeat_same_reason
        Count a repeat only when the contact reason is the same.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    sl_threshold_s: float = Field(default=20.0, gt=0)
    short_abandon_s: float = Field(default=5.0, ge=0)
    sl_variant: SlVariant = 5
    sl_target: float = Field(default=0.8, ge=0, le=1)
    interval_minutes: Literal[15, 30] = 30
    fcr_method: FcrMethod = "source"
    repeat_window_days: int = Field(default=7, ge=1, le=30)
    repeat_same_reason: bool = False


@dataclass(frozen=True)
class KpiDefinition:
    """One KPI: its stable name, unit, and the single definition Fairshore uses."""

    name: str
    unit: Literal["count", "rate", "seconds", "score"]
    definition: str


_D = KpiDefinition
KPI_DEFINITIONS: tuple[KpiDefinition, ...] = (
    _D("offered", "count", "Contacts that arrived (offered voice/chat, created tickets)."),
    _D("answered", "count", "Contacts with answered_at (connected, or first public reply)."),
    _D("abandoned", "count", "Offered contacts with abandoned_at and no answered_at."),
    _D("short_abandons", "count", "Abandoned contacts whose wait was <= short_abandon_s."),
    _D("handled", "count", "Answered contacts with handle_seconds."),
    _D("resolved", "count", "Offered contacts with resolved_at."),
    _D(
        "service_level",
        "rate",
        "The ICMI variant chosen by sl_variant (default 5), of live contacts when any.",
    ),
    _D("sl_v1", "rate", "ICMI 1: (A<=T + Ab<=T) / (A + Ab)."),
    _D("sl_v2", "rate", "ICMI 2: A<=T / A (abandons ignored; not recommended)."),
    _D("sl_v3", "rate", "ICMI 3: A<=T / (A + Ab) (every abandon is a miss)."),
    _D("sl_v4", "rate", "ICMI 4: A<=T / (A + Ab>T) (abandons within T leave the denominator)."),
    _D("sl_v5", "rate", "ICMI 5: (A<=T + Ab<=s) / (A + Ab) (only short abandons credited)."),
    _D("sl_intervals", "count", "Intervals (interval_minutes, UTC) with at least one A or Ab."),
    _D(
        "sl_interval_share",
        "rate",
        "Share of those intervals whose service_level (same variant) >= sl_target.",
    ),
    _D(
        "asa_s",
        "seconds",
        "Average speed of answer: mean answered_at - arrived_at of answered (live when any).",
    ),
    _D(
        "mean_wait_s",
        "seconds",
        "Mean wait over all offered with an outcome (answer delay or time to abandon): E[W].",
    ),
    _D("wait_median_s", "seconds", "Median of those waits."),
    _D("wait_p90_s", "seconds", "90th percentile of those waits (linear interpolation)."),
    _D("abandon_rate", "rate", "Ab / (A + Ab)."),
    _D("abandon_rate_short_adjusted", "rate", "(Ab - Ab<=s) / (A + Ab - Ab<=s)."),
    _D("mean_time_to_abandon_s", "seconds", "Mean abandoned_at - arrived_at of abandoned."),
    _D("aht_s", "seconds", "Average handle time: sum handle_seconds / handled."),
    _D(
        "first_response_s",
        "seconds",
        "Mean creation -> first public reply (answered_at - arrived_at) of answered, calendar.",
    ),
    _D("first_response_median_s", "seconds", "Median first response, calendar time."),
    _D("first_response_p90_s", "seconds", "90th percentile first response, calendar time."),
    _D(
        "first_response_business_s",
        "seconds",
        "Mean first response counted only inside the engagement's business hours.",
    ),
    _D("first_response_business_p90_s", "seconds", "90th percentile of business first response."),
    _D("resolution_s", "seconds", "Mean creation -> first solve (resolved_at - arrived_at)."),
    _D("resolution_median_s", "seconds", "Median resolution time."),
    _D("resolution_p90_s", "seconds", "90th percentile resolution time."),
    _D(
        "resolution_business_s",
        "seconds",
        "Mean resolution time counted only inside the engagement's business hours.",
    ),
    _D("resolution_business_median_s", "seconds", "Median business resolution time."),
    _D("resolution_business_p90_s", "seconds", "90th percentile business resolution time."),
    _D("fcr_rate", "rate", "FCR by the method chosen with fcr_method (default: source flag)."),
    _D(
        "fcr_source_rate",
        "rate",
        "first_contact_resolved true / answered contacts where the source gives the flag.",
    ),
    _D(
        "fcr_no_reopen_rate",
        "rate",
        "Ticket proxy: answered, resolved and never reopened / answered contacts.",
    ),
    _D(
        "fcr_repeat_rate",
        "rate",
        "Answered contacts with no later contact by the same customer within "
        "repeat_window_days / answered contacts with a customer_ref (computed when "
        "fcr_method is repeat_contact).",
    ),
    _D("reopen_rate", "rate", "Resolved contacts reopened at least once / resolved contacts."),
    _D("escalation_rate", "rate", "Answered contacts escalated / answered contacts."),
    _D("transfer_rate", "rate", "Answered contacts transferred / answered contacts."),
    _D("csat_responses", "count", "Contacts with a CSAT score."),
    _D("csat_top2", "rate", "CSAT top-2-box: scores of 4 or 5 / CSAT responses."),
    _D("csat_response_rate", "rate", "CSAT responses / answered contacts."),
    _D("nps_responses", "count", "Contacts with an NPS score."),
    _D("nps", "score", "% promoters (9-10) - % detractors (0-6) of NPS responses, -100..100."),
    _D("nps_response_rate", "rate", "NPS responses / answered contacts."),
)
KPI_NAMES: tuple[str, ...] = tuple(d.name for d in KPI_DEFINITIONS)


class KpiRow(BaseModel):
    """The KPI set of one group: its dimension values, its period, every metric."""

    model_config = ConfigDict(frozen=True)

    group: dict[str, str | None] = Field(default_factory=dict)
    period: str | None = None
    period_start: datetime | None = None
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    short_abandons: int = 0
    handled: int = 0
    resolved: int = 0
    service_level: float | None = None
    sl_v1: float | None = None
    sl_v2: float | None = None
    sl_v3: float | None = None
    sl_v4: float | None = None
    sl_v5: float | None = None
    sl_intervals: int = 0
    sl_interval_share: float | None = None
    asa_s: float | None = None
    mean_wait_s: float | None = None
    wait_median_s: float | None = None
    wait_p90_s: float | None = None
    abandon_rate: float | None = None
    abandon_rate_short_adjusted: float | None = None
    mean_time_to_abandon_s: float | None = None
    aht_s: float | None = None
    first_response_s: float | None = None
    first_response_median_s: float | None = None
    first_response_p90_s: float | None = None
    first_response_business_s: float | None = None
    first_response_business_p90_s: float | None = None
    resolution_s: float | None = None
    resolution_median_s: float | None = None
    resolution_p90_s: float | None = None
    resolution_business_s: float | None = None
    resolution_business_median_s: float | None = None
    resolution_business_p90_s: float | None = None
    fcr_rate: float | None = None
    fcr_source_rate: float | None = None
    fcr_no_reopen_rate: float | None = None
    fcr_repeat_rate: float | None = None
    reopen_rate: float | None = None
    escalation_rate: float | None = None
    transfer_rate: float | None = None
    csat_responses: int = 0
    csat_top2: float | None = None
    csat_response_rate: float | None = None
    nps_responses: int = 0
    nps: float | None = None
    nps_response_rate: float | None = None

    def metric(self, name: str) -> float | None:
        """The value of one metric by its stable name."""
        if name not in KPI_NAMES:
            raise KeyError(name)
        value = getattr(self, name)
        return None if value is None else float(value)

    def flat(self) -> dict[str, object]:
        """Dimension values, period and metrics as one flat record (for JSON and CSV)."""
        out: dict[str, object] = dict(self.group)
        if self.period is not None:
            out["period"] = self.period
        out.update({name: getattr(self, name) for name in KPI_NAMES})
        return out


class KpiTable(BaseModel):
    """The KPI set per group, with what it was computed over."""

    model_config = ConfigDict(frozen=True)

    by: list[str]
    period: PeriodName | None = None
    options: KpiOptions
    start: datetime | None = None
    end: datetime | None = None
    rows: list[KpiRow]
