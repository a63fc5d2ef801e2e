"""Finding owners: who in the organisation owns a finding, and engagements' defaults.

An owner is a user of the finding's organisation whose role may act on findings
(``update_finding``: admins and analysts), so the person a finding is assigned to can
plan, verify and close it. Each assignment is kept in the finding's history and in the
audit log, and the new owner is told by e-mail (``services.notify``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from fairshore.accounts import services as accounts
from fairshore.accounts.model import PERMISSIONS
from fairshore.adapters.db import accounts_repository as users_repo
from fairshore.adapters.db import governance_repository as findings_repo
from fairshore.adapters.db import owners_repository as repo
from fairshore.attention import notices
from fairshore.attention.services import notify
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement
from fairshore.errors import GovernanceError, InputError
from fairshore.governance import services as governance
from fairshore.governance.model import FindingRecord


def check_owner(ws: Workspace, email: str) -> str:
    """The e-mail of a user of this organisation who may own findings, else ``InputError``."""
    email = email.strip().lower()
    with ws.db.begin() as conn:
        row = users_repo.user_by_email(conn, email)
    if row is None or row["organisation_id"] != ws.organisation_id:
        # InputError, not NotFoundError: the finding was found, the value given is wrong
        raise InputError(f"no user {email!r} in this organisation (see 'fairshore user list')")
    if "update_finding" not in PERMISSIONS[row["role"]]:
        raise InputError(
            f"{email} is {row['role']}: a finding's owner must be an admin or analyst "
            "(a role that may act on findings)"
        )
    return str(row["email"])


def eligible_owners(ws: Workspace) -> list[str]:
    """E-mails of the organisation's users who may own findings, sorted."""
    with ws.db.begin() as conn:
        rows = users_repo.list_users(conn, ws.organisation_id)
    return sorted(r["email"] for r in rows if "update_finding" in PERMISSIONS[r["role"]])


def assign_finding(
    ws: Workspace, finding_id: int, *, to: str | None, actor: str, now: datetime | None = None
) -> FindingRecord:
    """Give a finding an owner (``to=None``: none); history, audit log and an e-mail."""
    now = now or datetime.now(UTC)
    owner = check_owner(ws, to) if to else None
    record, _ = governance.get_finding(ws, finding_id, today=now.date())
    if record.status == "closed":
        raise GovernanceError(f"finding {finding_id} is closed; it cannot change")
    if owner == record.assignee:
        return record
    with ws.db.begin() as conn:
        repo.set_assignee(conn, finding_id, owner)
        findings_repo.add_history(
            conn,
            finding_id,
            at=now,
            actor=actor,
            event="assigned",
            changes={"assignee": owner or "nobody"},
        )
    accounts.log_event(
        ws,
        actor=actor,
        action="finding.assign",
        target=f"finding:{finding_id}",
        details={"assignee": owner, "previous": record.assignee},
    )
    fresh, _ = governance.get_finding(ws, finding_id, today=now.date())
    if owner is not None and owner != actor:
        notify(ws, notices.assigned(ws.settings, fresh, by=actor), now=now)
    return fresh


def default_owner(ws: Workspace, engagement_id: str) -> str | None:
    """The owner new findings of this engagement get, if any."""
    get_engagement(ws, engagement_id)
    with ws.db.begin() as conn:
        return repo.default_owner(conn, ws.organisation_id, engagement_id)


def set_default_owner(
    ws: Workspace,
    engagement_id: str,
    *,
    owner: str | None,
    actor: str,
    now: datetime | None = None,
) -> str | None:
    """Set (``owner=None``: clear) who owns the engagement's new findings; audit-logged."""
    get_engagement(ws, engagement_id)
    checked = check_owner(ws, owner) if owner else None
    with ws.db.begin() as conn:
        repo.set_default_owner(
            conn,
            ws.organisation_id,
            engagement_id,
            owner=checked,
            actor=actor,
            now=now or datetime.now(UTC),
        )
    accounts.log_event(
        ws,
        actor=actor,
        action="engagement.default_owner",
        target=f"engagement:{engagement_id}",
        details={"owner": checked},
    )
    return checked
