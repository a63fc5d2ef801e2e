"""The composition root: which clause providers, alert providers and format adapters
Fairshore runs with, each registry built here from an explicit list.

Nothing registers itself when imported: a capability offers its providers as plain
functions (``people.providers.clause_entries``, ``privacy.alerts.incident_clock_alerts``
...) and this module lists them. A workspace gets these registries on first use
(``ws.registries``); a caller may open a workspace with registries of its own
(``open_workspace(settings, registries=...)``), which is how a test stands in for one
provider without touching anyone else's.

This module sits above every feature (it imports them); only ``bootstrap`` refers to
it, when a workspace first asks for its registries (see ``[tool.importlinter]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from fairshore.attention.model import Notifier
from fairshore.config import Settings
from fairshore.contracts.providers import ClauseEntry, ClauseProviders
from fairshore.governance.due import AlertProvider
from fairshore.interactions.adapters import FormatAdapters, default_adapters


def clause_providers() -> ClauseProviders:
    """Every ethical clause Fairshore measures, and who measures it."""
    from fairshore.contracts.audit_rights import measure_audit_rights, measure_audit_rights_periods
    from fairshore.people.providers import clause_entries
    from fairshore.privacy.services import (
        breach_notification_hours,
        measure_data_residency,
        measure_data_residency_periods,
    )

    return ClauseProviders(
        [
            *clause_entries(),
            ClauseEntry("breach_notification_hours", breach_notification_hours),
            ClauseEntry("audit_rights", measure_audit_rights, measure_audit_rights_periods),
            ClauseEntry("data_residency", measure_data_residency, measure_data_residency_periods),
        ]
    )


def alert_providers() -> tuple[AlertProvider, ...]:
    """What capabilities have coming due, beyond the findings register's own alerts."""
    from fairshore.people.alerts import voice_alerts
    from fairshore.privacy.alerts import incident_clock_alerts
    from fairshore.vetting.alerts import certificate_alerts, questionnaire_alerts
    from fairshore.vetting.audit_plan import audit_alerts

    return (
        audit_alerts, certificate_alerts, incident_clock_alerts, questionnaire_alerts,
        voice_alerts,
    )  # fmt: skip


@dataclass
class Registries:
    """The registries a workspace runs with; each built on first use, so ingesting a
    file does not import the people or privacy features (spaCy, Presidio)."""

    @cached_property
    def clause_providers(self) -> ClauseProviders:
        return clause_providers()

    @cached_property
    def alert_providers(self) -> tuple[AlertProvider, ...]:
        return alert_providers()

    @cached_property
    def formats(self) -> FormatAdapters:
        return default_adapters()

    def notifier(self, settings: Settings) -> Notifier | None:
        """How notices leave: SMTP as ``FAIRSHORE_SMTP_*`` says, or None (not set)."""
        from fairshore.adapters.mail import smtp_notifier

        return smtp_notifier(settings)


def default_registries() -> Registries:
    """The registries of a workspace opened without registries of its own."""
    return Registries()
