"""Where the pseudonym key comes from: ``FAIRSHORE_SECRET_KEY``, or a workspace key file.

In production the secret key is required (settings refuse to start without it). In
development and tests a random 32-byte key is created on first use in
``<home>/privacy.key`` (mode 0600) and reused, so pseudonyms stay stable for the
workspace. There is no built-in default key: a default would make every install's
pseudonyms reversible by anyone who has the source (``fairshore.workspace_keys``).
"""

from __future__ import annotations

from fairshore.config import Settings
from fairshore.errors import PrivacyError
from fairshore.privacy.pseudonyms import PseudonymKey
from fairshore.workspace_keys import workspace_key

KEY_FILE = "privacy.key"


def pseudonym_key(settings: Settings) -> PseudonymKey:
    """The workspace's pseudonym key (created at first use outside production)."""
    # Derived separately so pseudonyms never reuse the session-signing key as is.
    return PseudonymKey(
        workspace_key(
            settings, purpose=b"fairshore/pseudonyms/v1", key_file=KEY_FILE, error=PrivacyError
        )
    )
