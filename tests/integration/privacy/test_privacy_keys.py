"""The pseudonym key: from the secret key, or a workspace file made at first use."""

from __future__ import annotations

import stat
from pathlib import Path

from fairshore.config import load_settings
from fairshore.privacy.keys import KEY_FILE, pseudonym_key


def test_key_file_created_once_private(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path)
    first = pseudonym_key(settings)
    path = tmp_path / KEY_FILE
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert pseudonym_key(settings).key_id == first.key_id
    assert pseudonym_key(load_settings(home=tmp_path / "other")).key_id != first.key_id


def test_secret_key_wins_and_is_derived(tmp_path: Path) -> None:
    secret = "s" * 40
    key = pseudonym_key(load_settings(home=tmp_path, secret_key=secret))
    assert key.secret != secret.encode() and not (tmp_path / KEY_FILE).exists()
    assert key.key_id == pseudonym_key(load_settings(home=tmp_path / "b", secret_key=secret)).key_id
