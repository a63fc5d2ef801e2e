"""Authorisation rows of the Sources page: the client's feeds, hidden from vendors."""

from __future__ import annotations

ROLES = ("admin", "analyst", "auditor", "executive", "vendor")
CLIENT_SIDE = {r: (404 if r == "vendor" else 200) for r in ROLES}

MATRIX = {("GET", "/sources"): [("/sources", CLIENT_SIDE, 303)]}
WRITES = {("POST", "/sources/{source_id}/sync")}
# Another organisation's admin may not start (nor learn of) this organisation's source.
PAIRS = [
    ("admin@other.example", "POST", "/sources/mnl-zendesk/sync", "/sources/nope-zendesk/sync",
     {}),
]  # fmt: skip
