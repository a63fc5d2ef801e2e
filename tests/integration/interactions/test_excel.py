"""Excel workbooks as vendors send them: title rows, a merged header, a totals row.

The workbooks are written by openpyxl (the reference Python writer of ECMA-376
SpreadsheetML) the way a vendor's payroll team lays out a monthly roster; dates come
as Excel dates, as a 1900-system serial number (ECMA-376 Part 1 §18.17.4.1: 45658 is
2025-01-01) and as text.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fairshore.adapters.lake.writer import read_quarantine
from fairshore.bootstrap import Workspace
from fairshore.interactions import services

from .workspace_files import ENGAGEMENT, lake_rows


def _roster(path: Path, *, with_notes_sheet: bool = False) -> Path:
    book = openpyxl.Workbook()
    if with_notes_sheet:  # a first sheet for people, not data
        notes = book.active
        notes.title = "Read me"
        notes["A1"] = "Monthly roster for Telco KRK. Contact payroll@vistula.example"
        sheet = book.create_sheet("Roster")
    else:
        sheet = book.active
        sheet.title = "Roster"
    sheet["A1"] = "Vistula Contact Sp. z o.o. - agent roster, November 2026"
    sheet.merge_cells("A1:F1")  # the merged title row
    sheet["D2"] = "Dates"
    sheet.merge_cells("D2:E2")  # the merged group header above two columns
    sheet.append(["Agent ref", "Site id", "Employment type", "Hired on", "Left on", "Notes"])
    sheet.append([1001, "vistula-krk", "employee", dt.date(2025, 1, 6), None, "team A"])
    sheet.append(["krk-002", "vistula-krk", "contractor", 45658, None, None])  # serial date
    sheet.append(["krk-003", "vistula-krk", "employee", "2025-03-01", dt.date(2026, 10, 31)])
    sheet.append([])  # a blank row
    sheet.append(["krk-004", "vistula-krk", "volunteer", dt.date(2025, 4, 1), None])  # bad type
    sheet.append(["krk-005", "vistula-krk", "agency", dt.datetime(2025, 5, 2), None])
    sheet.append(["Total", None, None, None, None, "5 agents"])
    book.save(path)
    return path


def test_a_roster_workbook_ingests_with_exact_row_accounting(ws: Workspace, tmp_path: Path) -> None:
    report = services.ingest_files(
        ws, table="agents", paths=[_roster(tmp_path / "roster.xlsx")], engagement_id=ENGAGEMENT
    )
    assert report.status == "accepted" and report.format == "xlsx"
    assert (report.rows_read, report.rows_accepted, report.rows_quarantined) == (5, 4, 1)
    assert report.warnings["title_row_skipped"] == 2  # the title and the group header
    assert report.warnings["totals_row_skipped"] == 1
    assert report.warnings["ignored_column"] == 1  # Notes
    rows, total = read_quarantine(ws.home / "quarantine", report.batch_id, limit=5)
    assert total == 1 and rows[0]["_row"] == 8  # the row number Excel shows
    agents = {r["agent_ref"]: r for r in lake_rows(ws, "agents")}
    assert sorted(agents) == ["1001", "krk-002", "krk-003", "krk-005"]
    assert agents["1001"]["hired_on"] == dt.date(2025, 1, 6)
    assert agents["krk-002"]["hired_on"] == dt.date(2025, 1, 1)  # serial 45658
    assert agents["krk-003"]["left_on"] == dt.date(2026, 10, 31)
    assert agents["krk-005"]["hired_on"] == dt.date(2025, 5, 2)


def test_the_sheet_is_found_or_named(ws: Workspace, tmp_path: Path) -> None:
    book = _roster(tmp_path / "with-notes.xlsx", with_notes_sheet=True)
    found = services.ingest_files(ws, table="agents", paths=[book], engagement_id=ENGAGEMENT)
    assert found.status == "accepted" and found.rows_read == 5
    wrong = services.ingest_files(
        ws, table="agents", paths=[book], engagement_id=ENGAGEMENT, sheet="Payroll"
    )
    assert wrong.status == "rejected"
    assert "no sheet 'Payroll'; its sheets: Read me, Roster" in (wrong.error or "")
    notes = services.ingest_files(
        ws, table="agents", paths=[book], engagement_id=ENGAGEMENT, sheet="Read me"
    )
    assert notes.status == "rejected" and "--sheet" in (notes.error or "")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "not an .xlsx workbook"),
        (None, "a zip archive, not an Excel workbook"),
        ("bomb", "would inflate to"),
    ],
)
def test_what_is_not_a_workbook_is_refused_with_a_reason(
    small_ws: Workspace, tmp_path: Path, content: bytes | str | None, says: str
) -> None:
    ws = small_ws  # a 2,000-byte limit: 40,000 inflated bytes is a bomb
    path = tmp_path / "roster.xlsx"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            if content == "bomb":
                archive.writestr("xl/workbook.xml", b"<workbook/>")
                archive.writestr("xl/big.bin", b"\x00" * 50_000)
            else:
                archive.writestr("word/document.xml", b"<w:document/>")
    report = services.ingest_files(ws, table="agents", paths=[path], engagement_id=ENGAGEMENT)
    assert report.status == "rejected" and says in (report.error or ""), report.error
