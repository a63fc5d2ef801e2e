"""Red flags, green lights and knock-outs: rule conditions over answers and evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from fairshore.vetting.model import Answer, Condition, Rubric, RuleHit


@dataclass(frozen=True)
class RuleInputs:
    """What rule conditions can look at."""

    answers: Mapping[str, Answer]
    context: Mapping[str, str | bool]
    valid_evidence_types: frozenset[str]


def holds(condition: Condition, inputs: RuleInputs) -> bool:
    """Whether ``condition`` is true for these inputs (every given test must hold)."""
    tests: list[bool] = []
    if condition.all:
        tests.append(all(holds(c, inputs) for c in condition.all))
    if condition.any:
        tests.append(any(holds(c, inputs) for c in condition.any))
    if condition.not_ is not None:
        tests.append(not holds(condition.not_, inputs))
    if condition.question is not None:
        tests.append(_answer_test(condition, inputs.answers.get(condition.question)))
    if condition.context is not None:
        tests.append(inputs.context.get(condition.context) == condition.equals)
    if condition.no_valid_evidence:
        tests.append(not inputs.valid_evidence_types.intersection(condition.no_valid_evidence))
    if condition.valid_evidence:
        tests.append(bool(inputs.valid_evidence_types.intersection(condition.valid_evidence)))
    return bool(tests) and all(tests)


def _answer_test(condition: Condition, answer: Answer | None) -> bool:
    answered = answer is not None and not answer.na and answer.value is not None
    if condition.op == "answered":
        return answered
    if condition.op == "unanswered":
        return answer is None or (not answer.na and answer.value is None)
    if not answered or answer is None:
        return False
    value, target = answer.value, condition.value
    if condition.op == "includes":
        return isinstance(value, tuple) and target in value
    if condition.op in ("eq", "ne"):
        same = _same(value, target)
        return same if condition.op == "eq" else not same
    if not isinstance(value, Decimal) or not isinstance(target, Decimal):
        return False
    return {
        "lt": value < target,
        "le": value <= target,
        "gt": value > target,
        "ge": value >= target,
    }[condition.op]


def _same(value: object, target: object) -> bool:
    if isinstance(value, bool) or isinstance(target, bool):
        return value is target
    if isinstance(value, Decimal) and isinstance(target, Decimal):
        return value == target
    return str(value) == str(target)


def fired(rubric: Rubric, inputs: RuleInputs) -> list[RuleHit]:
    """Every rule of the rubric whose condition holds, in rubric order."""
    return [
        RuleHit(rule_id=r.id, kind=r.kind, title=r.title, pillar_id=r.pillar)
        for r in rubric.rules
        if holds(r.when, inputs)
    ]
