"""The questionnaire as an Excel workbook: export for the vendor, import back with checks.

One ``About`` sheet (vendor, rubric, instructions) and one sheet per pillar, named by
the pillar id. Each pillar sheet lists its questions from row 3 with the columns
below; the vendor fills column E (validated lists where Excel can check) and may
name evidence in column F (sha256 prefixes of uploaded documents, or a note).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from fairshore.cells import excel_cell, restore_cell
from fairshore.errors import VettingError
from fairshore.vetting.answers import format_value, is_blank, is_na, number_floor, parse_value
from fairshore.vetting.model import Answer, Question, Rubric

COLUMNS = (
    "id",
    "question",
    "type",
    "options / unit",
    "answer",
    "evidence",
    "guidance",
    "required",
    "standards",
)
ANSWER_COL = "E"
EVIDENCE_COL = "F"
FIRST_ROW = 3
_HEX = re.compile(r"^[0-9a-f]{8,64}$")
_FILL = PatternFill("solid", fgColor="FFF2CC")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an imported workbook, with where it is."""

    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}: {self.message}"


class QuestionnaireError(VettingError):
    """A workbook that cannot be imported; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the questionnaire has {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class ImportedQuestionnaire:
    """Answers read from a workbook, and questions left unanswered."""

    answers: tuple[Answer, ...]
    unanswered_required: tuple[str, ...]


def _options_text(q: Question) -> str:
    if q.options:
        return "\n".join(f"{o.id} = {o.label}" for o in q.options)
    if q.type == "yes_no":
        return "yes / no"
    if q.type == "date":
        return "YYYY-MM-DD"
    if q.type == "document":
        return f"upload: {', '.join(q.evidence)}"
    return q.unit


def _validation(q: Question) -> DataValidation | None:
    na = ",n/a" if q.na_allowed else ""
    prompt = "Type N/A when not applicable." if q.na_allowed else None
    if q.type == "yes_no":
        dv = DataValidation(type="list", formula1=f'"yes,no{na}"', allow_blank=True)
    elif q.type == "single_choice" and len(",".join(q.option_ids)) < 240:
        dv = DataValidation(
            type="list", formula1=f'"{",".join(q.option_ids)}{na}"', allow_blank=True
        )
    elif q.type in ("number", "percentage") and not q.na_allowed:
        top = "100" if q.type == "percentage" else "1E+15"
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1=f"{number_floor(q):f}",
            formula2=top,
            allow_blank=True,
        )
    elif q.type == "date" and not q.na_allowed:
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    else:
        return None
    dv.error = f"Answer with: {_options_text(q) or q.type}"
    dv.errorTitle = "Not a valid answer"
    dv.showErrorMessage = True
    dv.prompt = prompt
    return dv


def export_questionnaire(
    rubric: Rubric,
    path: Path,
    *,
    vendor_id: str,
    answers: Mapping[str, Answer] | None = None,
    exported_on: date,
) -> Path:
    """Write the vendor's questionnaire (pre-filled with ``answers``) to ``path``."""
    answers = answers or {}
    wb = Workbook()
    about = wb.active
    assert about is not None
    about.title = "About"
    for row in (
        ("Fairshore vendor questionnaire", ""),
        ("vendor", vendor_id),
        ("rubric", rubric.ref),
        ("exported on", exported_on.isoformat()),
        (
            "how to answer",
            "Fill column E (answer) on each pillar sheet. Yellow cells only. "
            "Name evidence in column F by the first 8+ characters of its sha256 "
            "(fairshore vet evidence list) or write a note.",
        ),
    ):
        about.append([excel_cell(v) for v in row])
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100
    for pillar in rubric.pillars:
        _pillar_sheet(wb.create_sheet(pillar.id), rubric, pillar.id, pillar.title, answers)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _cell_value(given: Answer | None) -> object:
    """An answer as Excel would hold it: numbers and dates as such, the rest as text."""
    if given is None:
        return None
    if given.na:
        return "n/a"
    value = given.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value
    return format_value(value) or None


def _pillar_sheet(
    ws: Worksheet, rubric: Rubric, pillar_id: str, title: str, answers: Mapping[str, Answer]
) -> None:
    ws["A1"] = excel_cell(title)
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(COLUMNS)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for width, col in zip((18, 60, 14, 30, 22, 24, 60, 9, 40), "ABCDEFGHI", strict=True):
        ws.column_dimensions[col].width = width
    for row, q in enumerate(rubric.pillar_questions(pillar_id), start=FIRST_ROW):
        given = answers.get(q.id)
        shown = _cell_value(given)
        refs = ", ".join(given.evidence_refs) if given else ""
        standards = "; ".join(f"{s.framework} {s.ref}" for s in q.standards)
        values = (
            q.id,
            q.text,
            q.type,
            _options_text(q),
            shown,
            refs or None,
            q.guidance,
            "yes" if q.required else "no",
            standards,
        )
        for col, value in zip("ABCDEFGHI", values, strict=True):
            ws[f"{col}{row}"] = excel_cell(value)  # a vendor's "=HYPERLINK(..." stays text
            ws[f"{col}{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        ws[f"{ANSWER_COL}{row}"].fill = _FILL
        ws[f"{EVIDENCE_COL}{row}"].fill = _FILL
        if q.type == "date":
            ws[f"{ANSWER_COL}{row}"].number_format = "yyyy-mm-dd"
        dv = _validation(q)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(f"{ANSWER_COL}{row}")


def import_questionnaire(
    rubric: Rubric,
    path: Path,
    *,
    vendor_id: str,
    known_evidence: Iterable[str] = (),
    allow_incomplete: bool = False,
) -> ImportedQuestionnaire:
    """Read answers back, raising ``QuestionnaireError`` listing every bad cell."""
    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError, BadZipFile) as exc:
        raise VettingError(f"cannot read {path} as an .xlsx workbook: {exc}") from None
    problems = _check_about(wb, rubric, vendor_id)
    shas = list(known_evidence)
    answers: list[Answer] = []
    missing: list[str] = []
    for pillar in rubric.pillars:
        if pillar.id not in wb.sheetnames:
            problems.append(
                Problem(pillar.id, "A1", "sheet is missing: export a fresh questionnaire")
            )
            continue
        ws = wb[pillar.id]
        rows = {
            str(ws[f"A{r}"].value).strip(): r
            for r in range(FIRST_ROW, ws.max_row + 1)
            if ws[f"A{r}"].value is not None
        }
        for q in rubric.pillar_questions(pillar.id):
            if q.id not in rows:
                problems.append(
                    Problem(pillar.id, "A", f"question {q.id} is missing from the sheet")
                )
                continue
            r = rows[q.id]
            answer, problem = _read(q, ws, r, shas, allow_incomplete=allow_incomplete)
            if problem is not None:
                problems.append(problem)
            elif answer is None:
                if q.required:
                    missing.append(q.id)
            else:
                answers.append(answer)
    if problems:
        raise QuestionnaireError(problems)
    return ImportedQuestionnaire(answers=tuple(answers), unanswered_required=tuple(missing))


def _check_about(wb: Workbook, rubric: Rubric, vendor_id: str) -> list[Problem]:
    if "About" not in wb.sheetnames:
        return [Problem("About", "A1", "sheet is missing: this is not a Fairshore questionnaire")]
    about = wb["About"]
    problems = []
    if str(about["B2"].value or "").strip() != vendor_id:
        problems.append(
            Problem(
                "About",
                "B2",
                f"questionnaire is for vendor {about['B2'].value!r}, not {vendor_id!r}",
            )
        )
    if str(about["B3"].value or "").strip() != rubric.ref:
        problems.append(
            Problem(
                "About",
                "B3",
                f"questionnaire is for rubric {about['B3'].value!r}, not {rubric.ref}",
            )
        )
    return problems


def _read(
    q: Question, ws: Worksheet, row: int, shas: list[str], *, allow_incomplete: bool
) -> tuple[Answer | None, Problem | None]:
    cell = f"{ANSWER_COL}{row}"
    raw = restore_cell(ws[cell].value)  # as exported: without the apostrophe it was given
    refs, note, bad_ref = _evidence_cell(restore_cell(ws[f"{EVIDENCE_COL}{row}"].value), shas)
    if bad_ref:
        return None, Problem(
            ws.title,
            f"{EVIDENCE_COL}{row}",
            f"{q.id}: no evidence document starts with {bad_ref!r}",
        )
    if is_blank(raw):
        if q.required and not allow_incomplete:
            return None, Problem(ws.title, cell, f"{q.id}: a required question has no answer")
        return None, None
    if is_na(raw):
        if not q.na_allowed:
            return None, Problem(ws.title, cell, f"{q.id}: N/A is not allowed for this question")
        return Answer(q.id, None, na=True, evidence_refs=refs, note=note, source="xlsx"), None
    try:
        value = parse_value(q, raw)
    except ValueError as exc:
        return None, Problem(ws.title, cell, f"{q.id}: {exc}")
    return Answer(q.id, value, evidence_refs=refs, note=note, source="xlsx"), None


def _evidence_cell(raw: object, shas: list[str]) -> tuple[tuple[str, ...], str, str | None]:
    if is_blank(raw):
        return (), "", None
    tokens = [t.strip() for t in str(raw).replace(";", ",").split(",") if t.strip()]
    refs = tuple(t.lower() for t in tokens if _HEX.match(t.lower()))
    for ref in refs:
        if not any(s.startswith(ref) for s in shas):
            return (), "", ref
    note = ", ".join(t for t in tokens if not _HEX.match(t.lower()))
    return refs, note, None
