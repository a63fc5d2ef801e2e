"""Use cases of contests: a vendor disputes an item of its scorecard; analysts resolve."""

from __future__ import annotations

from datetime import UTC, datetime

from fairshore.adapters.db import vetting_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.errors import InputError, NotFoundError, VettingError
from fairshore.vetting.model import Contest, ContestStatus, Rubric
from fairshore.vetting.rubric import get_rubric
from fairshore.vetting.services.assessments import _vendor
from fairshore.vetting.submissions import MEASUREMENT_ITEM


def contestable_items(rubric: Rubric) -> dict[str, str]:
    """Every item a vendor may contest, with its label: each question's answer, and each
    claim's measured figure (``measured:<claim key>``)."""
    items = {q.id: q.text for q in rubric.questions}
    items.update(
        {
            f"{MEASUREMENT_ITEM}{q.claim.key}": f"measured {q.claim.label}"
            for q in rubric.questions
            if q.claim is not None
        }
    )
    return items


def contest_item(ws: Workspace, vendor_id: str, question_id: str, reason: str) -> Contest:
    """Record a vendor's dispute of one item of its scorecard: an answer's question id,
    or ``measured:<claim key>`` for the measured figure that tests a claim."""
    rubric = get_rubric()
    if question_id not in contestable_items(rubric):
        raise NotFoundError(
            f"unknown item {question_id!r} in {rubric.ref}: a question id, or "
            f"{MEASUREMENT_ITEM}<claim key> for a measured figure"
        )
    if not reason.strip():
        raise InputError("a contest needs a reason")
    _vendor(ws, vendor_id)
    with ws.db.begin() as conn:
        return repo.add_contest(conn, ws.organisation_id, vendor_id, question_id, reason.strip())


def resolve_contest(
    ws: Workspace, contest_id: int, *, status: ContestStatus | str, resolution: str
) -> Contest:
    """Close a contest as upheld or rejected, saying why."""
    outcome: ContestStatus | None = next((v for v in ("upheld", "rejected") if v == status), None)
    if outcome is None:
        raise InputError("a contest is resolved as 'upheld' or 'rejected'")
    if not resolution.strip():
        raise InputError("say how the contest was resolved (--resolution)")
    with ws.db.begin() as conn:
        found = repo.get_contest(conn, ws.organisation_id, contest_id)
        if found is None:
            raise NotFoundError(f"unknown contest {contest_id}")
        if found.status != "open":
            raise VettingError(f"contest {contest_id} is already {found.status}")
        repo.resolve_contest(conn, contest_id, outcome, resolution.strip(), datetime.now(UTC))
        resolved = repo.get_contest(conn, ws.organisation_id, contest_id)
    assert resolved is not None
    return resolved


def list_contests(ws: Workspace, vendor_id: str | None = None) -> list[Contest]:
    """Contests of one vendor, or of all."""
    with ws.db.begin() as conn:
        return repo.list_contests(conn, ws.organisation_id, vendor_id)


def upheld_measurement_contests(ws: Workspace, vendor_id: str) -> frozenset[str]:
    """Claim keys whose measurement the vendor contested successfully (set aside)."""
    return frozenset(
        key
        for c in list_contests(ws, vendor_id)
        if c.status == "upheld" and (key := c.measured_claim) is not None
    )
