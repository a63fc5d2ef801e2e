"""Audit rights in practice: was the client let in to audit when its notice ran out?

A contract's ``audit_rights`` gives the client the right to audit with ``notice_days``'
notice. A request is due by the later of the day notice runs out
(``requested_on + notice_days``) and the first day the client asked to audit
(``audit_from``). The vendor kept the right when it gave access by then; it broke it
when it refused, gave access later, or has still not given it after the due day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from fairshore.governance.model import AuditRequest

Outcome = Literal["in_time", "late", "refused", "pending"]


@dataclass(frozen=True)
class AccessVerdict:
    """One audit request judged against the notice the contract sets."""

    request: AuditRequest
    due_on: date
    outcome: Outcome
    days_to_grant: int | None
    """Days from notice to access (None: not granted)."""

    @property
    def kept(self) -> bool | None:
        """True when access came in time, False when refused or late, None when pending."""
        return None if self.outcome == "pending" else self.outcome == "in_time"


def access_verdict(request: AuditRequest, *, notice_days: int, as_of: date) -> AccessVerdict:
    """Judge ``request`` as of ``as_of`` (a request still pending after its due day is late)."""
    due = request.requested_on + timedelta(days=notice_days)
    if request.audit_from is not None:
        due = max(due, request.audit_from)
    days = None
    if request.access == "refused":
        outcome: Outcome = "refused"
    elif request.access == "granted" and request.decided_on is not None:
        days = (request.decided_on - request.requested_on).days
        outcome = "in_time" if request.decided_on <= due else "late"
    else:
        outcome = "late" if as_of > due else "pending"
    return AccessVerdict(request=request, due_on=due, outcome=outcome, days_to_grant=days)
