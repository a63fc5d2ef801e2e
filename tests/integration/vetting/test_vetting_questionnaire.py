"""Questionnaire round trip through real .xlsx files, hand-edited with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import VettingError
from fairshore.vetting import services
from fairshore.vetting.questionnaire import QuestionnaireError
from fairshore.vetting.rubric import get_rubric

RUBRIC = get_rubric()


@pytest.fixture
def acme(db_workspace: Workspace) -> Workspace:
    entities.add_vendor(db_workspace, id="acme", name="Acme BPO", country_iso2="PH")
    return db_workspace


def _row(ws, question_id: str) -> int:
    for r in range(3, ws.max_row + 1):
        if ws[f"A{r}"].value == question_id:
            return int(r)
    raise AssertionError(question_id)


def _fill_all(path: Path) -> None:
    """Answer every question the way a vendor would in Excel."""
    wb = load_workbook(path)
    for q in RUBRIC.questions:
        ws = wb[q.pillar]
        cell = ws[f"E{_row(ws, q.id)}"]
        cell.value = {
            "yes_no": "yes",
            "single_choice": (q.option_ids or ("",))[0],
            "multiple_choice": ", ".join(q.option_ids[:2]),
            "number": 12,
            "percentage": 95.5,
            "date": datetime(2026, 3, 1),
            "document": "attached",
            "text": "free text",
        }[q.type]
    wb.save(path)


def test_export_has_a_sheet_per_pillar_with_validation_lists(
    acme: Workspace, tmp_path: Path
) -> None:
    path = services.export_questionnaire(acme, "acme", tmp_path / "q.xlsx", today=date(2026, 11, 1))
    wb = load_workbook(path)
    assert wb.sheetnames == ["About", *[p.id for p in RUBRIC.pillars]]
    labour = wb["labour"]
    assert [c.value for c in labour[2]][:6] == [
        "id",
        "question",
        "type",
        "options / unit",
        "answer",
        "evidence",
    ]
    formulas = {dv.formula1 for dv in labour.data_validations.dataValidation}
    assert '"yes,no"' in formulas
    assert '"cba,elected-council,policy-only,none"' in formulas
    ranges = {str(dv.sqref) for dv in labour.data_validations.dataValidation}
    assert f"E{_row(labour, 'lab.living-wage-all')}" in ranges
    assert labour[f"G{_row(labour, 'lab.living-wage-all')}"].value.startswith(
        "Compare gross monthly pay"
    )
    # a count is 0 or more; the declared eNPS (ethical-bpo@2) runs from -100
    welfare = wb["welfare"]
    lows = {str(dv.sqref): dv.formula1 for dv in welfare.data_validations.dataValidation}
    assert lows[f"E{_row(welfare, 'wel.enps')}"] == "-100"
    assert lows[f"E{_row(welfare, 'wel.training-hours')}"] == "0"


def test_round_trip_of_a_hand_edited_file(acme: Workspace, tmp_path: Path) -> None:
    path = services.export_questionnaire(acme, "acme", tmp_path / "q.xlsx", today=date(2026, 11, 1))
    _fill_all(path)
    wb = load_workbook(path)
    labour, security = wb["labour"], wb["security"]
    labour[f"E{_row(labour, 'lab.attrition')}"] = "27 %"  # typed with a percent sign
    labour[f"E{_row(labour, 'lab.freedom-of-association')}"] = (
        "Recognised union with a collective agreement"
    )
    labour[f"E{_row(labour, 'lab.id-documents-retained')}"] = "no"
    security[f"E{_row(security, 'sec.pci')}"] = "N/A"
    wb.save(path)

    result = services.import_questionnaire(acme, "acme", path)
    assert result.unanswered_required == ()
    assessment = services.load_assessment(acme, "acme")
    assert str(assessment.answers["lab.attrition"].value) == "27"
    assert assessment.answers["lab.freedom-of-association"].value == "cba"
    assert assessment.answers["sec.pci"].na
    assert assessment.answers["sec.last-pentest"].value == date(2026, 3, 1)
    assert assessment.answers["wel.wellbeing-programme"].value == ("counselling", "abuse-protocol")

    # exporting again writes the stored answers back: a second round trip changes nothing
    again = services.export_questionnaire(
        acme, "acme", tmp_path / "q2.xlsx", today=date(2026, 11, 1)
    )
    services.import_questionnaire(acme, "acme", again)
    assert services.load_assessment(acme, "acme").answers == assessment.answers


def test_bad_cells_are_reported_by_sheet_and_cell_and_nothing_is_stored(
    acme: Workspace, tmp_path: Path
) -> None:
    path = services.export_questionnaire(acme, "acme", tmp_path / "q.xlsx", today=date(2026, 11, 1))
    _fill_all(path)
    wb = load_workbook(path)
    labour, welfare, process = wb["labour"], wb["welfare"], wb["process"]
    r_option = _row(labour, "lab.freedom-of-association")
    r_number = _row(labour, "lab.weekly-hours")
    r_missing = _row(welfare, "wel.training-hours")
    r_na = _row(process, "pro.csat")
    r_ref = _row(labour, "lab.attrition")
    labour[f"E{r_option}"] = "works council"  # wrong option
    labour[f"E{r_number}"] = "forty hours"  # text in a number cell
    welfare[f"E{r_missing}"] = None  # missing required
    process[f"E{r_na}"] = "n/a"  # N/A where not allowed
    labour[f"F{r_ref}"] = "deadbeef00"  # evidence that was never uploaded
    wb.save(path)

    with pytest.raises(QuestionnaireError) as caught:
        services.import_questionnaire(acme, "acme", path)
    found = {(p.sheet, p.cell): p.message for p in caught.value.problems}
    assert "not one of the options" in found[("labour", f"E{r_option}")]
    assert "expected a number in hours/week, got 'forty hours'" in found[("labour", f"E{r_number}")]
    assert "required question has no answer" in found[("welfare", f"E{r_missing}")]
    assert "N/A is not allowed" in found[("process", f"E{r_na}")]
    assert "no evidence document starts with 'deadbeef00'" in found[("labour", f"F{r_ref}")]
    assert len(found) == 5
    assert f"labour!E{r_number}: lab.weekly-hours" in str(caught.value)
    assert services.load_assessment(acme, "acme").answers == {}


def test_partial_import_scores_blank_required_answers_as_worst(
    acme: Workspace, tmp_path: Path
) -> None:
    path = services.export_questionnaire(acme, "acme", tmp_path / "q.xlsx", today=date(2026, 11, 1))
    wb = load_workbook(path)
    labour = wb["labour"]
    labour[f"E{_row(labour, 'lab.attrition')}"] = 15
    wb.save(path)
    result = services.import_questionnaire(acme, "acme", path, allow_incomplete=True)
    assert len(result.answers) == 1 and "lab.living-wage-all" in result.unanswered_required


def test_evidence_named_in_the_sheet_is_linked(acme: Workspace, tmp_path: Path) -> None:
    doc = tmp_path / "hr.txt"
    doc.write_text("attrition report")
    ev = services.add_evidence(
        acme,
        "acme",
        doc,
        type="hr_report",
        issuer="HR",
        scope=("*",),
        valid_from=None,
        valid_until=None,
    )
    path = services.export_questionnaire(acme, "acme", tmp_path / "q.xlsx", today=date(2026, 11, 1))
    wb = load_workbook(path)
    labour = wb["labour"]
    labour[f"E{_row(labour, 'lab.attrition')}"] = 15
    labour[f"F{_row(labour, 'lab.attrition')}"] = f"{ev.sha256[:10]}, see HR pack"
    wb.save(path)
    services.import_questionnaire(acme, "acme", path, allow_incomplete=True)
    answer = services.load_assessment(acme, "acme").answers["lab.attrition"]
    assert answer.evidence_refs == (ev.sha256[:10],) and answer.note == "see HR pack"
    assert (
        services.claim_evidence_state(acme, "acme", "lab.attrition", as_of=date(2026, 11, 1))
        == "valid"
    )


def test_wrong_vendor_or_not_a_workbook(acme: Workspace, tmp_path: Path) -> None:
    entities.add_vendor(acme, id="other", name="Other")
    path = services.export_questionnaire(
        acme, "other", tmp_path / "q.xlsx", today=date(2026, 11, 1)
    )
    with pytest.raises(QuestionnaireError, match="About!B2: questionnaire is for vendor 'other'"):
        services.import_questionnaire(acme, "acme", path)
    junk = tmp_path / "junk.xlsx"
    junk.write_text("not a workbook")
    with pytest.raises(VettingError, match="cannot read"):
        services.import_questionnaire(acme, "acme", junk)
