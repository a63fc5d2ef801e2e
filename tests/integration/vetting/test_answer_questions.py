"""Answering many questions at once: all stored, or none when one is wrong."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.errors import InputError
from fairshore.vetting import services as vetting


def test_all_or_nothing(db_workspace: Workspace) -> None:
    entities.add_vendor(db_workspace, id="northwind", name="Northwind")
    with pytest.raises(InputError) as refused:
        vetting.answer_questions(
            db_workspace, "northwind", {"lab.attrition": "32", "lab.living-wage-all": "maybe"}
        )
    assert "lab.living-wage-all" in str(refused.value)
    assert vetting.load_assessment(db_workspace, "northwind").answers == {}
    saved = vetting.answer_questions(
        db_workspace,
        "northwind",
        {"lab.attrition": "32 %", "lab.living-wage-all": "yes", "wel.training-hours": ""},
        notes={"lab.attrition": "HR report 2026"},
    )
    assert [a.question_id for a in saved] == ["lab.attrition", "lab.living-wage-all"]
    answers = vetting.load_assessment(db_workspace, "northwind").answers
    assert answers["lab.attrition"].value == Decimal(32)
    assert answers["lab.attrition"].note == "HR report 2026"
    assert answers["lab.attrition"].source == "web"
