"""Scores: range, exact breakdown, N/A, worst answers, evidence, knock-outs, methods."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairshore.vetting.arithmetic import display
from fairshore.vetting.methods import METHODS, get_method
from fairshore.vetting.methods.deduction import DeductionMethod
from fairshore.vetting.methods.layered import LAYER_WEIGHTS
from fairshore.vetting.model import Answer, Assessment, Question
from fairshore.vetting.scoring import score
from tests.unit.vetting.vetting_builders import RUBRIC, assessment, document

AS_OF = date(2026, 10, 31)
EVIDENCE_TYPES = sorted({t for q in RUBRIC.questions for t in q.evidence})


def _value(question: Question) -> st.SearchStrategy[object]:
    if question.type == "yes_no":
        return st.booleans()
    if question.type == "single_choice":
        return st.sampled_from(question.option_ids)
    if question.type == "multiple_choice":
        return st.lists(st.sampled_from(question.option_ids), min_size=1, unique=True).map(
            lambda xs: tuple(o for o in question.option_ids if o in xs)
        )
    if question.type == "number":
        return st.decimals(min_value=0, max_value=10**6, places=2)
    if question.type == "percentage":
        return st.decimals(min_value=0, max_value=100, places=2)
    if question.type == "date":
        return st.dates(min_value=date(2015, 1, 1), max_value=date(2027, 12, 31))
    return st.text(min_size=1, max_size=5)


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    answers: dict[str, Answer] = {}
    for q in RUBRIC.questions:
        kind = draw(
            st.sampled_from(["answer", "blank", "na"] if q.na_allowed else ["answer", "blank"])
        )
        if kind == "answer":
            answers[q.id] = Answer(q.id, draw(_value(q)))
        elif kind == "na":
            answers[q.id] = Answer(q.id, None, na=True)
    return Assessment(
        "acme",
        RUBRIC.id,
        RUBRIC.version,
        ("site-a",),
        {"handles_personal_data": draw(st.booleans())},
        answers,
    )


documents = st.lists(
    st.builds(
        document,
        st.sampled_from(EVIDENCE_TYPES),
        valid_until=st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2028, 1, 1))),
        status=st.sampled_from(["self_declared", "document_provided", "verified_by_auditor"]),
        scope=st.sampled_from([("site-a",), ("site-b",), ("*",)]),
        sha=st.text("0123456789abcdef", min_size=64, max_size=64),
    ),
    max_size=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments(), documents, st.sampled_from(sorted(METHODS)))
def test_score_stays_in_range_and_breakdown_sums_exactly(a, docs, method_id) -> None:
    result = score(RUBRIC, a, docs, method=get_method(method_id), as_of=AS_OF)
    assert 0 <= result.total <= 100
    assert sum((c.points for c in result.contributions), Fraction(0)) == result.total
    assert 0 <= result.confidence <= 1
    for pillar in result.pillars:
        assert pillar.score is None or 0 <= pillar.score <= 100
    # the rounded breakdown shown to people still adds up to the rounded total
    shown = display([c.points for c in result.contributions])
    assert (
        float(sum(shown)) == round(float(result.total), 2)
        or abs(float(sum(shown)) - float(result.total)) <= 0.005 + 1e-9  # half a cent
    )


def _perfect() -> dict[str, object]:
    best: dict[str, object] = {}
    for q in RUBRIC.questions:
        if q.type == "yes_no":
            best[q.id] = "yes" if q.yes_credit == 1 else "no"
        elif q.type == "single_choice":
            best[q.id] = max(q.options, key=lambda o: o.credit).id
        elif q.type == "multiple_choice":
            best[q.id] = ", ".join(o.id for o in q.options if o.credit > 0)
        elif q.type in ("number", "percentage"):
            band = max(q.bands, key=lambda b: b.credit)
            best[q.id] = str(band.min if band.min is not None else 0)
        elif q.type == "date":
            best[q.id] = AS_OF.isoformat()
        else:
            best[q.id] = "document on file"
    return best


ALL_DOCS = [document(t, status="verified_by_auditor") for t in EVIDENCE_TYPES]


@pytest.mark.parametrize("method_id", sorted(METHODS))
def test_perfect_evidenced_answers_score_100(method_id: str) -> None:
    result = score(
        RUBRIC, assessment(_perfect()), ALL_DOCS, method=get_method(method_id), as_of=AS_OF
    )
    assert result.total == 100
    assert result.confidence == 1
    assert not result.knock_outs


def test_unanswered_required_counts_as_worst_and_na_leaves_the_denominator() -> None:
    base = _perfect()
    m = get_method("weighted")
    full = score(RUBRIC, assessment(base), ALL_DOCS, method=m, as_of=AS_OF)
    blank = dict(base)
    del blank["lab.living-wage-all"]
    worst = score(RUBRIC, assessment(blank), ALL_DOCS, method=m, as_of=AS_OF)
    line = next(c for c in worst.contributions if c.question_id == "lab.living-wage-all")
    assert line.status == "unanswered_required" and line.points == 0
    # labour: weights 3 of 14 in a pillar worth 20/100 -> 100 x 0.2 x 3/14 lost
    assert full.total - worst.total == Fraction(100) * Fraction(20, 100) * Fraction(3, 14)
    # N/A on a question that allows it keeps the perfect score (leaves the denominator)
    na = dict(base)
    del na["sec.pci"]
    assert (
        score(RUBRIC, assessment(na, na=("sec.pci",)), ALL_DOCS, method=m, as_of=AS_OF).total == 100
    )


def test_unanswered_optional_leaves_the_denominator() -> None:
    base = _perfect()
    del base["pro.cmmi-level"]  # optional
    result = score(RUBRIC, assessment(base), ALL_DOCS, method=get_method("weighted"), as_of=AS_OF)
    assert result.total == 100


def test_expired_evidence_counts_as_none() -> None:
    answers = {"lab.attrition": "15"}
    m = get_method("weighted")
    valid = score(RUBRIC, assessment(answers), [document("hr_report")], method=m, as_of=AS_OF)
    expired = score(
        RUBRIC,
        assessment(answers),
        [document("hr_report", valid_until=date(2026, 10, 30))],
        method=m,
        as_of=AS_OF,
    )
    nothing = score(RUBRIC, assessment(answers), [], method=m, as_of=AS_OF)
    line = {
        r: next(c for c in s.contributions if c.question_id == "lab.attrition")
        for r, s in (("valid", valid), ("expired", expired), ("none", nothing))
    }
    assert line["valid"].evidence == "valid" and line["valid"].evidence_factor == 1
    assert line["expired"].evidence == "none"
    assert line["expired"].points == line["none"].points == line["valid"].points / 2
    assert expired.total == nothing.total
    assert [w.days_left for w in expired.expiry_warnings] == [-1]


def test_out_of_scope_and_future_evidence_count_as_none() -> None:
    answers = {"lab.attrition": "15"}
    m = get_method("weighted")
    other_site = score(
        RUBRIC,
        assessment(answers),
        [document("hr_report", scope=("site-b",))],
        method=m,
        as_of=AS_OF,
    )
    not_yet = score(
        RUBRIC,
        assessment(answers),
        [document("hr_report", valid_from=date(2027, 1, 1))],
        method=m,
        as_of=AS_OF,
    )
    nothing = score(RUBRIC, assessment(answers), [], method=m, as_of=AS_OF)
    assert other_site.total == not_yet.total == nothing.total


def test_expiry_warned_ahead_of_time() -> None:
    soon = document("iso27001", valid_until=date(2026, 12, 15))
    later = document("soc2_type2", valid_until=date(2027, 6, 1))
    result = score(
        RUBRIC,
        assessment({}),
        [soon, later],
        method=get_method("weighted"),
        as_of=AS_OF,
        warn_days=60,
    )
    assert [(w.type, w.days_left) for w in result.expiry_warnings] == [("iso27001", 45)]


def test_knock_out_without_valid_security_certificate_when_personal_data_in_scope() -> None:
    m = get_method("weighted")
    ids = lambda s: [k.rule_id for k in s.knock_outs]  # noqa: E731
    a = assessment({"sec.dpa": "yes"})
    assert ids(score(RUBRIC, a, [], method=m, as_of=AS_OF)) == ["ko.no-security-certificate"]
    expired = document("iso27001", valid_until=date(2026, 1, 1))
    assert ids(score(RUBRIC, a, [expired], method=m, as_of=AS_OF)) == ["ko.no-security-certificate"]
    self_declared = document("soc2_type2", status="self_declared")
    assert ids(score(RUBRIC, a, [self_declared], method=m, as_of=AS_OF)) == [
        "ko.no-security-certificate"
    ]
    assert ids(score(RUBRIC, a, [document("soc2_type2")], method=m, as_of=AS_OF)) == []
    assert ids(score(RUBRIC, a, [document("iso27001")], method=m, as_of=AS_OF)) == []
    no_pd = assessment({"sec.dpa": "yes"}, personal_data=False)
    result = score(RUBRIC, no_pd, [], method=m, as_of=AS_OF)
    assert ids(result) == [] and result.eligible


def test_labour_knock_outs_and_flags() -> None:
    a = assessment(
        {
            "lab.id-documents-retained": "yes",
            "lab.minimum-age": "14",
            "lab.attrition": "45",
            "lab.in-house-share": "100",
            "sec.dpa": "no",
        }
    )
    result = score(RUBRIC, a, [document("iso27001")], method=get_method("weighted"), as_of=AS_OF)
    assert {k.rule_id for k in result.knock_outs} == {
        "ko.forced-labour",
        "ko.child-labour",
        "ko.no-dpa",
    }
    assert {"rf.high-attrition", "rf.below-living-wage"} <= {r.rule_id for r in result.red_flags}
    assert "gl.all-in-house" in {g.rule_id for g in result.green_lights}
    assert not result.eligible


def test_confidence_is_the_share_of_claims_with_valid_evidence() -> None:
    a = assessment(
        {
            "lab.attrition": "15",
            "lab.in-house-share": "100",
            "lab.weekly-hours": "40",
            "lab.living-wage-all": "no",
        }
    )
    # attrition and in-house share backed by the HR report; weekly hours (hr_policy) not;
    # "no" to the living wage claims nothing.
    result = score(RUBRIC, a, [document("hr_report")], method=get_method("weighted"), as_of=AS_OF)
    assert result.confidence == Fraction(2, 3)


def test_layered_method_uses_ecovadis_layer_weights() -> None:
    # ethics-standards.md: EcoVadis layers policies ~25 %, actions ~40 %, results ~35 %.
    assert LAYER_WEIGHTS == {"policy": 25, "action": 40, "result": 35}
    only_policies = {
        q.id: v
        for q in RUBRIC.pillar_questions("voice")
        if q.layer == "policy"
        for v in [_perfect()[q.id]]
    }
    result = score(
        RUBRIC, assessment(only_policies), ALL_DOCS, method=get_method("layered"), as_of=AS_OF
    )
    voice = next(p for p in result.pillars if p.pillar_id == "voice")
    # policy full, action layer unanswered (required: worst), result layer only optional
    # and unanswered (leaves the denominator): 100 x 25 / (25 + 40)
    assert voice.score == Fraction(100 * 25, 25 + 40)


def test_unevidenced_claims_earn_nothing_in_layered_but_half_in_weighted() -> None:
    a = assessment({"lab.attrition": "15"})
    w = score(RUBRIC, a, [], method=get_method("weighted"), as_of=AS_OF)
    lay = score(RUBRIC, a, [], method=get_method("layered"), as_of=AS_OF)
    line = lambda s: next(c for c in s.contributions if c.question_id == "lab.attrition")  # noqa: E731
    assert line(w).evidence_factor == Fraction(1, 2)
    assert line(lay).evidence_factor == 0 and line(lay).points == 0


def test_deduction_method_follows_rba_points_and_bands() -> None:
    # ethics-standards.md (RBA audit): 200 points; priority -20, major -4, minor -1;
    # green above 180, yellow 160-180, red 160 or below.
    answers = _perfect()
    answers["lab.id-documents-retained"] = "yes"  # priority nonconformity
    answers["lab.overtime"] = "13"  # major
    answers["tra.reporting-frequency"] = "on-request"  # minor
    result = score(RUBRIC, assessment(answers), ALL_DOCS, method=DeductionMethod(), as_of=AS_OF)
    assert result.total * 2 == 200 - 20 - 4 - 1
    assert result.band == "yellow"
    answers["lab.minimum-age"] = "14"  # another priority: 155 -> red
    result = score(RUBRIC, assessment(answers), ALL_DOCS, method=DeductionMethod(), as_of=AS_OF)
    assert result.total * 2 == 155 and result.band == "red"


def test_scores_name_their_rubric_and_method_versions() -> None:
    result = score(RUBRIC, assessment({}), [], method=get_method("layered@1"), as_of=AS_OF)
    assert (result.rubric, result.method) == ("ethical-bpo@2", "layered@1")


def test_display_rounding_keeps_the_sum() -> None:
    parts = [Fraction(1, 3)] * 3
    assert [str(d) for d in display(parts)] == ["0.34", "0.33", "0.33"]
    assert sum(display(parts)) == 1


def test_the_worked_example_of_the_docs() -> None:
    # docs/vetting.md: attrition 32 % (credit 3/5), labour 20/100, weight 1.5 of 14.
    m = get_method("weighted")
    a = assessment({"lab.attrition": "32"})
    line = lambda s: next(c for c in s.contributions if c.question_id == "lab.attrition")  # noqa: E731
    valid = score(RUBRIC, a, [document("hr_report")], method=m, as_of=AS_OF)
    assert line(valid).points == Fraction(9, 7)
    expired = [document("hr_report", valid_until=date(2026, 1, 1))]
    assert line(score(RUBRIC, a, expired, method=m, as_of=AS_OF)).points == Fraction(9, 14)
