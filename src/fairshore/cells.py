"""The one safe-cell writer of every spreadsheet export (CSV and Excel, CLI and web).

A cell a spreadsheet would run as a formula or command (OWASP "CSV injection": text
starting with ``= + - @``, a tab or carriage return) is written with a leading
apostrophe, so Excel, LibreOffice and Google Sheets show it as text. Every export
writes its cells through ``safe_cell``: CSV through ``write_csv``, Excel through
``excel_cell`` (``reporting.excel.table_workbook``, or a custom layout such as the vendor
questionnaire). ``restore_cell`` undoes it when such a file is read back.

A module of its own, below every feature (like ``numbers``): features that export
(QA samples, questionnaires) and the reports share it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# OWASP "CSV injection": cells starting with these are read as formulas or commands.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _needs_quote(text: str) -> bool:
    return bool(text) and (text[0] in _FORMULA_START or ord(text[0]) < 32)


def safe_cell(value: object) -> object:
    """A cell that a spreadsheet will not run as a formula (OWASP CSV injection).

    Text starting with ``= + - @``, a tab, CR or any control character gets a leading
    apostrophe; other values are returned unchanged.

    Examples
    --------
    >>> safe_cell("=1+1")
    "'=1+1"
    >>> safe_cell(-3)
    -3
    """
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def restore_cell(value: object) -> object:
    """The value ``safe_cell`` was given, from what it wrote (for files read back).

    >>> restore_cell("'=1+1")
    '=1+1'
    >>> restore_cell("'quoted'")
    "'quoted'"
    """
    if isinstance(value, str) and value.startswith("'") and _needs_quote(value[1:]):
        return value[1:]
    return value


def write_csv(sink: TextIO, columns: Sequence[str], rows: Iterable[Iterable[object]]) -> int:
    """Write a header and rows as CSV, every cell through ``safe_cell``; the rows written.

    ``None`` is written as an empty cell.
    """
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow([safe_cell(c) for c in columns])
    count = 0
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
        count += 1
    return count


def excel_cell(value: object) -> object:
    """A value as a workbook cell: ``safe_cell``, then without what XML cannot hold."""
    safe = safe_cell(value)
    if isinstance(safe, str):
        # XML 1.0 cannot hold most control characters: drop them after neutralising.
        return ILLEGAL_CHARACTERS_RE.sub("", safe)
    return safe
