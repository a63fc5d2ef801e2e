"""Secret keys of a workspace, one per purpose: derived from ``FAIRSHORE_SECRET_KEY``, or kept
in a key file of the workspace folder.

In production the secret key is required (settings refuse to start without it) and
each purpose gets its own key derived from it, so that no purpose reuses another's key.
In development and tests a random 32-byte key is created on first use in
``<home>/<file>`` (mode 0600, outside the database) and reused. There is no built-in
default key: a default would be known to anyone who has the source.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from fairshore.config import Settings
from fairshore.errors import FairshoreError


def workspace_key(
    settings: Settings, *, purpose: bytes, key_file: str, error: type[FairshoreError]
) -> bytes:
    """The key for ``purpose`` (raising ``error`` when there is none to be had)."""
    if settings.secret_key is not None:
        secret = settings.secret_key.get_secret_value().encode("utf-8")
        return hmac.new(secret, purpose, hashlib.sha256).digest()
    if settings.env == "production":
        raise error(f"FAIRSHORE_SECRET_KEY must be set in production ({purpose.decode()})")
    return key_file_secret(settings.home / key_file, error=error)


def key_file_secret(path: Path, *, error: type[FairshoreError]) -> bytes:
    """The secret in ``path``, created (32 random bytes, mode 0600) when missing."""
    try:
        if path.exists():
            secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
            if len(secret) < 16:
                raise error(f"the key file {path} is too short; delete it to make a new one")
            return secret
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secret.hex() + "\n")
        return secret
    except FileExistsError:  # another process created it first: use theirs
        return key_file_secret(path, error=error)
    except (OSError, ValueError) as exc:
        raise error(f"cannot read or create the key file {path}: {exc}") from None
