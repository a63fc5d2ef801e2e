"""Use cases of a vendor's answer to a finding: its response, proposed date, attachments,
and the client's acceptance of the proposed date."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from fairshore.adapters.db import governance_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.errors import GovernanceError
from fairshore.governance.model import FindingAttachment, FindingRecord
from fairshore.governance.services import get_finding, update_finding


def respond_to_finding(
    ws: Workspace,
    finding_id: int,
    *,
    actor: str,
    response: str,
    corrective_action: str | None = None,
    owner: str | None = None,
    plan_due_on: date | None = None,
    now: datetime | None = None,
) -> FindingRecord:
    """A vendor's response to a finding: its explanation and, optionally, its action plan.

    With a corrective action and an owner an open finding moves to ``action_planned``
    (the workflow's only move a vendor makes; verifying and closing stay with the
    client). The plan's date is kept as the vendor's *proposed* date beside the finding's
    due date, which only the client moves (``accept_proposed_due``, ``update_finding``).
    """
    now = now or datetime.now(UTC)
    if not response.strip():
        raise GovernanceError("write a response (what happened, what you will do)")
    if len(response) > 5000:
        raise GovernanceError("the response is longer than 5000 characters")
    record, _ = get_finding(ws, finding_id, today=now.date())
    if record.status == "closed":
        raise GovernanceError(f"finding {finding_id} is closed; it cannot change")
    if plan_due_on is not None and plan_due_on < now.date():
        raise GovernanceError(f"the proposed date {plan_due_on} is in the past")
    action = (corrective_action or "").strip() or None
    planned = record.status == "open" and action is not None
    return update_finding(
        ws,
        finding_id,
        actor=actor,
        status="action_planned" if planned else None,
        owner=(owner or "").strip() or None,
        proposed_due=plan_due_on,
        corrective_action=action,
        note=f"response: {response.strip()}",
        now=now,
    )


def accept_proposed_due(
    ws: Workspace, finding_id: int, *, actor: str, now: datetime | None = None
) -> FindingRecord:
    """The client accepts the vendor's proposed date: the due date moves to it (in history)."""
    record, _ = get_finding(ws, finding_id)
    if record.proposed_due is None:
        raise GovernanceError(f"finding {finding_id} has no proposed date to accept")
    if record.proposed_due == record.due_on:
        raise GovernanceError(f"the due date is already {record.due_on}")
    return update_finding(
        ws,
        finding_id,
        actor=actor,
        due_on=record.proposed_due,
        note=f"accepted the vendor's proposed date {record.proposed_due}",
        now=now,
    )


def attach_to_finding(
    ws: Workspace, finding_id: int, file: Path, *, actor: str, now: datetime | None = None
) -> FindingAttachment:
    """Store a checked file under ``<workspace>/evidence/<sha256>`` and attach it.

    The caller checks the file's type and size (the evidence upload's rules); the
    attachment is recorded in the finding's history.
    """
    now = now or datetime.now(UTC)
    record, _ = get_finding(ws, finding_id, today=now.date())
    if record.status == "closed":
        raise GovernanceError(f"finding {finding_id} is closed; it cannot change")
    content = file.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    target = ws.folder("evidence") / digest
    if not target.exists():
        shutil.copyfile(file, target)
    attachment = FindingAttachment(
        id=0,
        finding_id=finding_id,
        sha256=digest,
        filename=file.name,
        size=len(content),
        added_by=actor,
        added_at=now,
    )
    with ws.db.begin() as conn:
        new_id = repo.add_attachment(conn, ws.organisation_id, attachment)
        repo.add_history(
            conn,
            finding_id,
            at=now,
            actor=actor,
            event="attached",
            changes={"attachment": file.name},
        )
    return attachment.model_copy(update={"id": new_id})


def list_attachments(ws: Workspace, finding_id: int) -> list[FindingAttachment]:
    """The files attached to one finding of this organisation, oldest first."""
    with ws.db.begin() as conn:
        return repo.attachments_of(conn, ws.organisation_id, finding_id)


def attachment_content(ws: Workspace, attachment: FindingAttachment) -> bytes:
    """The stored bytes of an attachment."""
    return (ws.folder("evidence") / attachment.sha256).read_bytes()
