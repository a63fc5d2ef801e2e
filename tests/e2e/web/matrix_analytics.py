"""Authorization rows of the analytics pages and API (merged by test_authorization_matrix).

The shared fixture has no lake data, contracts or questionnaires: every page must
answer its "no data yet" state (200), never an error.
"""

from __future__ import annotations

ROLES = ("admin", "analyst", "auditor", "executive", "vendor")
OWN, OTHER_VENDOR, OTHER_TENANT = "telco-mnl", "telco-blr", "other-e"
OWN_VENDOR, OTHER_VENDOR_ID, OTHER_TENANT_VENDOR = "northwind", "indigo", "acme"
QUARTER = "2026-Q3"
ALL = {r: 200 for r in ROLES}
NONE = {r: 404 for r in ROLES}
NOT_VENDOR = {r: (404 if r == "vendor" else 200) for r in ROLES}
EXPORTERS = {r: (403 if r == "vendor" else 200) for r in ROLES}  # vendors may not export
EXPORTERS_OTHER_TENANT = {r: (403 if r == "vendor" else 404) for r in ROLES}

Cases = list[tuple[str, dict[str, int], int]]


def _engagement_scoped(template: str, anonymous: int) -> Cases:
    return [
        (template.format(e=OWN), ALL, anonymous),
        (template.format(e=OTHER_VENDOR), NOT_VENDOR, anonymous),
        (template.format(e=OTHER_TENANT), NONE, anonymous),
    ]


def _vendor_scoped(template: str, anonymous: int) -> Cases:
    return [
        (template.format(v=OWN_VENDOR), ALL, anonymous),
        (template.format(v=OTHER_VENDOR_ID), NOT_VENDOR, anonymous),
        (template.format(v=OTHER_TENANT_VENDOR), NONE, anonymous),
    ]


SECTIONS = ("kpis", "contract", "parity", "people", "privacy", "staffing")
API_SECTIONS = ("kpis", "sla", "contract", "parity", "people", "privacy", "staffing")

MATRIX: dict[tuple[str, str], Cases] = {
    **{
        ("GET", f"/engagements/{{engagement_id}}/{s}"): _engagement_scoped(
            f"/engagements/{{e}}/{s}", 303
        )
        for s in SECTIONS
    },
    **{
        ("GET", f"/api/v1/engagements/{{engagement_id}}/{s}"): _engagement_scoped(
            f"/api/v1/engagements/{{e}}/{s}", 401
        )
        for s in API_SECTIONS
    },
    ("GET", "/scorecards"): [("/scorecards", ALL, 303)],
    ("GET", "/scorecards/{vendor_id}"): _vendor_scoped("/scorecards/{v}", 303),
    ("GET", "/api/v1/scorecards"): [("/api/v1/scorecards", ALL, 401)],
    ("GET", "/api/v1/scorecards/{vendor_id}"): _vendor_scoped("/api/v1/scorecards/{v}", 401),
    ("GET", "/tco"): [("/tco", NOT_VENDOR, 303)],
    ("GET", "/api/v1/tco"): [("/api/v1/tco", NOT_VENDOR, 401)],
    ("GET", "/reports"): [("/reports", ALL, 303)],
    ("GET", "/api/v1/reports"): [("/api/v1/reports", ALL, 401)],
    ("GET", "/reports/qbr/{engagement_id}/{quarter}"): _engagement_scoped(
        f"/reports/qbr/{{e}}/{QUARTER}", 303
    ),
    ("GET", "/reports/qbr/{engagement_id}/{quarter}/html"): _engagement_scoped(
        f"/reports/qbr/{{e}}/{QUARTER}/html", 303
    ),
    ("GET", "/reports/qbr/{engagement_id}/{quarter}/pdf"): [
        (f"/reports/qbr/{OWN}/{QUARTER}/pdf", EXPORTERS, 303),
        (f"/reports/qbr/{OTHER_VENDOR}/{QUARTER}/pdf", EXPORTERS, 303),
        (f"/reports/qbr/{OTHER_TENANT}/{QUARTER}/pdf", EXPORTERS_OTHER_TENANT, 303),
    ],
    ("GET", "/reports/board/{quarter}"): [(f"/reports/board/{QUARTER}", NOT_VENDOR, 303)],
    ("GET", "/reports/board/{quarter}/html"): [(f"/reports/board/{QUARTER}/html", NOT_VENDOR, 303)],
    ("GET", "/reports/board/{quarter}/pdf"): [(f"/reports/board/{QUARTER}/pdf", EXPORTERS, 303)],
}
WRITES: set[tuple[str, str]] = set()

# Out of scope and missing answer alike: (who, method, hidden, missing, form).
VENDOR_USER, OTHER_ADMIN = "vendor@telco.example", "admin@other.example"
PAIRS: list[tuple[str, str, str, str, dict[str, str]]] = [
    *[
        (VENDOR_USER, "GET", f"/engagements/{OTHER_VENDOR}/{s}", f"/engagements/nope/{s}", {})
        for s in SECTIONS
    ],
    *[
        (
            VENDOR_USER,
            "GET",
            f"/api/v1/engagements/{OTHER_VENDOR}/{s}",
            f"/api/v1/engagements/nope/{s}",
            {},
        )
        for s in API_SECTIONS
    ],
    (OTHER_ADMIN, "GET", f"/api/v1/engagements/{OWN}/kpis", "/api/v1/engagements/nope/kpis", {}),
    (VENDOR_USER, "GET", f"/scorecards/{OTHER_VENDOR_ID}", "/scorecards/nope", {}),
    (VENDOR_USER, "GET", f"/api/v1/scorecards/{OTHER_VENDOR_ID}", "/api/v1/scorecards/nope", {}),
    (OTHER_ADMIN, "GET", f"/api/v1/scorecards/{OWN_VENDOR}", "/api/v1/scorecards/nope", {}),
    (
        VENDOR_USER,
        "GET",
        f"/reports/qbr/{OTHER_VENDOR}/{QUARTER}",
        f"/reports/qbr/nope/{QUARTER}",
        {},
    ),
    (
        VENDOR_USER,
        "GET",
        f"/reports/qbr/{OTHER_VENDOR}/{QUARTER}/html",
        f"/reports/qbr/nope/{QUARTER}/html",
        {},
    ),
    (
        OTHER_ADMIN,
        "GET",
        f"/reports/qbr/{OWN}/{QUARTER}/pdf",
        f"/reports/qbr/nope/{QUARTER}/pdf",
        {},
    ),
]
