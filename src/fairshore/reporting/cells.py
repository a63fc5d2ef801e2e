"""Spreadsheet cells that a spreadsheet will not run as formulas (CSV and Excel exports)."""

from __future__ import annotations

# OWASP "CSV injection": cells starting with these are read as formulas or commands.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


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
    if isinstance(value, str) and value and (value[0] in _FORMULA_START or ord(value[0]) < 32):
        return "'" + value
    return value
