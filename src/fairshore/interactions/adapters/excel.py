"""Excel workbooks (``.xlsx``) as vendors send them: rosters, hours and pay by month.

Read with python-calamine (Rust's calamine: no formulas run, no macros, no external
links followed) one row at a time. Vendors' workbooks are made for people, so:

- the sheet is the one named (``--sheet``), else the first visible sheet that has a
  header row with the table's required columns;
- the header row is the first of the sheet's first 30 rows holding every required
  column (names compared without case, spaces or hyphens: "Agent ref" is
  ``agent_ref``); title rows above it, merged or not, are skipped with a warning;
- a totals row ("Total", "Totals", "Grand total", "Sum" in its first filled cell) is
  skipped with a warning, blank rows are skipped as in CSV;
- dates come as Excel dates, as text, or as serial numbers in a date column (days
  since 1899-12-30, Excel's 1900 date system, as in ECMA-376 Part 1 §18.17.4.1);
- whole numbers come without ``.0`` (an agent id 1001 stays ``1001``).

Every other row is a record, numbered as Excel numbers its rows, so a quarantined row
is found where the vendor looks for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from fairshore.errors import IngestError
from fairshore.interactions.adapters.base import chunked
from fairshore.interactions.adapters.canonical_csv import check_header
from fairshore.interactions.file_checks import check_file
from fairshore.interactions.model import ReadContext
from fairshore.interactions.schema import TABLES

HEADER_SCAN_ROWS = 30
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
TOTALS = re.compile(r"^\s*(grand\s+)?(totals?|sum|subtotal)\b", re.IGNORECASE)


def _name(cell: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(cell).strip().lower()) if cell is not None else ""


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


class ExcelWorkbook:
    """Any canonical table from an ``.xlsx`` sheet laid out for people."""

    name: ClassVar[str] = "xlsx"
    tables: ClassVar[tuple[str, ...]] = tuple(TABLES)

    def sniff(self, path: Path, head: str) -> bool:
        return path.suffix.lower() in (".xlsx", ".xlsm") and head.startswith("PK")

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        for path in paths:
            check_file(path, max_bytes=ctx.max_bytes, kind="xlsx")
            try:
                workbook = CalamineWorkbook.from_path(str(path))
            except CalamineError as exc:
                raise IngestError(f"{path.name} cannot be read as a workbook: {exc}") from None
            try:
                yield from chunked(self._records(path, workbook, ctx), ctx.chunk_rows)
            finally:
                workbook.close()

    def _records(
        self, path: Path, workbook: CalamineWorkbook, ctx: ReadContext
    ) -> Iterator[dict[str, Any]]:
        sheet_name, header_at, header = _find_sheet(path, workbook, ctx)
        sheet = workbook.get_sheet_by_name(sheet_name)
        known = check_header(path, header, ctx)
        columns = [(i, name) for i, name in enumerate(header) if name in known]
        spec = TABLES[ctx.table]
        dated = {c.name for c in spec.columns if c.type in ("date", "timestamp")}
        for index, row in enumerate(sheet.iter_rows()):
            number = index + 1 + (sheet.start[0] if sheet.start else 0)  # Excel's row number
            if index < header_at:
                if any(not _blank(c) for c in row):
                    ctx.warnings["title_row_skipped"] += 1
                continue
            if index == header_at or all(_blank(c) for c in row):
                continue
            first = next((c for c in row if not _blank(c)), None)
            if isinstance(first, str) and TOTALS.match(first):
                ctx.warnings["totals_row_skipped"] += 1
                continue
            record: dict[str, Any] = {"_row": number}
            for i, name in columns:
                value = row[i] if i < len(row) else None
                record[name] = _value(value, date_column=name in dated)
            yield record


def _find_sheet(
    path: Path, workbook: CalamineWorkbook, ctx: ReadContext
) -> tuple[str, int, list[str]]:
    """The sheet to read, the index of its header row and the header's column names."""
    required = [c for c in TABLES[ctx.table].required if c not in ("engagement_id", "batch_id")]
    visible = [m.name for m in workbook.sheets_metadata if m.visible == SheetVisibleEnum.Visible]
    wanted = [ctx.sheet] if ctx.sheet else visible or list(workbook.sheet_names)
    if ctx.sheet and ctx.sheet not in workbook.sheet_names:
        raise IngestError(
            f"{path.name} has no sheet {ctx.sheet!r}; its sheets: {', '.join(workbook.sheet_names)}"
        )
    seen: list[str] = []
    for name in wanted:
        sheet = workbook.get_sheet_by_name(name)
        for index, row in enumerate(sheet.iter_rows()):
            if index >= HEADER_SCAN_ROWS:
                break
            header = [_name(c) for c in row]
            if all(r in header for r in required):
                return name, index, header
            if any(header) and len(seen) < 3:
                seen.append(f"sheet {name!r} row {index + 1}: {', '.join(h for h in header if h)}")
    where = f"sheet {ctx.sheet!r}" if ctx.sheet else "any sheet"
    raise IngestError(
        f"{path.name}: no row in the first {HEADER_SCAN_ROWS} of {where} holds the columns of "
        f"table {ctx.table} ({', '.join(required)} required); "
        f"found {'; '.join(seen) or 'no text'}. Name the sheet with --sheet, or rename the "
        "header cells to the canonical column names"
    )


def _value(cell: Any, *, date_column: bool) -> Any:
    """A cell as the text validation parses (dates ISO, whole numbers without .0)."""
    if isinstance(cell, bool) or cell is None:
        return cell
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    if isinstance(cell, float | int):
        if date_column and 0 < cell < 2958466:  # 9999-12-31: an Excel serial date
            moment = EXCEL_EPOCH + dt.timedelta(days=float(cell))
            return moment.date().isoformat() if float(cell).is_integer() else moment.isoformat()
        if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
            return int(cell)
        return cell
    if isinstance(cell, dt.timedelta):
        return cell.total_seconds()
    return str(cell).strip()
