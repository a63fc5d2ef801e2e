"""Use cases of the audit log's integrity: its key, checkpoints, verification, re-keying.

The chain is keyed with HMAC-SHA256 under a key derived from ``FAIRSHORE_SECRET_KEY``
(in development, a random key in ``<home>/audit.key``, mode 0600, outside the
database). After every append the new head is written, signed, to
``<home>/audit-checkpoint.json``, so deleting the newest entries, or all of them, is
found without any file from the operator; ``checkpoint`` exports the same signed head
for the operator to keep elsewhere, and ``verify_audit_log(checkpoint=...)`` holds the
table against it.

Logs written before the chain was keyed (plain SHA-256) are re-keyed once when the
workspace opens, if their plain chain is intact and no checkpoint exists yet; the
re-keying is itself an entry of the log.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from fairshore.adapters.db import accounts_repository as repo
from fairshore.adapters.db.database import AuditChain, Database
from fairshore.config import Settings
from fairshore.errors import InputError, WorkspaceError
from fairshore.governance.audit_log import (
    GENESIS,
    ChainCheck,
    Checkpoint,
    legacy_chain_intact,
    rehash,
    sign_checkpoint,
    verify_chain,
)
from fairshore.workspace_keys import workspace_key

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

KEY_FILE = "audit.key"
CHECKPOINT_FILE = "audit-checkpoint.json"
log = logging.getLogger(__name__)


def audit_key(settings: Settings) -> bytes:
    """The audit log's HMAC key (made at first use outside production)."""
    return workspace_key(
        settings, purpose=b"fairshore/audit-log/v1", key_file=KEY_FILE, error=WorkspaceError
    )


def audit_chain(settings: Settings) -> AuditChain:
    """The key and the after-append checkpoint writer for a workspace's database."""
    key = audit_key(settings)
    return AuditChain(key=key, after_append=partial(_advance_checkpoint, settings.home, key))


def _advance_checkpoint(home: Path, key: bytes, entries: int, head_hash: str) -> None:
    try:
        stored = read_checkpoint(home / CHECKPOINT_FILE)
    except InputError:
        stored = None  # unreadable: verify reports it; the newest head still gets written
    if stored is not None and stored.entries > entries:
        return  # another process already wrote a later head
    cp = sign_checkpoint(key, entries=entries, head_hash=head_hash, at=datetime.now(UTC))
    try:
        write_checkpoint(cp, home / CHECKPOINT_FILE)
    except OSError as exc:  # the entry is committed; the next append or verify writes it
        log.warning("cannot write the audit-log checkpoint %s: %s", home / CHECKPOINT_FILE, exc)


def write_checkpoint(checkpoint: Checkpoint, path: Path) -> None:
    """Write ``checkpoint`` whole (a temporary file renamed over the old one), mode 0600."""
    # A name of its own per writer: web requests append from several threads at once.
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(checkpoint.to_json())
    draft.replace(path)


def read_checkpoint(path: Path) -> Checkpoint | None:
    """The checkpoint in ``path``; None when there is no such file."""
    try:
        return Checkpoint.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the checkpoint {path}: {exc}") from None


def verify_audit_log(ws: Workspace, *, checkpoint: Path | None = None) -> ChainCheck:
    """Recompute the keyed chain; hold it against the workspace's checkpoint and ``checkpoint``.

    ``checkpoint`` is a file from ``make_checkpoint``; a missing one is an error.
    """
    anchors = []
    if checkpoint is not None:
        given = read_checkpoint(checkpoint)
        if given is None:
            raise InputError(f"no checkpoint file {checkpoint}")
        anchors.append(given)
    stored = read_checkpoint(ws.home / CHECKPOINT_FILE)
    if stored is not None:
        anchors.append(stored)
    with ws.db.begin() as conn:
        entries = repo.audit_entries(conn)
    return verify_chain(entries, key=audit_key(ws.settings), checkpoints=anchors)


@dataclass(frozen=True)
class CheckpointMade:
    """A checkpoint and the check of the chain it was taken from."""

    checkpoint: Checkpoint
    check: ChainCheck


def make_checkpoint(ws: Workspace, *, out: Path, now: datetime | None = None) -> CheckpointMade:
    """Sign the current head into ``out``; refused when the log does not verify."""
    check = verify_audit_log(ws)
    if not check.ok:
        raise InputError(f"the audit log does not verify ({check.problem}): no checkpoint made")
    cp = sign_checkpoint(
        audit_key(ws.settings),
        entries=check.entries,
        head_hash=check.head_hash or GENESIS,
        at=now or datetime.now(UTC),
    )
    try:
        write_checkpoint(cp, out)
    except OSError as exc:
        raise InputError(f"cannot write the checkpoint {out}: {exc}") from None
    return CheckpointMade(checkpoint=cp, check=check)


def rekey_legacy_chain(db: Database, settings: Settings, *, now: datetime | None = None) -> int:
    """Key an unkeyed (plain SHA-256) log once; return how many entries were re-keyed.

    Only an intact plain chain in a workspace that has no checkpoint yet is re-keyed: a
    checkpoint means the log was keyed before, so a plain chain now is a forgery.
    """
    chain = audit_chain(settings)
    with db.begin() as conn:
        first = repo.first_audit_entry(conn)
        if first is None or rehash(first, GENESIS, key=chain.key) == first.hash:
            return 0
        if (settings.home / CHECKPOINT_FILE).exists():
            return 0  # keyed before: verify reports the plain chain as tampered
        entries = repo.audit_entries(conn)
        if not legacy_chain_intact(entries):
            return 0  # tampered before the upgrade: verify keeps saying so
        prev, rewritten = GENESIS, []
        for entry in entries:
            digest = rehash(entry, prev, key=chain.key)
            rewritten.append((entry.id, prev, digest))
            prev = digest
        repo.rewrite_audit_hashes(conn, rewritten)
        repo.append_audit(
            conn,
            at=now or datetime.now(UTC),
            organisation_id=first.organisation_id,
            actor="fairshore",
            action="audit_log.rekey",
            target="audit_log",
            details={"entries": len(entries), "plain_sha256_head": entries[-1].hash},
        )
    return len(entries)
