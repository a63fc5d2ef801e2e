"""Authorisation rows of the glossary: every signed-in role reads it; anonymous users
are sent to sign in like on every other page."""

from __future__ import annotations

ROLES = ("admin", "analyst", "auditor", "executive", "vendor")

MATRIX = {("GET", "/glossary"): [("/glossary", {r: 200 for r in ROLES}, 303)]}
WRITES: set[tuple[str, str]] = set()
