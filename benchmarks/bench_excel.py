"""Excel ingest: a vendor's hours-and-pay workbook against the same rows as CSV.

Size: ``FAIRSHORE_BENCH_XLSX_ROWS`` agent-months (default 100000), nine columns, with a
title row and a totals row, written by openpyxl. Two figures, each a ratio measured in
this run:

- ingest of the workbook (python-calamine, then the usual validation and lake commit)
  over ingest of the same rows as a CSV file: what reading Excel costs on top;
- calamine's row reader over openpyxl's read-only reader on the same workbook: why
  calamine (openpyxl read-only is the other fast reader the issue names).
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from datetime import date
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as entities
from fairshore.interactions import services

HEADER = ["Agent ref", "Month", "Scheduled hours", "Paid hours", "Logged in hours",
          "Overtime hours", "Training hours", "Gross pay", "Currency"]  # fmt: skip


def _rows(n: int) -> list[list[object]]:
    months = [date(2026, m, 1) for m in range(1, 13)]
    return [
        [f"a{i // 12}", months[i % 12], 160.0, 168.5, 150.25, 8.5, 4.0, 41000.0 + i % 900, "PHP"]
        for i in range(n)
    ]


def _write(folder: Path, rows: list[list[object]]) -> tuple[Path, Path]:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Hours and pay")
    sheet.append(["Northwind BPO - hours and pay, 2026"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    sheet.append(["Total", None, None, sum(float(r[3]) for r in rows)])  # type: ignore[arg-type]
    xlsx = folder / "hours.xlsx"
    book.save(xlsx)
    text = folder / "hours.csv"
    with text.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([h.lower().replace(" ", "_") for h in HEADER])
        out.writerows([[v.isoformat() if isinstance(v, date) else v for v in r] for r in rows])
    return xlsx, text


def _ingest(home: Path, path: Path) -> float:
    ws = init_workspace(load_settings(home=home))
    entities.add_vendor(ws, id="northwind", name="Northwind")
    entities.add_engagement(
        ws, id="telco-mnl", vendor_id="northwind", name="Telco MNL", timezone="Asia/Manila",
        channels=["voice"], languages=["en"],
    )  # fmt: skip
    started = time.perf_counter()
    report = services.ingest_files(
        ws, table="agent_months", paths=[path], engagement_id="telco-mnl"
    )
    seconds = time.perf_counter() - started
    ws.close()
    assert report.status == "accepted" and report.rows_quarantined == 0, report
    return seconds


def _read_calamine(path: Path) -> int:
    book = CalamineWorkbook.from_path(str(path))
    rows = sum(1 for _ in book.get_sheet_by_index(0).iter_rows())
    book.close()
    return rows


def _read_openpyxl(path: Path) -> int:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return rows


def main() -> None:
    n = int(os.environ.get("FAIRSHORE_BENCH_XLSX_ROWS", "100000"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx, text = _write(folder, _rows(n))
        size = xlsx.stat().st_size
        csv_s = _ingest(folder / "ws-csv", text)
        xlsx_s = _ingest(folder / "ws-xlsx", xlsx)
        started = time.perf_counter()
        assert _read_calamine(xlsx) == n + 3
        calamine_s = time.perf_counter() - started
        started = time.perf_counter()
        assert _read_openpyxl(xlsx) == n + 3
        openpyxl_s = time.perf_counter() - started
    print(f"{n:,} agent-months, a {size / 1e6:.1f} MB workbook")
    print(f"ingest CSV  {csv_s:6.2f} s   ingest xlsx {xlsx_s:6.2f} s   "
          f"ratio {xlsx_s / csv_s:.2f}x the CSV ingest")  # fmt: skip
    print(f"read: calamine {calamine_s:5.2f} s   openpyxl read-only {openpyxl_s:5.2f} s   "
          f"calamine takes {calamine_s / openpyxl_s:.2f}x openpyxl's time")  # fmt: skip


if __name__ == "__main__":
    main()
