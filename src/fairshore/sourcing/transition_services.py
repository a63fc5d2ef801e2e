"""Use cases of the staff-transition register: record a team's outcome, list, total."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from fairshore.adapters.db import sourcing_repository as srepo
from fairshore.bootstrap import Workspace
from fairshore.engagements.services import get_engagement, validation_message
from fairshore.errors import InputError
from fairshore.sourcing.redeployment import Transition, TransitionCreate


def add_transition(ws: Workspace, **data: Any) -> Transition:
    """Record what became of a team of the client's staff affected by an engagement."""
    try:
        create = TransitionCreate.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"invalid staff transition: {validation_message(exc)}") from None
    get_engagement(ws, create.engagement_id)
    with ws.db.begin() as conn:
        new_id = srepo.insert_transition(conn, ws.organisation_id, create)
    return Transition(id=new_id, **create.model_dump())


def list_transitions(ws: Workspace, engagement_id: str | None = None) -> list[Transition]:
    """The register, oldest first (only this organisation's)."""
    with ws.db.begin() as conn:
        return srepo.list_transitions(conn, ws.organisation_id, engagement_id)
