"""Domain types for the parties of an outsourcing engagement."""

from __future__ import annotations

import re
from datetime import date, time
from functools import lru_cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

Channel = Literal["voice", "chat", "email", "messaging", "social", "web_form", "other"]
CHANNELS: tuple[Channel, ...] = (
    "voice",
    "chat",
    "email",
    "messaging",
    "social",
    "web_form",
    "other",
)
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The data-protection regimes an engagement can fall under; what each requires (breach
# clocks, who is told, sale and transfer rules) is a profile in fairshore.privacy.regimes.
Regime = Literal["gdpr", "uk_gdpr", "ccpa_cpra", "hipaa", "pci_dss"]
REGIMES: tuple[Regime, ...] = ("gdpr", "uk_gdpr", "ccpa_cpra", "hipaa", "pci_dss")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_LANG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use 1-64 lower-case letters, digits, '-' or '_', "
            "starting with a letter or digit"
        )
    return value


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    # available_timezones() walks the tz database on disk (~20 ms); every engagement
    # loaded from the database is validated, so pages listing them paid it each time.
    return frozenset(available_timezones())


def check_timezone(value: str) -> str:
    """Return ``value`` if it names an IANA timezone, else raise ``ValueError``."""
    if value not in _timezones():
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not an IANA timezone (for example Asia/Manila, Europe/Warsaw)"
            ) from None
    return value


Slug = Annotated[str, AfterValidator(_slug)]
TimeZoneName = Annotated[str, AfterValidator(check_timezone)]


class Vendor(BaseModel):
    """A contact-centre vendor (BPO)."""

    model_config = ConfigDict(frozen=True)

    id: Slug
    name: str = Field(min_length=1, max_length=200)
    country_iso2: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")


class Site(BaseModel):
    """A vendor's delivery centre; ``location`` names its living-wage benchmark."""

    model_config = ConfigDict(frozen=True)

    id: Slug
    vendor_id: Slug
    name: str = Field(min_length=1, max_length=200)
    location: str = Field(min_length=1, max_length=200)
    country_iso2: str = Field(pattern=r"^[A-Z]{2}$")
    timezone: TimeZoneName
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class OpeningHours(BaseModel):
    """Opening and closing time of one weekday (``close`` of 24:00 is written 23:59:59)."""

    model_config = ConfigDict(frozen=True)

    open: time
    close: time


def _always_open() -> dict[Weekday, OpeningHours]:
    return {d: OpeningHours(open=time(0), close=time(23, 59, 59)) for d in WEEKDAYS}


class Engagement(BaseModel):
    """A vendor serving the client's customers on some channels and languages."""

    model_config = ConfigDict(frozen=True)

    id: Slug
    vendor_id: Slug
    name: str = Field(min_length=1, max_length=200)
    timezone: TimeZoneName
    channels: list[Channel] = Field(min_length=1)
    languages: list[str] = Field(min_length=1)
    segment_columns: list[str] = Field(default_factory=list)
    business_hours: dict[Weekday, OpeningHours] = Field(default_factory=_always_open)
    holidays: list[date] = Field(default_factory=list)
    site_ids: list[Slug] = Field(default_factory=list)
    regimes: list[Regime] = Field(default_factory=list)

    @field_validator("regimes")
    @classmethod
    def _unique_regimes(cls, value: list[Regime]) -> list[Regime]:
        return list(dict.fromkeys(value))

    @field_validator("languages")
    @classmethod
    def _bcp47(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not _LANG.match(v)]
        if bad:
            raise ValueError(f"not BCP 47 language tags: {', '.join(bad)} (e.g. en, es-CO)")
        return value

    @field_validator("segment_columns")
    @classmethod
    def _segments(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if not re.match(r"^seg_[a-z0-9_]{1,40}$", v)]
        if bad:
            raise ValueError(
                f"segment columns must look like seg_region, seg_tier: {', '.join(bad)}"
            )
        return value

    @property
    def parity_dimensions(self) -> tuple[str, ...]:
        """What the parity audit compares by default: language, then each declared segment."""
        return tuple(dict.fromkeys(["language", *self.segment_columns]))
