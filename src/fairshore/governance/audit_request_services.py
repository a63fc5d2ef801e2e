"""Use cases of the audit register's requests: give notice, record the vendor's answer.

What the requests mean for the contract (``audit_rights``) is judged by
``governance.audit_access`` and measured for contract evaluation by
``contracts.audit_rights``.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from fairshore.adapters.db import governance_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement, validation_message
from fairshore.errors import InputError, NotFoundError
from fairshore.governance.model import AuditAccess, AuditRequest


def add_audit_request(ws: Workspace, request: AuditRequest) -> AuditRequest:
    """Record that the client gave notice of an audit (and the answer, when known)."""
    get_engagement(ws, request.engagement_id)
    with ws.db.begin() as conn:
        request_id = repo.insert_audit_request(conn, ws.organisation_id, request)
    return request.model_copy(update={"id": request_id})


def answer_audit_request(
    ws: Workspace, request_id: int, *, access: AuditAccess, decided_on: date | None
) -> AuditRequest:
    """Record the vendor's answer to request ``request_id``: access granted or refused, when."""
    found = {r.id: r for r in list_audit_requests(ws)}.get(request_id)
    if found is None:
        raise NotFoundError(f"no audit request {request_id}: see 'fairshore audit requests'")
    try:
        answered = AuditRequest.model_validate(
            found.model_dump() | {"access": access, "decided_on": decided_on}
        )
    except ValidationError as exc:
        raise InputError(validation_message(exc)) from None
    with ws.db.begin() as conn:
        repo.update_audit_request(conn, ws.organisation_id, answered)
    return answered


def list_audit_requests(ws: Workspace, engagement_id: str | None = None) -> list[AuditRequest]:
    """The audit requests of the organisation (or one engagement), oldest first."""
    with ws.db.begin() as conn:
        return repo.list_audit_requests(conn, ws.organisation_id, engagement_id)
