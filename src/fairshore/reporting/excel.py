"""Excel export of a report table, safe against formula injection."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from fairshore.cells import excel_cell
from fairshore.reporting.model import Table

_MAX_SHEET_TITLE = 31  # Excel's limit on a sheet name


def table_workbook(tables: list[Table]) -> bytes:
    """One sheet per table; every text cell passes ``safe_cell`` and is stored as text."""
    book = Workbook()
    book.remove(book.active)
    for n, table in enumerate(tables, start=1):
        title = "".join(c for c in table.title if c not in "[]:*?/\\")[:_MAX_SHEET_TITLE]
        sheet = book.create_sheet(title or f"Sheet{n}")
        sheet.append([excel_cell(c) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([excel_cell(v) for v in row])
        sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(tables: list[Table], path: Path) -> Path:
    """Write the tables to an ``.xlsx`` file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(table_workbook(tables))
    return path
