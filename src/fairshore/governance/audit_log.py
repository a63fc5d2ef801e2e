"""The append-only, hash-chained audit log: every change and every export, tamper-evident.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own
canonical JSON, so changing, deleting or reordering any entry breaks every hash
after it; ``verify_chain`` finds the first broken link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One recorded event."""

    id: int
    at: datetime
    organisation_id: str
    actor: str
    action: str
    target: str
    details: dict[str, object]
    prev_hash: str
    hash: str


def entry_hash(
    prev_hash: str,
    *,
    at: datetime,
    organisation_id: str,
    actor: str,
    action: str,
    target: str,
    details: dict[str, object],
) -> str:
    """The hash that chains an entry to the one before it."""
    body = json.dumps(
        {
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "organisation_id": organisation_id,
            "actor": actor,
            "action": action,
            "target": target,
            "details": details,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    """The result of verifying the chain."""

    entries: int
    ok: bool
    first_bad_id: int | None
    problem: str | None


def verify_chain(entries: Iterable[AuditEntry]) -> ChainCheck:
    """Recompute every hash in order; report the first entry that does not match."""
    prev = GENESIS
    count = 0
    for entry in entries:
        count += 1
        if entry.prev_hash != prev:
            return ChainCheck(count, False, entry.id, "an entry before it was removed or changed")
        expected = entry_hash(
            prev,
            at=entry.at,
            organisation_id=entry.organisation_id,
            actor=entry.actor,
            action=entry.action,
            target=entry.target,
            details=entry.details,
        )
        if expected != entry.hash:
            return ChainCheck(count, False, entry.id, "the entry's content was changed")
        prev = entry.hash
    return ChainCheck(count, True, None, None)
