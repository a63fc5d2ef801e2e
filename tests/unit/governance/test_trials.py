"""Pilot outcomes and decisions: exit beats fail beats insufficient data beats pass."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairshore.contracts.model import TermResult
from fairshore.errors import GovernanceError
from fairshore.sourcing.trials import check_decision, outcome_of

STATUSES = ("met", "breached", "insufficient_data")


def _r(status: str) -> TermResult:
    return TermResult(
        term_id="t",
        kind="service",
        metric="service_level",
        comparator=">=",
        target=0.8,
        value=0.8,
        status=status,  # type: ignore[arg-type]
        margin=0.0,
        sample_size=50,
        min_sample=30,
        credit_share=0.0,
        credit=0.0,
    )


@given(
    st.lists(st.sampled_from(STATUSES), min_size=1, max_size=5),
    st.lists(st.sampled_from(STATUSES), max_size=5),
)
def test_outcome_rules(success: list[str], exit_: list[str]) -> None:
    outcome = outcome_of([_r(s) for s in success], [_r(s) for s in exit_])
    if "breached" in exit_:
        assert outcome == "exit"
    elif "breached" in success:
        assert outcome == "fail"
    elif set(success) == {"met"}:
        assert outcome == "pass"
    else:
        assert outcome == "insufficient_data"


def test_decisions_that_follow_the_figures_need_no_note() -> None:
    assert check_decision("pass", "pass", note=None) == "pass"
    assert check_decision("fail", "exit", note=None) == "fail"
    assert check_decision("extend", "insufficient_data", note=None) == "extend"


@pytest.mark.parametrize(("decision", "outcome"), [("pass", "exit"), ("fail", "pass")])
def test_overriding_the_figures_needs_a_note(decision: str, outcome: str) -> None:
    with pytest.raises(GovernanceError, match="add --note"):
        check_decision(decision, outcome, note="  ")  # type: ignore[arg-type]
    assert check_decision(decision, outcome, note="why") == decision  # type: ignore[arg-type]
