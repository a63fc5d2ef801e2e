"""What capabilities have coming due, as alerts: the alert provider's shape and lead times.

``services.alerts`` collects the findings register's own alerts (findings, audit
plans), then those of each provider in ``ws.registries.alert_providers``, a list the
composition root (:mod:`fairshore.composition`) builds from the capabilities' own
modules, so governance imports none of them:

- certificates (``vetting.alerts``): evidence whose ``valid_until`` falls within 60
  days or has passed, unless a newer document of the same type from the vendor
  outlasts it; questionnaire renewals: an assessment last updated 12 months ago or more;
- incident clocks (``privacy.alerts``): breach notification clocks running or overdue
  (vendor to client, and the GDPR Art. 33 72-hour clock to the supervisory authority);
- worker voice (``people.alerts``): grievances not acknowledged, or not resolved, by
  their deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from fairshore.governance.model import Alert

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

# Lead time for renewals that take weeks to arrange (a recertification, a questionnaire).
RENEWAL_LEAD_DAYS = 60
QUESTIONNAIRE_VALID_MONTHS = 12

AlertProvider = Callable[["Workspace", date, date], list[Alert]]
"""``(ws, today, horizon)`` -> alerts due by ``horizon`` or overdue on ``today``."""


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
