"""The Ethical BPO Scorecard: rubrics, questionnaires, evidence, scoring, ranking.

The public API is the modules named in ``__all__``: other packages import only those
(``scripts/check_house.py`` in ``make check``); the rest is this feature's own.
"""

__all__ = [
    "alerts",
    "answers",
    "arithmetic",
    "audit_plan",
    "claims",
    "demo_assessments",
    "energy",
    "energy_services",
    "evidence",
    "measured",
    "methods",
    "model",
    "questionnaire",
    "ranking",
    "rubric",
    "scores",
    "services",
    "submissions",
]
