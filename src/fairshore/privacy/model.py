"""Domain types of data protection: detections, sharing policies, incidents, access flags."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

# --- detections in free text ----------------------------------------------------------

EntityType = str
"""Presidio-style entity names: EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE ..."""

ENTITY_TYPES: tuple[str, ...] = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
    "PERSON",
    "STREET_ADDRESS",
    "US_SSN",
    "UK_NINO",
    "IN_AADHAAR",
    "IN_PAN",
    "PL_PESEL",
    "CO_CEDULA",
    "PH_NATIONAL_ID",
    "KNOWN_VALUE",
)


class Detection(BaseModel):
    """A piece of personal data found in a text: where, what, how sure, and by whom."""

    model_config = ConfigDict(frozen=True)

    entity: EntityType
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    score: float = Field(ge=0, le=1)
    recognizer: str = ""


class RedactedText(BaseModel):
    """A text after redaction, with the detections that were replaced."""

    model_config = ConfigDict(frozen=True)

    text: str
    detections: tuple[Detection, ...]


class RedactionSummary(BaseModel):
    """What a file redaction did."""

    source: str
    output: str
    column: str
    operator: str
    rows: int
    rows_changed: int
    entities: dict[str, int]


# --- sharing policy -------------------------------------------------------------------

Action = Literal["share", "pseudonymise", "generalise", "withhold", "redact"]
Generalisation = Literal["month", "region", "year", "bucket"]
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _countries(values: list[str]) -> list[str]:
    bad = [v for v in values if not _COUNTRY.match(v)]
    if bad:
        raise ValueError(f"use ISO 3166 alpha-2 country codes (PH, IN, CO, PL): {', '.join(bad)}")
    return values


class FieldRule(BaseModel):
    """What happens to one field before it leaves: share, pseudonymise, generalise, withhold.

    ``redact`` shares a free-text field after the redactor has replaced personal data.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    action: Action
    generalise_to: Generalisation | None = None
    keep_chars: int = Field(default=2, ge=1, le=8, description="Postcode prefix kept (region).")
    bucket_size: float | None = Field(default=None, gt=0)
    reason: str = ""

    @model_validator(mode="after")
    def _generalisation_named(self) -> FieldRule:
        if self.action == "generalise" and self.generalise_to is None:
            raise ValueError(
                "action 'generalise' needs 'generalise_to': month, year, region or bucket"
            )
        if self.action != "generalise" and self.generalise_to is not None:
            raise ValueError("'generalise_to' is only allowed with action 'generalise'")
        if self.generalise_to == "bucket" and self.bucket_size is None:
            raise ValueError("'generalise_to: bucket' needs 'bucket_size'")
        return self


def _rule(value: object) -> object:
    # `customer_ref: pseudonymise` is short for `customer_ref: {action: pseudonymise}`.
    return {"action": value} if isinstance(value, str) else value


class TablePolicy(BaseModel):
    """The rules of one table; fields without a rule follow ``default``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    default: Action = "withhold"
    fields: dict[str, FieldRule] = Field(default_factory=dict)

    @field_validator("fields", mode="before")
    @classmethod
    def _short_rules(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: _rule(v) for k, v in value.items()}
        return value

    def rule(self, field: str) -> FieldRule:
        """The rule for ``field`` (the table default when the field is not named)."""
        return self.fields.get(field) or FieldRule(action=self.default, reason="table default")


# Why the vendor receives the data: to serve the client (a "business purpose", as a
# service provider, Cal. Civ. Code 1798.140(e), (ag)), or to sell it or share it for
# cross-context behavioural advertising (1798.140(ad), (ah)).
SharingPurpose = Literal["business_purpose", "sale", "sharing"]


class SharingPolicy(BaseModel):
    """What an engagement's vendor may receive, where it may be processed, for how long."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    engagement_id: str = Field(min_length=1, max_length=64)
    version: int = Field(default=1, ge=1)
    purpose: SharingPurpose = "business_purpose"
    retention_days: int = Field(ge=1, le=3650)
    processing_locations: Annotated[list[str], AfterValidator(_countries)] = Field(min_length=1)
    subprocessors_allowed: bool = False
    subprocessors: list[str] = Field(default_factory=list)
    free_text_operator: str = "redact"
    tables: dict[str, TablePolicy] = Field(min_length=1)

    @model_validator(mode="after")
    def _subprocessors(self) -> SharingPolicy:
        if self.subprocessors and not self.subprocessors_allowed:
            raise ValueError("subprocessors are listed but 'subprocessors_allowed' is false")
        return self


class FieldTransform(BaseModel):
    """One line of a share manifest: what was done to a field, and why."""

    table: str
    field: str
    action: Action
    detail: str = ""
    reason: str = ""


class ShareManifest(BaseModel):
    """What an extract holds and how it was minimised."""

    engagement_id: str
    policy_version: int
    policy_sha256: str
    created_at: datetime
    retention_days: int
    delete_by: datetime
    regimes: list[str] = Field(default_factory=list)
    obligations: list[str] = Field(
        default_factory=list
    )  # the regimes' transfer and retention rules
    processing_locations: list[str]
    subprocessors_allowed: bool
    key_id: str
    tables: dict[str, int]
    files: list[str]
    transforms: list[FieldTransform]
    redacted_values: int = 0


class CheckFinding(BaseModel):
    """A problem in a file received from a vendor."""

    kind: Literal["field_not_allowed", "unknown_field", "personal_data_in_text"]
    field: str
    detail: str
    rows: int = 0
    entities: dict[str, int] = Field(default_factory=dict)
    examples: list[str] = Field(default_factory=list)


class CheckReport(BaseModel):
    """Result of an inbound check."""

    source: str
    engagement_id: str
    table: str | None
    rows: int
    findings: list[CheckFinding]

    @property
    def ok(self) -> bool:
        return not self.findings


# --- incidents ------------------------------------------------------------------------

IncidentSeverity = Literal["critical", "high", "medium", "low"]
IncidentStatus = Literal["open", "contained", "closed"]
# The controller's GDPR Art. 33(1) assessment: must the authority be told? Not when the
# breach "is unlikely to result in a risk to the rights and freedoms" of the people (an
# encrypted device, say); the breach is documented all the same (Art. 33(5)). Unassessed
# (None) counts as required: the 72-hour clock runs.
AuthorityNotice = Literal["required", "not_required"]
# Audiences told of a breach beyond the client, the authority and the people affected:
# their notice times are kept in ``notices`` (the first three have their own fields).
Audience = Literal[
    "client", "authority", "individuals", "media", "hhs", "attorney_general", "card_brands"
]
ExtraAudience = Literal["media", "hhs", "attorney_general", "card_brands"]
_REGION = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


def _regions(value: dict[str, int] | None) -> dict[str, int] | None:
    bad = [k for k in value or {} if not _REGION.match(k)]
    if bad:
        raise ValueError(f"name regions as ISO 3166 codes (US-CA, US-TX, DE): {', '.join(bad)}")
    return value


class IncidentFields(BaseModel):
    """The editable fields of a personal-data breach (all optional for updates)."""

    model_config = ConfigDict(extra="forbid")

    detected_at: datetime | None = None
    vendor_aware_at: datetime | None = None
    client_notified_at: datetime | None = None
    authority_notified_at: datetime | None = None
    authority_notification: AuthorityNotice | None = None
    subjects_notified_at: datetime | None = None
    records_affected: int | None = Field(default=None, ge=0)
    affected_by_region: (
        Annotated[dict[str, Annotated[int, Field(ge=0)]], AfterValidator(_regions)] | None
    ) = None
    notices: dict[ExtraAudience, datetime] | None = None
    categories: list[str] | None = None
    severity: IncidentSeverity | None = None
    status: IncidentStatus | None = None
    description: str | None = None
    root_cause: str | None = None
    corrective_action: str | None = None

    @field_validator(
        "detected_at",
        "vendor_aware_at",
        "client_notified_at",
        "authority_notified_at",
        "subjects_notified_at",
    )
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return _aware(value)

    @field_validator("notices")
    @classmethod
    def _notices_utc(
        cls, value: dict[ExtraAudience, datetime] | None
    ) -> dict[ExtraAudience, datetime] | None:
        return None if value is None else {k: _to_utc(v) for k, v in value.items()}


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else _to_utc(value)


def _to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("give the time zone, e.g. 2026-05-12T09:00:00Z or +08:00")
    return value.astimezone(UTC)


class Incident(BaseModel):
    """A personal-data breach at a vendor, as registered."""

    model_config = ConfigDict(frozen=True)

    id: str
    engagement_id: str
    detected_at: datetime | None = None
    vendor_aware_at: datetime | None = None
    client_notified_at: datetime | None = None
    authority_notified_at: datetime | None = None
    authority_notification: AuthorityNotice | None = None
    subjects_notified_at: datetime | None = None
    records_affected: int | None = None
    affected_by_region: dict[str, int] = Field(default_factory=dict)
    notices: dict[ExtraAudience, datetime] = Field(default_factory=dict)
    categories: list[str] = Field(default_factory=list)
    severity: IncidentSeverity = "medium"
    status: IncidentStatus = "open"
    description: str = ""
    root_cause: str = ""
    corrective_action: str = ""
    external_ref: str | None = None


ClockState = Literal["met", "late", "running", "overdue", "not_started", "not_required"]


ClockName = Literal[
    "vendor_to_client",
    "gdpr_art33_authority",
    "individuals",
    "media",
    "hhs",
    "attorney_general",
    "card_brands",
]


class Clock(BaseModel):
    """One notification deadline of an incident, to one audience.

    ``window_hours`` is None where the law sets no outer limit ("without undue delay",
    "most expedient time possible"): the clock runs until notice is given, with no
    deadline. ``basis`` cites each rule that asks for this notice, strictest first.
    """

    name: ClockName
    starts_at: datetime | None
    deadline: datetime | None
    done_at: datetime | None
    window_hours: float | None
    state: ClockState
    elapsed_hours: float | None
    remaining_hours: float | None
    audience: Audience = "client"
    basis: list[str] = Field(default_factory=list)


class IncidentStatusView(BaseModel):
    """An incident with its clocks, as of a moment, under the engagement's regimes.

    ``regimes_assumed`` is true when the engagement names no regime and the GDPR
    clocks were applied, as before regimes could be recorded.
    """

    incident: Incident
    clocks: list[Clock]
    as_of: datetime
    regimes: list[str] = Field(default_factory=list)
    regimes_assumed: bool = False


# --- access anomalies -----------------------------------------------------------------

FlagKind = Literal["bulk_export", "off_shift", "volume_spike", "unhandled_records", "new_source"]


class AnomalyThresholds(BaseModel):
    """Knobs of the access anomaly detector (defaults suit a contact-centre floor)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bulk_min_records: int = Field(default=500, ge=1)
    bulk_mad_k: float = Field(default=8.0, gt=0)
    spike_ratio: float = Field(default=3.0, gt=1)
    spike_mad_k: float = Field(default=6.0, gt=0)
    spike_min_events: int = Field(default=50, ge=1)
    off_shift_max_share: float = Field(default=0.01, ge=0, le=1)
    off_shift_min_history: int = Field(default=50, ge=1)
    unhandled_min_records: int = Field(default=20, ge=1)
    unhandled_excess: float = Field(default=0.3, ge=0, le=1)
    new_source_min_history: int = Field(default=50, ge=1)
    prior_weight: float = Field(default=20.0, ge=0, description="Peer pseudo-observations.")


class AccessFlag(BaseModel):
    """One suspicious access pattern of one agent, with the numbers behind it."""

    model_config = ConfigDict(frozen=True)

    kind: FlagKind
    agent_ref: str
    engagement_id: str
    day: str
    at: datetime | None
    reason: str
    numbers: dict[str, float]
    severity: Literal["critical", "major", "minor", "observation"]
