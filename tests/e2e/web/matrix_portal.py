"""Authorisation rows of the portal: uploads, vendor due diligence, findings, audits, voice.

Merged into ``test_authorization_matrix.MATRIX``; the writes listed in ``WRITES`` are
tested role by role (own engagement / other vendor / other tenant, with CSRF) in
``test_portal_writes.py``. Ids: the web fixture's findings are 1 (telco-mnl,
northwind), 2 (telco-blr, indigo) and 3 (other-e, another organisation).
"""

from __future__ import annotations

OWN, OTHER_VENDOR, OTHER_TENANT = "telco-mnl", "telco-blr", "other-e"
OWN_VENDOR, OTHER_VENDOR_ID, OTHER_TENANT_VENDOR = "northwind", "indigo", "acme"
ROLES = ("admin", "analyst", "auditor", "executive", "vendor")
ALL = {r: 200 for r in ROLES}
NONE_FOUND = {r: 404 for r in ROLES}


def _vendor_blind(ok: int = 200) -> dict[str, int]:
    return {r: (404 if r == "vendor" else ok) for r in ROLES}


def _only(*roles: str, ok: int = 200, refused: int = 403) -> dict[str, int]:
    return {r: (ok if r in roles else refused) for r in ROLES}


def _vendor_pages(suffix: str) -> list[tuple[str, dict[str, int], int]]:
    return [
        (f"/portal/vendors/{OWN_VENDOR}/{suffix}", ALL, 303),
        (f"/portal/vendors/{OTHER_VENDOR_ID}/{suffix}", _vendor_blind(), 303),
        (f"/portal/vendors/{OTHER_TENANT_VENDOR}/{suffix}", NONE_FOUND, 303),
    ]


def _vendor_exports(suffix: str) -> list[tuple[str, dict[str, int], int]]:
    """A download needs the export right (vendors have none): 403 before any lookup."""
    return [
        (f"/portal/vendors/{OWN_VENDOR}/{suffix}", {**ALL, "vendor": 403}, 303),
        (f"/portal/vendors/{OTHER_VENDOR_ID}/{suffix}", {**ALL, "vendor": 403}, 303),
        (f"/portal/vendors/{OTHER_TENANT_VENDOR}/{suffix}", {**NONE_FOUND, "vendor": 403}, 303),
    ]


MATRIX: dict[tuple[str, str], list[tuple[str, dict[str, int], int]]] = {
    ("GET", "/uploads"): [("/uploads", _only("admin", "analyst", "vendor"), 303)],
    # Batches that exist are checked role by role in test_portal_writes.py.
    ("GET", "/uploads/batches/{batch_id}"): [("/uploads/batches/b-nope", NONE_FOUND, 303)],
    ("GET", "/uploads/batches/{batch_id}/quarantine.csv"): [
        ("/uploads/batches/b-nope/quarantine.csv", {**NONE_FOUND, "vendor": 403}, 303)
    ],
    ("GET", "/api/v1/uploads/{batch_id}"): [("/api/v1/uploads/b-nope", NONE_FOUND, 401)],
    ("GET", "/portal"): [("/portal", ALL, 303)],
    ("GET", "/portal/vendors/{vendor_id}/questionnaire"): _vendor_pages("questionnaire"),
    ("GET", "/portal/vendors/{vendor_id}/questionnaire.xlsx"): _vendor_exports(
        "questionnaire.xlsx"
    ),
    ("GET", "/portal/findings/{finding_id}"): [
        ("/portal/findings/1", ALL, 303),
        ("/portal/findings/2", _vendor_blind(), 303),
        ("/portal/findings/3", NONE_FOUND, 303),
    ],
    # Attachments of a finding: its organisation and its vendor (test_portal_queue.py).
    ("GET", "/portal/findings/{finding_id}/attachments/{attachment_id}"): [
        ("/portal/findings/3/attachments/1", NONE_FOUND, 303),
        ("/portal/findings/1/attachments/9999", NONE_FOUND, 303),
    ],
    ("GET", "/portal/audits"): [("/portal/audits", ALL, 303)],
    ("GET", "/portal/voice"): [("/portal/voice", ALL, 303)],
    # Public: the same answer signed in or not.
    ("GET", "/voice"): [("/voice", ALL, 200), ("/voice?code=NOPE-NOPE", NONE_FOUND, 404)],
    ("GET", "/voice/receipt"): [("/voice/receipt", ALL, 200)],
    ("GET", "/voice/pulse"): [("/voice/pulse?code=NOPE-NOPE", NONE_FOUND, 404)],
}
WRITES = {
    ("POST", "/uploads"),
    ("POST", "/api/v1/uploads"),
    ("POST", "/api/v1/findings/{finding_id}/responses"),
    ("POST", "/portal/vendors/{vendor_id}/questionnaire"),
    ("POST", "/portal/vendors/{vendor_id}/evidence"),
    ("POST", "/portal/vendors/{vendor_id}/contests"),
    ("POST", "/portal/contests/{contest_id}"),
    ("POST", "/portal/findings/{finding_id}/respond"),
    ("POST", "/portal/findings/{finding_id}/update"),
    ("POST", "/portal/findings/{finding_id}/accept-date"),
    ("POST", "/portal/findings/{finding_id}/assign"),
    ("POST", "/api/v1/findings/{finding_id}/assignee"),
    ("POST", "/portal/audits"),
    ("POST", "/portal/voice/channels"),
    ("POST", "/portal/voice/channels/{engagement_id}/close"),
    ("POST", "/portal/voice/cases/{case_id}"),
    ("POST", "/voice"),
    ("POST", "/voice/receipt"),
    ("POST", "/voice/pulse"),
}

# Out of scope and missing answer alike: (who, method, hidden, missing, form). Batch ids
# are filled in by the test ({blr_batch}: telco-blr's, {mnl_batch}: telco-mnl's).
VENDOR_USER, OTHER_ADMIN = "vendor@telco.example", "admin@other.example"
PAIRS: list[tuple[str, str, str, str, dict[str, str]]] = [
    (VENDOR_USER, "GET", "/portal/findings/2", "/portal/findings/9999", {}),
    (
        OTHER_ADMIN,
        "GET",
        "/portal/findings/1/attachments/1",
        "/portal/findings/9999/attachments/1",
        {},
    ),
    (
        OTHER_ADMIN,
        "POST",
        "/portal/findings/1/accept-date",
        "/portal/findings/9999/accept-date",
        {},
    ),
    (OTHER_ADMIN, "GET", "/portal/findings/1", "/portal/findings/9999", {}),
    (VENDOR_USER, "GET", "/uploads/batches/{blr_batch}", "/uploads/batches/b-nope", {}),
    (VENDOR_USER, "GET", "/api/v1/uploads/{blr_batch}", "/api/v1/uploads/b-nope", {}),
    (OTHER_ADMIN, "GET", "/api/v1/uploads/{mnl_batch}", "/api/v1/uploads/b-nope", {}),
    (
        OTHER_ADMIN,
        "GET",
        "/uploads/batches/{mnl_batch}/quarantine.csv",
        "/uploads/batches/b-nope/quarantine.csv",
        {},
    ),
    (
        VENDOR_USER,
        "GET",
        "/portal/vendors/indigo/questionnaire",
        "/portal/vendors/nope/questionnaire",
        {},
    ),
    (
        OTHER_ADMIN,
        "GET",
        "/portal/vendors/northwind/questionnaire.xlsx",
        "/portal/vendors/nope/questionnaire.xlsx",
        {},
    ),
    (
        VENDOR_USER,
        "POST",
        "/portal/findings/2/respond",
        "/portal/findings/9999/respond",
        {"response": "x"},
    ),
    (
        OTHER_ADMIN,
        "POST",
        "/portal/findings/1/update",
        "/portal/findings/9999/update",
        {"note": "x"},
    ),
    (
        OTHER_ADMIN,
        "POST",
        "/portal/findings/1/assign",
        "/portal/findings/9999/assign",
        {"to": "admin@other.example"},
    ),
    (
        VENDOR_USER,
        "POST",
        "/portal/vendors/indigo/questionnaire",
        "/portal/vendors/nope/questionnaire",
        {"q.lab.attrition": "3"},
    ),
    (
        VENDOR_USER,
        "POST",
        "/portal/vendors/indigo/evidence",
        "/portal/vendors/nope/evidence",
        {"type": "iso27001", "issuer": "BSI"},
    ),
    (
        VENDOR_USER,
        "POST",
        "/portal/vendors/indigo/contests",
        "/portal/vendors/nope/contests",
        {"question_id": "lab.attrition", "reason": "x"},
    ),
    (
        OTHER_ADMIN,
        "POST",
        "/portal/voice/channels/telco-mnl/close",
        "/portal/voice/channels/nope/close",
        {},
    ),
    (OTHER_ADMIN, "POST", "/portal/voice/cases/{mnl_case}", "/portal/voice/cases/NOPE-NOPE", {}),
]
