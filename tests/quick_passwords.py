"""Fixtures' users stored with argon2id at the lowest cost, so that signing them in is quick.

At production cost (pwdlib's recommended m=64 MiB, t=3, p=4) every hash and every
sign-in costs a third of a second of a core: the web fixtures' ten users and the
matrices' hundreds of sign-ins spent most of their modules' time there. A hash keeps
its parameters, so a user added inside `quick_password_hashes` is also verified at
that cost, by the product's own code; everything else (the algorithm, the dummy hash
spent on unknown accounts, a password a test sets through the app) stays as it ships.
The production parameters are checked in ``tests/unit/accounts/test_password_hash.py``;
``tests/e2e/web/test_served_limits.py`` queues sign-ins on them and does not use this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from fairshore.accounts import passwords

# argon2's minimum memory is 8 KiB per lane
QUICK = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8, parallelism=1),))


@contextmanager
def quick_password_hashes() -> Iterator[None]:
    """Inside: passwords are hashed (argon2id) at the lowest cost argon2 allows."""
    shipped = passwords._HASHER
    passwords._HASHER = QUICK
    try:
        yield
    finally:
        passwords._HASHER = shipped
