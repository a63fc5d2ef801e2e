"""Where the pseudonym key comes from: ``FAIRSHORE_SECRET_KEY``, or a workspace key file.

In production the secret key is required (settings refuse to start without it). In
development and tests a random 32-byte key is created on first use in
``<home>/privacy.key`` (mode 0600) and reused, so pseudonyms stay stable for the
workspace. There is no built-in default key: a default would make every install's
pseudonyms reversible by anyone who has the source.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from fairshore.config import Settings
from fairshore.errors import PrivacyError
from fairshore.privacy.pseudonyms import PseudonymKey

KEY_FILE = "privacy.key"


def pseudonym_key(settings: Settings) -> PseudonymKey:
    """The workspace's pseudonym key (created at first use outside production)."""
    if settings.secret_key is not None:
        secret = settings.secret_key.get_secret_value().encode("utf-8")
        # Derive a separate key so pseudonyms never reuse the session-signing key as is.
        return PseudonymKey(hmac.new(secret, b"fairshore/pseudonyms/v1", hashlib.sha256).digest())
    if settings.env == "production":
        raise PrivacyError("FAIRSHORE_SECRET_KEY must be set in production to key pseudonyms")
    return PseudonymKey(_key_file(settings.home / KEY_FILE))


def _key_file(path: Path) -> bytes:
    try:
        if path.exists():
            secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
            if len(secret) < 16:
                raise PrivacyError(f"the key file {path} is too short; delete it to make a new one")
            return secret
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secret.hex() + "\n")
        return secret
    except FileExistsError:  # another process created it first: use theirs
        return _key_file(path)
    except (OSError, ValueError) as exc:
        raise PrivacyError(f"cannot read or create the pseudonym key file {path}: {exc}") from None
