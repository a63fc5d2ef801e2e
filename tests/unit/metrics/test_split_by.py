"""Grouping tokens: dimensions, at most one period, repeats grouped once."""

from __future__ import annotations

import pytest

from fairshore.errors import InputError
from fairshore.metrics.services import split_by


def test_dimensions_and_one_period() -> None:
    assert split_by(["month", " channel", "seg_tier", ""]) == (["channel", "seg_tier"], "month")


def test_a_repeated_token_groups_once() -> None:
    assert split_by(["channel", "month", "channel", "month"]) == (["channel"], "month")


@pytest.mark.parametrize("tokens", [["month", "week"], ["colour"]])
def test_refused(tokens: list[str]) -> None:
    with pytest.raises(InputError):
        split_by(tokens)
