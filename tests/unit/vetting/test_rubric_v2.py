"""Rubric ethical-bpo@2: three declared figures added, no vendor's score changed.

Version 2 asks for energy per contact handled, the renewable share as a figure and the
employee net promoter score (eNPS = % promoters 9-10 minus % detractors 0-6, Bain &
Company's Net Promoter definition) to set beside measured data; none is scored, so each
demo vendor scores the same under @1 and @2 with every method.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fairshore.vetting.answers import is_na, parse_value
from fairshore.vetting.claims import declared_figure
from fairshore.vetting.demo_assessments import DEMO_VENDORS, demo_data
from fairshore.vetting.methods import METHODS, get_method
from fairshore.vetting.model import Answer, Assessment, Rubric
from fairshore.vetting.rubric import get_rubric
from fairshore.vetting.scoring import score

AS_OF = date(2026, 10, 31)
NEW = ("env.energy-per-contact", "wel.enps")


def demo_assessment(rubric: Rubric, vendor_id: str) -> Assessment:
    data = demo_data(vendor_id)
    known = {q.id for q in rubric.questions}
    answers = {
        qid: Answer(qid, None, na=True)
        if is_na(raw)
        else Answer(qid, parse_value(rubric.question(qid), raw))
        for qid, raw in data["answers"].items()
        if qid in known
    }
    return Assessment(
        vendor_id=vendor_id, rubric_id=rubric.id, rubric_version=rubric.version,
        scope=tuple(data["scope"]), context=dict(data["context"]), answers=answers,
    )  # fmt: skip


@pytest.mark.parametrize("method_id", sorted(METHODS))
@pytest.mark.parametrize("vendor_id", DEMO_VENDORS)
def test_a_vendor_scores_the_same_under_both_versions(vendor_id: str, method_id: str) -> None:
    old, new = get_rubric("ethical-bpo@1"), get_rubric("ethical-bpo@2")
    method = get_method(method_id)
    before = score(old, demo_assessment(old, vendor_id), [], method=method, as_of=AS_OF)
    after = score(new, demo_assessment(new, vendor_id), [], method=method, as_of=AS_OF)
    assert set(NEW) <= set(demo_assessment(new, vendor_id).answers)  # the demo answers them
    assert (after.total, after.band) == (before.total, before.band)
    assert (before.rubric, after.rubric) == ("ethical-bpo@1", "ethical-bpo@2")


def test_the_new_questions_declare_figures() -> None:
    rubric = get_rubric("ethical-bpo@2")
    assert {q.id for q in rubric.questions} - {
        q.id for q in get_rubric("ethical-bpo@1").questions
    } == set(NEW)
    enps, energy = rubric.question("wel.enps"), rubric.question("env.energy-per-contact")
    renewable = rubric.question("env.renewable-share")
    assert enps.weight == 0 and energy.weight == 0 and not enps.required
    assert enps.claim is not None and enps.claim.key == "enps"  # what the worker pulse reads
    assert declared_figure(enps.claim, parse_value(enps, "+20")) == Decimal(20)
    assert energy.claim is not None and not energy.claim.higher_is_better
    assert renewable.claim is not None
    assert declared_figure(renewable.claim, parse_value(renewable, "35")) == Decimal("0.35")


def test_only_a_question_whose_bands_go_below_zero_takes_a_negative_number() -> None:
    rubric = get_rubric("ethical-bpo@2")
    assert parse_value(rubric.question("wel.enps"), "-100") == Decimal(-100)
    with pytest.raises(ValueError, match="-100 or more"):
        parse_value(rubric.question("wel.enps"), "-101")
    with pytest.raises(ValueError, match="0 or more"):
        parse_value(rubric.question("env.energy-per-contact"), "-0.2")
