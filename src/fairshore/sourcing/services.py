"""Use cases of the sourcing decision and transparency: touchpoints, disclosure, forecasts."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from fairshore.adapters.db import governance_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import (
    get_engagement,
    list_engagements,
    list_sites,
    list_vendors,
    validation_message,
)
from fairshore.errors import ConflictError, InputError
from fairshore.privacy.regimes import PROFILES
from fairshore.sourcing.disclosure import Disclosure, ServiceLine, write_disclosure
from fairshore.sourcing.forecast import ForecastAccuracy, forecast_accuracy
from fairshore.sourcing.touchpoints import EXPOSED, Recommendation, Touchpoint, recommend

PERSONAL_DEFAULT = "your contact details and the history of your contact"
# Certificates that protect customer data (a payroll audit or ISO 14001 does not).
CERTIFICATE_NAMES = {
    "iso27001": "information security (ISO/IEC 27001)",
    "iso27701": "privacy information management (ISO/IEC 27701)",
    "pci_dss": "card data security (PCI DSS)",
    "soc2_type2": "security controls (SOC 2 Type II)",
}


def _read_records(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InputError(f"{path} is not valid YAML: {exc}") from None
        items = data.get("touchpoints") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise InputError(f"{path}: expected a list of touchpoints (or touchpoints: [...])")
        return [dict(i) if isinstance(i, dict) else {"_bad": i} for i in items]
    return [dict(r) for r in csv.DictReader(text.splitlines())]


def import_touchpoints(ws: Workspace, path: Path) -> list[Touchpoint]:
    """Load touchpoints from CSV or YAML; every row is checked before anything is saved."""
    parsed: list[tuple[Touchpoint, str | None]] = []
    problems: list[str] = []
    for number, record in enumerate(_read_records(path), start=1):
        engagement_id = record.pop("engagement_id", None) or None
        try:
            parsed.append((Touchpoint.model_validate(record), engagement_id))
        except ValidationError as exc:
            problems.append(f"row {number}: {validation_message(exc)}")
    if problems:
        raise InputError(f"{path}: nothing imported; " + "; ".join(problems[:10]))
    known = {e.id for e in list_engagements(ws)}
    unknown = sorted({e for _, e in parsed if e and e not in known})
    if unknown:
        raise InputError(f"{path}: unknown engagement(s) {', '.join(unknown)}; nothing imported")
    with ws.db.begin() as conn:
        for tp, engagement_id in parsed:
            if repo.touchpoint_id_taken(conn, ws.organisation_id, tp.id):
                raise ConflictError(f"touchpoint id {tp.id!r} is taken; nothing imported")
            attributes = tp.model_dump(exclude={"id", "name", "channel", "intent"})
            attributes["engagement_id"] = engagement_id
            repo.upsert_touchpoint(
                conn,
                ws.organisation_id,
                tp.id,
                name=tp.name,
                channel=tp.channel,
                intent=tp.intent,
                attributes=attributes,
            )
    return [tp for tp, _ in parsed]


def _touchpoints(ws: Workspace) -> list[tuple[Touchpoint, str | None]]:
    with ws.db.begin() as conn:
        rows = repo.list_touchpoint_rows(conn, ws.organisation_id)
    result = []
    for row in rows:
        attributes = dict(row["attributes"])
        engagement_id = attributes.pop("engagement_id", None)
        data = {k: row[k] for k in ("id", "name", "channel", "intent")} | attributes
        result.append((Touchpoint.model_validate(data), engagement_id))
    return result


def recommend_sourcing(ws: Workspace) -> list[Recommendation]:
    """A sourcing recommendation for every touchpoint of this organisation."""
    return [recommend(tp) for tp, _ in _touchpoints(ws)]


def _protections(ws: Workspace, today: date) -> dict[str, set[str]]:
    """Per vendor, the data-protection certificates an auditor verified, valid on ``today``."""
    from fairshore.vetting.services import list_evidence

    out: dict[str, set[str]] = {}
    for doc in list_evidence(ws):
        verified = doc.status == "verified_by_auditor" and doc.valid_on(today)
        if verified and doc.type in CERTIFICATE_NAMES:
            until = f", valid until {doc.valid_until}" if doc.valid_until else ""
            out.setdefault(doc.vendor_id, set()).add(
                f"{CERTIFICATE_NAMES[doc.type]} certified by {doc.issuer}{until}"
            )
    return out


def disclosure_statement(
    ws: Workspace, *, company: str, contact: str, today: date | None = None
) -> Disclosure:
    """The customer-facing statement for every engagement of this organisation.

    Protections are stated only from certificates an auditor verified that are valid
    on ``today`` (default: today).
    """
    protections = _protections(ws, today or ws.today())
    vendors = {v.id: v for v in list_vendors(ws)}
    sites = {s.id: s for s in list_sites(ws)}
    served: dict[str, set[str]] = {}
    for tp, engagement_id in _touchpoints(ws):
        if engagement_id:
            served.setdefault(engagement_id, set()).add(EXPOSED[tp.data_sensitivity])
    lines = []
    for engagement in list_engagements(ws):
        countries = sorted({sites[s].country_iso2 for s in engagement.site_ids if s in sites})
        vendor = vendors[engagement.vendor_id]
        if not countries and vendor.country_iso2:
            countries = [vendor.country_iso2]
        lines.append(
            ServiceLine(
                vendor_name=vendor.name,
                countries=tuple(countries),
                channels=tuple(engagement.channels),
                languages=tuple(engagement.languages),
                data_received=tuple(sorted(served.get(engagement.id, {PERSONAL_DEFAULT}))),
                protections=tuple(sorted(protections.get(vendor.id, set()))),
                regimes=tuple(PROFILES[r].name for r in engagement.regimes),
            )
        )
    if not lines:
        raise InputError("no engagements yet: add one with 'fairshore engagement add'")
    return write_disclosure(company, lines, contact=contact)


def read_forecast(path: Path) -> dict[str, float]:
    """A forecast CSV with columns ``period`` (YYYY-MM-DD or YYYY-MM) and ``contacts``."""
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    if not rows or not {"period", "contacts"} <= set(rows[0]):
        raise InputError(f"{path}: expected columns period,contacts")
    forecast: dict[str, float] = {}
    for number, row in enumerate(rows, start=2):
        try:
            forecast[row["period"].strip()] = float(row["contacts"])
        except ValueError:
            raise InputError(
                f"{path} line {number}: contacts {row['contacts']!r} is not a number"
            ) from None
    return forecast


def measure_forecast_accuracy(
    ws: Workspace, engagement_id: str, forecast: dict[str, float], *, tolerance: float = 0.1
) -> ForecastAccuracy:
    """Compare a forecast with the contacts offered, per day or month (the forecast's grain).

    Periods are UTC calendar days or months; only periods inside the forecast's range
    are compared, so a forecast for one quarter is not judged on the whole year.
    """
    get_engagement(ws, engagement_id)
    if not forecast:
        raise InputError("the forecast is empty")
    fmt = "%Y-%m" if all(len(k) == 7 for k in forecast) else "%Y-%m-%d"
    table = ws.lake_reader.table("interactions", engagement_id)
    period = table.arrived_at.strftime(fmt).name("period")
    counts = table.group_by(period).aggregate(n=table.count()).to_pyarrow().to_pylist()
    first, last = min(forecast), max(forecast)
    actual = {r["period"]: int(r["n"]) for r in counts if first <= r["period"] <= last}
    return forecast_accuracy(actual, forecast, tolerance=tolerance)
