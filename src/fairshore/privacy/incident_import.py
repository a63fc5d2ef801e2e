"""Reading incidents as other systems write them (the demo's ``incidents.json``).

Tolerant by design: common aliases of each field, zone-less times read as UTC,
severity and status words mapped or dropped; only an unreadable time rejects an
incident, because the clocks cannot run without it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from fairshore.privacy.model import IncidentFields

_ALIASES: dict[str, tuple[str, ...]] = {
    "detected_at": ("detected_at", "detected", "discovered_at"),
    "vendor_aware_at": ("vendor_aware_at", "aware_at", "vendor_aware", "became_aware_at"),
    "client_notified_at": ("client_notified_at", "notified_at", "client_notified", "reported_at"),
    "authority_notified_at": ("authority_notified_at", "authority_notified", "dpa_notified_at"),
    "authority_notification": ("authority_notification", "dpa_notification"),
    "subjects_notified_at": (
        "subjects_notified_at",
        "subjects_notified",
        "data_subjects_notified_at",
    ),
    "records_affected": ("records_affected", "records", "affected_records", "records_count"),
    "affected_by_region": ("affected_by_region", "affected_by_state", "residents_by_state"),
    "notices": ("notices", "notified"),
    "categories": ("categories", "data_categories", "category"),
    "description": ("description", "summary", "title"),
    "severity": ("severity",),
    "status": ("status",),
    "root_cause": ("root_cause",),
    "corrective_action": ("corrective_action",),
}


def parse_incident_fields(item: dict[str, Any]) -> IncidentFields | str:
    """The incident fields of one JSON object, or why it cannot be read."""
    data: dict[str, Any] = {}
    for field, names in _ALIASES.items():
        for name in names:
            if item.get(name) is not None:
                data[field] = item[name]
                break
    if isinstance(data.get("categories"), str):
        data["categories"] = [c.strip() for c in data["categories"].split(",") if c.strip()]
    for field in _TIME_FIELDS:
        if isinstance(data.get(field), str):
            try:
                value = datetime.fromisoformat(data[field].replace("Z", "+00:00"))
            except ValueError:
                return f"{field}: {data[field]!r} is not an ISO time"
            data[field] = value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(data.get("severity"), str):
        data["severity"] = _SEVERITY_WORDS.get(data["severity"].lower(), data["severity"].lower())
    if isinstance(data.get("status"), str):
        data["status"] = _STATUS_WORDS.get(data["status"].lower(), data["status"].lower())
    try:
        return IncidentFields.model_validate(data)
    except ValidationError as exc:
        # Be tolerant with descriptive fields: drop what does not validate, keep the rest,
        # unless a time, the Art. 33 assessment or the counts and notices the clocks
        # read are unreadable.
        bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        if bad & {*_TIME_FIELDS, *_CLOCK_INPUTS} or not bad:
            return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return _incident_fields_validated({k: v for k, v in data.items() if k not in bad})


def _incident_fields_validated(data: dict[str, Any]) -> IncidentFields | str:
    try:
        return IncidentFields.model_validate(data)
    except ValidationError as exc:
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())


_TIME_FIELDS = (
    "detected_at",
    "vendor_aware_at",
    "client_notified_at",
    "authority_notified_at",
    "subjects_notified_at",
)
_CLOCK_INPUTS = ("authority_notification", "affected_by_region", "notices")
_SEVERITY_WORDS = {"major": "high", "minor": "low", "moderate": "medium", "severe": "critical"}
_STATUS_WORDS = {
    "resolved": "closed",
    "done": "closed",
    "investigating": "open",
    "new": "open",
    "mitigated": "contained",
}
