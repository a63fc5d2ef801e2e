"""Metered energy of a vendor's sites: readings per site and month, per contact handled.

The vendor uploads its meter or utility-invoice readings (CSV: ``site_id, month,
kwh, renewable_kwh, source``). Every row read is accepted or rejected with its line and
reason (accepted + rejected = read). A measured figure sits beside what the vendor
declared in its questionnaire (renewable share), never in its place.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Literal

from fairshore.errors import InputError
from fairshore.metrics.periods import parse_period

EnergySource = Literal["meter", "invoice", "estimate"]


@dataclass(frozen=True)
class EnergyReading:
    """Electricity a site used in a month, and the part from renewable sources."""

    site_id: str
    month: str
    kwh: float
    renewable_kwh: float | None
    source: EnergySource


@dataclass
class EnergyParse:
    """What a readings file held: accepted readings, rejected lines, rows read."""

    readings: list[EnergyReading] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    read: int = 0


def _number(text: str, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} {text!r} is not a number") from None
    if value < 0 or value != value:
        raise ValueError(f"{name} {text!r} must be 0 or more")
    return value


def _is_month(text: str) -> bool:
    try:
        return parse_period(text).kind == "month"
    except InputError:
        return False


def _reading(row: dict[str, str]) -> EnergyReading:
    site, month = (row.get("site_id") or "").strip(), (row.get("month") or "").strip()
    if not site:
        raise ValueError("no site_id")
    if not _is_month(month):
        raise ValueError(f"month {month!r} is not YYYY-MM")
    kwh = _number((row.get("kwh") or "").strip(), "kwh")
    renewable_text = (row.get("renewable_kwh") or "").strip()
    renewable = _number(renewable_text, "renewable_kwh") if renewable_text else None
    if renewable is not None and renewable > kwh:
        raise ValueError(f"renewable_kwh {renewable:g} is more than kwh {kwh:g}")
    source = (row.get("source") or "meter").strip().lower()
    if source not in ("meter", "invoice", "estimate"):
        raise ValueError(f"source {source!r} is not meter, invoice or estimate")
    return EnergyReading(site, month, kwh, renewable, source)  # type: ignore[arg-type]


REQUIRED_COLUMNS = ("site_id", "month", "kwh")


def parse_energy_csv(text: str) -> EnergyParse:
    """Readings from CSV text; each bad row rejected with its line number and reason."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(
            f"missing column(s) {', '.join(missing)}; expected "
            "site_id,month,kwh[,renewable_kwh,source]"
        )
    out = EnergyParse()
    for line, row in enumerate(reader, start=2):
        out.read += 1
        try:
            out.readings.append(_reading(row))
        except ValueError as exc:
            out.rejected.append(f"line {line}: {exc}")
    return out


@dataclass(frozen=True)
class SiteEnergy:
    """A site's metered energy over a period, per contact handled where contacts are known."""

    site_id: str
    months: int
    kwh: float
    contacts_handled: int
    renewable_share: float | None
    sources: tuple[str, ...]

    @property
    def kwh_per_contact(self) -> float | None:
        return self.kwh / self.contacts_handled if self.contacts_handled else None


def site_energy(readings: list[EnergyReading], handled_by_month: dict[str, int]) -> SiteEnergy:
    """One site's readings summed; contacts only of the months with a reading.

    The renewable share is measured only when every reading states its renewable part.
    """
    kwh = sum(r.kwh for r in readings)
    renewable = [r.renewable_kwh for r in readings]
    share = (
        sum(v for v in renewable if v is not None) / kwh
        if kwh and all(v is not None for v in renewable)
        else None
    )
    return SiteEnergy(
        site_id=readings[0].site_id,
        months=len(readings),
        kwh=kwh,
        contacts_handled=sum(handled_by_month.get(r.month, 0) for r in readings),
        renewable_share=share,
        sources=tuple(sorted({r.source for r in readings})),
    )
