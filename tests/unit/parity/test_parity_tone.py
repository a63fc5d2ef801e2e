"""VADER tone scores: the published README example, and uncovered languages left unscored."""

from __future__ import annotations

import math

import pytest

from fairshore.parity.tone import covered, score_replies


def test_vader_readme_example() -> None:
    # vaderSentiment README: "VADER is smart, handsome, and funny." -> compound 0.8316
    s = score_replies(["VADER is smart, handsome, and funny."], ["en"])
    assert s.compound[0] == pytest.approx(0.8316, abs=1e-4)
    assert bool(s.positive[0])


def test_other_languages_are_not_covered() -> None:
    s = score_replies(["Gracias, con mucho gusto", "Thanks!", "Danke"], ["es", "en-GB", "de"])
    assert s.covered.tolist() == [False, True, False]
    assert math.isnan(s.compound[0]) and math.isnan(s.compound[2])
    assert not s.positive[0]
    assert covered("EN") and not covered(None)
