"""Rows of the authorisation matrix for the findings register's exports."""

from __future__ import annotations

from tests.e2e.web.conftest import ROLES

OWN, OTHER_VENDOR, OTHER_TENANT = "telco-mnl", "telco-blr", "other-e"
# A vendor has no export right (403 whatever it asks); others get what they may read.
ALL = {r: (403 if r == "vendor" else 200) for r in ROLES}
NONE = {r: (403 if r == "vendor" else 404) for r in ROLES}

MATRIX = {
    ("GET", f"/findings.{kind}"): [
        (f"/findings.{kind}", ALL, 303),
        (f"/findings.{kind}?engagement={OWN}", ALL, 303),
        (f"/findings.{kind}?engagement={OTHER_VENDOR}", ALL, 303),
        (f"/findings.{kind}?engagement={OTHER_TENANT}", NONE, 303),
    ]
    for kind in ("csv", "xlsx")
}
WRITES: set[tuple[str, str]] = set()
PAIRS = [
    ("admin@other.example", "GET", f"/findings.xlsx?engagement={OWN}",
     "/findings.xlsx?engagement=nope", {}),
]  # fmt: skip
