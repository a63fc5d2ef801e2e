"""The corrective-action workflow of a finding: which changes are legal, and when.

open -> action_planned -> awaiting_verification -> closed, and back from
awaiting_verification to action_planned when verification fails (SMETA: every
non-compliance gets a corrective action, a timescale and a verification, desktop or
on-site follow-up).
"""

from __future__ import annotations

from datetime import date, timedelta

from fairshore.errors import GovernanceError
from fairshore.governance.model import (
    DEFAULT_DEADLINE_DAYS,
    SEVERITY_RANK,
    FindingRecord,
    FindingStatus,
    Severity,
)

ACTIVE_STATUSES: tuple[FindingStatus, ...] = ("open", "action_planned", "awaiting_verification")
TRANSITIONS: dict[FindingStatus, tuple[FindingStatus, ...]] = {
    "open": ("action_planned",),
    "action_planned": ("awaiting_verification",),
    "awaiting_verification": ("closed", "action_planned"),
    "closed": (),
}


def default_due_on(severity: Severity, *, opened_on: date) -> date:
    """The default deadline of a new finding of this severity."""
    return opened_on + timedelta(days=DEFAULT_DEADLINE_DAYS[severity])


def check_transition(
    record: FindingRecord,
    new_status: FindingStatus,
    *,
    corrective_action: str | None,
    owner: str | None,
    verification_method: str | None,
    note: str | None,
) -> None:
    """Raise ``GovernanceError`` unless moving ``record`` to ``new_status`` is legal now."""
    if new_status == record.status:
        return
    allowed = TRANSITIONS[record.status]
    if new_status not in allowed:
        options = ", ".join(allowed) or "nothing (it is closed)"
        raise GovernanceError(
            f"finding {record.id} is {record.status}: it can move to {options}, not to {new_status}"
        )
    if new_status == "action_planned" and not (corrective_action or record.corrective_action):
        raise GovernanceError("a corrective action plan is needed before action_planned")
    if new_status == "action_planned" and not (owner or record.owner):
        raise GovernanceError("an owner is needed before action_planned")
    if new_status == "awaiting_verification" and not (
        verification_method or record.verification_method
    ):
        raise GovernanceError("choose how the action will be verified (desktop or follow_up) first")
    if new_status == "closed" and not note:
        raise GovernanceError("closing needs a note saying how the action was verified")


def is_overdue(status: FindingStatus, due_on: date, *, today: date) -> bool:
    """An item not closed by its due date is overdue."""
    return status != "closed" and due_on < today


def more_severe(a: Severity, b: Severity) -> Severity:
    """The more severe of two severities."""
    return a if SEVERITY_RANK[a] >= SEVERITY_RANK[b] else b
