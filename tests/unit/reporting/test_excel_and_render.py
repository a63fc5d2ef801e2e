"""Excel export against formula injection, and renderers on a hand-built report."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from fairshore.errors import InputError
from fairshore.reporting.excel import table_workbook
from fairshore.reporting.model import KeyFigure, Note, Report, Section, Table
from fairshore.reporting.render import get_renderer, renderer_names

PAYLOADS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "\x01cmd",
]


def _read(tables: list[Table]) -> list[list[object]]:
    book = load_workbook(BytesIO(table_workbook(tables)))
    sheet = book.worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_like_text_is_stored_as_text_with_an_apostrophe(payload: str) -> None:
    # OWASP "CSV Injection": prefix = + - @ tab CR and control characters with '.
    rows = _read([Table(title="t", columns=["title", "n"], rows=[[payload, 3]])])
    value = rows[1][0]
    assert isinstance(value, str)
    assert value.startswith("'")
    book = load_workbook(
        BytesIO(table_workbook([Table(title="t", columns=["a"], rows=[[payload]])]))
    )
    assert book.worksheets[0]["A2"].data_type == "s"


def test_numbers_and_plain_text_are_unchanged() -> None:
    rows = _read([Table(title="KPIs", columns=["a", "b", "c"], rows=[["telco-blr", -3, 0.5]])])
    assert rows == [["a", "b", "c"], ["telco-blr", -3, 0.5]]


def _report() -> Report:
    return Report(
        kind="qbr",
        title="QBR x",
        subtitle="vendor y",
        period="2026-Q3",
        start=date(2026, 7, 1),
        end=date(2026, 9, 30),
        generated_on=date(2026, 10, 5),
        sections=[
            Section(
                id="sla",
                title="Service levels",
                blocks=[
                    Note(text="No data for 2026-Q3: nothing measured.", kind="missing_data"),
                ],
            ),
            Section(
                id="people",
                title="People",
                light="red",
                blocks=[
                    KeyFigure(label="Occupancy", value=0.93, text="93.0 %", light="red"),
                    Table(title="t", columns=["a"], rows=[["<script>x</script>"]]),
                ],
            ),
        ],
        batches=[],
        methodology={"fairshore": "0.1.0"},
    )


def test_html_is_self_contained_and_escaped() -> None:
    html = get_renderer("html").render(_report(), paper="a4").decode()
    assert "No data for 2026-Q3" in html
    assert "93.0 %" in html
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert "<link" not in html and 'src="http' not in html
    assert "size: A4" in html
    assert "size: letter" in get_renderer("html").render(_report(), paper="letter").decode()


def test_renderers_come_from_the_registry() -> None:
    assert {"html", "pdf"} <= set(renderer_names())
    with pytest.raises(InputError, match="no renderer"):
        get_renderer("docx")
