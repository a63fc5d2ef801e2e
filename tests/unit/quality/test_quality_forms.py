"""QA forms: packaged YAML, weights, and scoring with critical items."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairshore.errors import InputError, NotFoundError
from fairshore.quality.forms import get_form, load_forms, parse_form, score_evaluation
from fairshore.quality.model import SECTIONS


def test_packaged_forms_cover_every_section_and_weigh_100() -> None:
    forms = load_forms()
    assert [(f.id, f.version) for f in forms] == [("contact-centre", "1"), ("contact-centre", "2")]
    for form in forms:
        assert tuple(s.id for s in form.sections) == SECTIONS
        assert sum(i.weight for i in form.items) == pytest.approx(100)
        assert form.critical_items  # compliance items fail the evaluation
    assert get_form("contact-centre").version == "2"  # latest by default
    assert "vulnerability" in get_form("contact-centre", "2").critical_items
    assert "vulnerability" not in get_form("contact-centre", "1").critical_items


def test_unknown_form_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="contact-centre@1"):
        get_form("nope")


def test_all_met_scores_100_and_passes() -> None:
    form = get_form("contact-centre", "1")
    scored = score_evaluation(form, {i.id: 1.0 for i in form.items})
    assert scored.total == 100 and scored.passed and not scored.auto_fail


def test_hand_computed_partial_score() -> None:
    # v1 weights: correct_information 12 at half, root_cause 6 at zero, the rest in full:
    # (100 - 6 - 6) / 100 = 88 points; accuracy section (12*.5 + 12 + 0) / 30 = 60 %.
    form = get_form("contact-centre", "1")
    answers = {i.id: 1.0 for i in form.items}
    answers["correct_information"] = 0.5
    answers["root_cause"] = 0.0
    scored = score_evaluation(form, answers)
    assert scored.total == 88.0
    assert scored.by_section["accuracy_and_resolution"] == 60.0
    assert scored.passed  # pass mark 80


def test_a_failed_critical_item_fails_the_whole_evaluation() -> None:
    form = get_form("contact-centre", "1")
    answers = {i.id: 1.0 for i in form.items}
    answers["identity_verified"] = 0.0
    scored = score_evaluation(form, answers)
    assert scored.auto_fail and scored.total == 0 and not scored.passed
    assert scored.raw_total == 92.0  # what it would have scored: 100 - 8
    assert scored.failed_critical == ("identity_verified",)


def test_unanswered_items_leave_the_denominator() -> None:
    form = get_form("contact-centre", "1")
    scored = score_evaluation(form, {"correct_information": 1.0, "root_cause": 0.5})
    assert scored.total == pytest.approx(100 * (12 + 3) / 18, abs=0.01)


def test_bad_answers_are_input_errors() -> None:
    form = get_form("contact-centre", "1")
    with pytest.raises(InputError, match="not on form"):
        score_evaluation(form, {"made_up": 1.0})
    with pytest.raises(InputError, match="between 0 and 1"):
        score_evaluation(form, {"courteous": 2.0})


def test_a_form_whose_weights_do_not_add_to_100_is_refused() -> None:
    text = """
id: x
version: "1"
title: X
sections:
  - id: compliance
    title: C
    items: [{id: a, text: A, weight: 50}]
"""
    with pytest.raises(InputError, match="add up to 50"):
        parse_form(text, source="x.yaml")


@given(st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), min_size=13, max_size=13))
def test_a_score_stays_in_its_range(shares: list[float]) -> None:
    form = get_form("contact-centre", "1")
    scored = score_evaluation(form, dict(zip([i.id for i in form.items], shares, strict=True)))
    assert 0 <= scored.total <= 100
    assert scored.auto_fail == (scored.total == 0 and bool(scored.failed_critical))
