"""What payroll measured over an audited year, for the audit's score (people measures it,
the register scores with it: ``governance.services.add_audit(measured=...)``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from fairshore.bootstrap import Workspace
from fairshore.errors import FairshoreError
from fairshore.governance.audits import AuditScore, MeasuredPay, score_audit
from fairshore.governance.model import Audit
from fairshore.metrics.periods import month_of, period_between
from fairshore.people.welfare_services import people_report

AUDITED_MONTHS = 12  # the payroll an on-site audit samples: the year before its date


def measured_pay(ws: Workspace, engagement_id: str, *, audited_on: date) -> MeasuredPay | None:
    """Shares of agents below the minimum and the living wage in the audited year.

    The worst site counts (one badly paid site is not averaged away); ``None`` when
    no payroll was received for the year.
    """
    span = period_between(month_of(audited_on).shift(1 - AUDITED_MONTHS).start, audited_on)
    try:
        report = people_report(ws, engagement_id, period=span)
    except FairshoreError:
        return None
    sites = [s for s in report.pay.sites if s.agents > 0]
    if not sites:
        return None
    return MeasuredPay(
        period=span.label,
        share_below_minimum=_worst(s.share_below_minimum for s in sites),
        share_below_living_wage=_worst(s.share_below_living_wage for s in sites),
        agents=sum(s.agents for s in sites),
    )


def _worst(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def score_recorded_audit(ws: Workspace, audit: Audit) -> AuditScore:
    """The audit's score with the payroll's wage nonconformities counted beside it."""
    return score_audit(
        audit, measured=measured_pay(ws, audit.engagement_id, audited_on=audit.audited_on)
    )
