"""Use cases of vendor due diligence: load, call the domain, save.

One module per use case: answering the questionnaire (``assessments``), evidence
documents (``documents``), scoring and ranking by the evidence (``scorecards``),
contests (``contests``) and engagement criticality (``criticality``). Every public name
stays importable from ``fairshore.vetting.services``.
"""

from __future__ import annotations

from fairshore.vetting.services.assessments import (
    DEFAULT_CONTEXT,
    answer_question,
    answer_questions,
    export_questionnaire,
    import_questionnaire,
    load_assessment,
    save_answers,
    set_assessment_scope,
)
from fairshore.vetting.services.contests import (
    contest_item,
    contestable_items,
    list_contests,
    resolve_contest,
    upheld_measurement_contests,
)
from fairshore.vetting.services.criticality import (
    assess_criticality,
    list_criticality,
    override_criticality,
)
from fairshore.vetting.services.documents import (
    EvidenceStatus,
    add_evidence,
    claim_evidence_state,
    evidence_by_question,
    evidence_status,
    list_evidence,
)
from fairshore.vetting.services.scorecards import (
    MEASURED_MONTHS,
    assessed_vendors,
    check_claims,
    compare_claims,
    measure_claims,
    measure_vendor,
    measured_period,
    rank_vendors,
    score_vendor,
    scorecard,
    vendor_claims,
    worst_claims,
)

__all__ = [
    "DEFAULT_CONTEXT",
    "MEASURED_MONTHS",
    "EvidenceStatus",
    "add_evidence",
    "answer_question",
    "answer_questions",
    "assess_criticality",
    "assessed_vendors",
    "check_claims",
    "claim_evidence_state",
    "compare_claims",
    "contest_item",
    "contestable_items",
    "evidence_by_question",
    "evidence_status",
    "export_questionnaire",
    "import_questionnaire",
    "list_contests",
    "list_criticality",
    "list_evidence",
    "load_assessment",
    "measure_claims",
    "measure_vendor",
    "measured_period",
    "override_criticality",
    "rank_vendors",
    "resolve_contest",
    "save_answers",
    "score_vendor",
    "scorecard",
    "set_assessment_scope",
    "upheld_measurement_contests",
    "vendor_claims",
    "worst_claims",
]
