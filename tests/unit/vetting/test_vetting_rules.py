"""Rule conditions: all / any / not, answers, context and evidence."""

from __future__ import annotations

from decimal import Decimal

from fairshore.vetting.model import Condition
from fairshore.vetting.rules import RuleInputs, holds
from tests.unit.vetting.vetting_builders import assessment


def _inputs(answers: dict[str, object], *, evidence: frozenset[str] = frozenset()) -> RuleInputs:
    a = assessment(answers, na=("sec.pci",))
    return RuleInputs(answers=a.answers, context=a.context, valid_evidence_types=evidence)


def test_conditions_combine() -> None:
    cond = Condition.model_validate(
        {
            "all": [
                {"question": "lab.attrition", "op": "ge", "value": 40},
                {"not": {"valid_evidence": ["hr_report"]}},
                {"any": [{"context": "handles_personal_data", "equals": True},
                         {"question": "tra.dashboard", "op": "eq", "value": True}]},
            ]
        }
    )  # fmt: skip
    assert cond.all[0].value == Decimal(40)
    assert holds(cond, _inputs({"lab.attrition": "45"}))
    assert not holds(cond, _inputs({"lab.attrition": "45"}, evidence=frozenset({"hr_report"})))
    assert not holds(cond, _inputs({"lab.attrition": "39.9"}))


def test_answer_tests_on_missing_and_na_answers_are_false() -> None:
    inputs = _inputs({"wel.wellbeing-programme": "counselling"})
    assert not holds(Condition(question="lab.attrition", op="lt", value=Decimal(50)), inputs)
    assert holds(Condition(question="lab.attrition", op="unanswered"), inputs)
    assert not holds(Condition(question="sec.pci", op="unanswered"), inputs)  # N/A is an answer
    assert holds(
        Condition(question="wel.wellbeing-programme", op="includes", value="counselling"), inputs
    )
    assert not holds(Condition(), inputs)  # an empty condition never fires
