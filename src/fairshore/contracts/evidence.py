"""The contacts behind a contract term's monthly figure: its metric, options and scope."""

from __future__ import annotations

from fairshore.bootstrap import Workspace
from fairshore.contracts.services import contract_in_effect
from fairshore.errors import NotFoundError
from fairshore.metrics.evidence import ContactSample, contacts_behind
from fairshore.metrics.periods import parse_period


def term_contacts(
    ws: Workspace,
    *,
    engagement_id: str,
    term_id: str,
    month: str,
    limit: int = 25,
    offset: int = 0,
) -> ContactSample:
    """The contacts a service term judged in ``month``, as the contract in effect then
    measures them (its metric, ``options`` and ``scope``); see ``contacts_behind``."""
    _, contract = contract_in_effect(ws, engagement_id, parse_period(month))
    term = next((t for t in contract.service_terms if t.id == term_id), None)
    if term is None:
        raise NotFoundError(
            f"contract {contract.id} v{contract.version} has no service term {term_id!r}"
        )
    return contacts_behind(
        ws,
        engagement_id=engagement_id,
        metric=term.metric,
        month=month,
        options=term.options,
        where=term.scope,
        limit=limit,
        offset=offset,
    )
