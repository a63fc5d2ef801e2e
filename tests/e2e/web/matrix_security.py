"""Authorisation rows of the API documentation and the session routes (merged by
test_authorization_matrix). Swagger UI and its assets need a sign-in (issue 23)."""

from __future__ import annotations

ROLES = ("admin", "analyst", "auditor", "executive", "vendor")
ALL = {r: 200 for r in ROLES}

MATRIX: dict[tuple[str, str], list[tuple[str, dict[str, int], int]]] = {
    ("GET", "/api/docs"): [("/api/docs", ALL, 401)],
    ("GET", "/api/docs/swagger-ui.css"): [("/api/docs/swagger-ui.css", ALL, 401)],
    ("GET", "/api/docs/swagger-ui-bundle.js"): [("/api/docs/swagger-ui-bundle.js", ALL, 401)],
}
# Tested in test_hardening.py with its CSRF token.
WRITES = {("POST", "/logout/everywhere")}
