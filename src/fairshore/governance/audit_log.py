"""The append-only, keyed hash-chained audit log: every change and every export, tamper-evident.

Each entry's hash is HMAC-SHA256, under a key the database does not hold, over the
previous entry's hash and the entry's own canonical JSON. Changing, deleting or
reordering any entry breaks every hash after it, and someone who can write the table
but not read the key cannot recompute the chain after an edit. ``verify_chain`` finds
the first broken link.

A chain alone cannot show that its newest entries, or all of them, were deleted: the
shorter table is still a valid chain. A *checkpoint* anchors the head outside the
table: the number of entries, the hash of the last one, when, and an HMAC signature.
The table must still hold at least that many entries with that hash at that position.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
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


def _body(
    *,
    at: datetime,
    organisation_id: str,
    actor: str,
    action: str,
    target: str,
    details: dict[str, object],
) -> str:
    return json.dumps(
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


def entry_hash(
    prev_hash: str,
    *,
    key: bytes,
    at: datetime,
    organisation_id: str,
    actor: str,
    action: str,
    target: str,
    details: dict[str, object],
) -> str:
    """The keyed hash that chains an entry to the one before it (HMAC-SHA256)."""
    body = _body(
        at=at,
        organisation_id=organisation_id,
        actor=actor,
        action=action,
        target=target,
        details=details,
    )
    return hmac.new(key, (prev_hash + body).encode("utf-8"), hashlib.sha256).hexdigest()


def legacy_entry_hash(entry: AuditEntry, prev_hash: str) -> str:
    """The unkeyed SHA-256 link of logs written before the chain was keyed."""
    body = _body(
        at=entry.at,
        organisation_id=entry.organisation_id,
        actor=entry.actor,
        action=entry.action,
        target=entry.target,
        details=entry.details,
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def rehash(entry: AuditEntry, prev_hash: str, *, key: bytes) -> str:
    """``entry``'s keyed hash after ``prev_hash``."""
    return entry_hash(
        prev_hash,
        key=key,
        at=entry.at,
        organisation_id=entry.organisation_id,
        actor=entry.actor,
        action=entry.action,
        target=entry.target,
        details=entry.details,
    )


def legacy_chain_intact(entries: Sequence[AuditEntry]) -> bool:
    """Whether ``entries`` form an unbroken unkeyed SHA-256 chain (the pre-key format)."""
    prev = GENESIS
    for entry in entries:
        if entry.prev_hash != prev or legacy_entry_hash(entry, prev) != entry.hash:
            return False
        prev = entry.hash
    return True


@dataclass(frozen=True)
class Checkpoint:
    """The head of the chain at one moment, signed with the audit key."""

    entries: int
    head_hash: str
    at: datetime
    signature: str

    def to_json(self) -> str:
        """The checkpoint as a JSON document (what ``audit-log checkpoint --out`` writes)."""
        data = asdict(self) | {"at": self.at.astimezone(UTC).isoformat()}
        return json.dumps({"format": "fairshore-audit-checkpoint/1", **data}, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        """Read a checkpoint written by ``to_json``; ``ValueError`` names what is wrong."""
        try:
            data = json.loads(text)
            return cls(
                entries=int(data["entries"]),
                head_hash=str(data["head_hash"]),
                at=datetime.fromisoformat(str(data["at"])),
                signature=str(data["signature"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not an audit-log checkpoint ({exc})") from None


def _checkpoint_mac(key: bytes, *, entries: int, head_hash: str, at: datetime) -> str:
    message = f"checkpoint|{entries}|{head_hash}|{at.astimezone(UTC).isoformat()}"
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def sign_checkpoint(key: bytes, *, entries: int, head_hash: str, at: datetime) -> Checkpoint:
    """A checkpoint of a chain of ``entries`` entries whose last hash is ``head_hash``."""
    mac = _checkpoint_mac(key, entries=entries, head_hash=head_hash, at=at)
    return Checkpoint(entries=entries, head_hash=head_hash, at=at, signature=mac)


def _checkpoint_problem(
    checkpoint: Checkpoint, entries: Sequence[AuditEntry], *, key: bytes
) -> str | None:
    expected = _checkpoint_mac(
        key, entries=checkpoint.entries, head_hash=checkpoint.head_hash, at=checkpoint.at
    )
    if not hmac.compare_digest(expected.encode(), checkpoint.signature.encode()):
        return "the checkpoint's signature does not match (another key, or the file was edited)"
    when = checkpoint.at.astimezone(UTC).isoformat(timespec="seconds")
    if len(entries) < checkpoint.entries:
        return (
            f"the log holds {len(entries)} entries but the checkpoint of {when} recorded "
            f"{checkpoint.entries}: entries were deleted"
        )
    if checkpoint.entries and entries[checkpoint.entries - 1].hash != checkpoint.head_hash:
        return f"entry {checkpoint.entries} differs from the checkpoint of {when}"
    return None


@dataclass(frozen=True)
class ChainCheck:
    """The result of verifying the chain (and any checkpoints)."""

    entries: int
    ok: bool
    first_bad_id: int | None
    problem: str | None
    head_hash: str | None = None
    checkpoints: int = 0


def verify_chain(
    entries: Iterable[AuditEntry], *, key: bytes, checkpoints: Sequence[Checkpoint] = ()
) -> ChainCheck:
    """Recompute every keyed hash in order, then hold the table against each checkpoint."""
    rows = list(entries)
    prev = GENESIS
    for count, entry in enumerate(rows, start=1):
        if entry.prev_hash != prev:
            return ChainCheck(count, False, entry.id, "an entry before it was removed or changed")
        if not hmac.compare_digest(rehash(entry, prev, key=key).encode(), entry.hash.encode()):
            return ChainCheck(count, False, entry.id, "the entry's content was changed")
        prev = entry.hash
    head = rows[-1].hash if rows else None
    for checkpoint in checkpoints:
        problem = _checkpoint_problem(checkpoint, rows, key=key)
        if problem is not None:
            return ChainCheck(len(rows), False, None, problem, head, len(checkpoints))
    return ChainCheck(len(rows), True, None, None, head, len(checkpoints))
