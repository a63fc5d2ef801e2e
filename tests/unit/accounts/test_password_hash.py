"""Passwords are stored as argon2id at the cost it ships with (fixtures lower it for
their own users: ``tests/quick_passwords.py``)."""

from __future__ import annotations

from fairshore.accounts.passwords import hash_password, verify_password
from tests.quick_passwords import quick_password_hashes

PASSWORD = "correct horse battery staple"


def test_a_password_is_hashed_with_the_recommended_argon2id_parameters() -> None:
    # RFC 9106 section 4, second recommended option: 64 MiB, 3 passes (pwdlib's default).
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(PASSWORD, stored) and not verify_password(PASSWORD + "!", stored)


def test_the_fixtures_lowered_cost_ends_with_its_block() -> None:
    with quick_password_hashes():
        quick = hash_password(PASSWORD)
    assert quick.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert verify_password(PASSWORD, quick)  # verified by the parameters it was stored with
    assert hash_password(PASSWORD).startswith("$argon2id$v=19$m=65536,t=3,p=4$")
