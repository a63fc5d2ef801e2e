"""Use cases of data protection: share, check, redact, incidents, access anomalies.

Split by use case (``sharing_services``, ``incident_services``, ``anomaly_services``);
this module keeps the names callers import from ``fairshore.privacy.services``.
"""

from __future__ import annotations

from fairshore.privacy.anomaly_services import (
    AnomalyReport,
    anomaly_findings,
    detect_access_anomalies,
    privacy_findings,
)
from fairshore.privacy.incident_services import (
    ImportReport,
    add_incident,
    breach_notification_hours,
    import_incidents,
    incident_findings,
    list_incidents,
    update_incident,
)
from fairshore.privacy.residency_services import (
    measure_data_residency,
    measure_data_residency_periods,
)
from fairshore.privacy.sharing_services import (
    KNOWN_VALUE_HINTS,
    check_findings,
    check_inbound,
    redact_file,
    share_extract,
    workspace_key,
)

__all__ = [
    "KNOWN_VALUE_HINTS",
    "AnomalyReport",
    "ImportReport",
    "add_incident",
    "anomaly_findings",
    "breach_notification_hours",
    "check_findings",
    "check_inbound",
    "detect_access_anomalies",
    "import_incidents",
    "incident_findings",
    "list_incidents",
    "measure_data_residency",
    "measure_data_residency_periods",
    "privacy_findings",
    "redact_file",
    "share_extract",
    "update_incident",
    "workspace_key",
]
