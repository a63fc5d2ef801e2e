"""Grievance workflow, deadlines, receipts and k-anonymous aggregates (no I/O)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairshore.errors import GovernanceError
from fairshore.people import voice

DAY = date(2026, 3, 2)


def case(category: voice.Category = "pay", site: str | None = None) -> voice.Grievance:
    return voice.open_grievance(
        engagement_id="e", category=category, body="text", site_id=site, today=DAY
    )


def test_workflow_moves_one_step_at_a_time() -> None:
    c = case()
    c = voice.advance(c, "acknowledged", today=DAY)
    c = voice.advance(c, "investigating", today=DAY + timedelta(days=1))
    c = voice.advance(c, "resolved", today=DAY + timedelta(days=5))
    assert (c.status, c.acknowledged_on, c.resolved_on) == ("resolved", DAY, DAY + timedelta(5))
    with pytest.raises(GovernanceError, match="closed"):
        voice.advance(c, "received", today=DAY)


@pytest.mark.parametrize(
    ("start", "to"),
    [("received", "investigating"), ("received", "resolved"), ("acknowledged", "received")],
)
def test_illegal_transitions_are_refused(start: voice.Status, to: voice.Status) -> None:
    c = case().model_copy(update={"status": start})
    with pytest.raises(GovernanceError):
        voice.advance(c, to, today=DAY)


def test_deadlines_and_escalation() -> None:
    urgent, normal = case("harassment"), case("pay")
    assert urgent.ack_due_on == DAY + timedelta(days=2)
    assert normal.ack_due_on == DAY + timedelta(days=7)
    assert voice.overdue_findings(normal, today=DAY + timedelta(days=7)) == []
    late = voice.overdue_findings(urgent, today=DAY + timedelta(days=3))
    assert [f.source for f in late] == ["voice"]
    assert late[0].severity == "critical"
    assert late[0].key.endswith(":unacknowledged")
    # the finding carries no text and no site
    assert "text" not in str(late[0].evidence) and "site" not in late[0].evidence
    acked = voice.advance(urgent, "acknowledged", today=DAY + timedelta(days=1))
    assert voice.overdue_findings(acked, today=DAY + timedelta(days=3)) == []
    unresolved = voice.overdue_findings(acked, today=DAY + timedelta(days=31))
    assert [f.key.rsplit(":", 1)[1] for f in unresolved] == ["unresolved"]


def test_receipt_codes_are_random_and_digest_normalises() -> None:
    a, b = voice.new_receipt(), voice.new_receipt()
    assert a != b
    assert len(a.replace("-", "")) == 32  # 160 bits in base32
    assert voice.receipt_digest(a) == voice.receipt_digest(a.lower().replace("-", " "))
    assert a not in voice.receipt_digest(a)


def test_small_groups_are_pooled_and_never_named() -> None:
    cases = [case("pay", "s1")] * 6 + [case("hours", "s2")] * 2 + [case("other", "s3")] * 5
    agg = voice.aggregate(cases, by="category")
    assert [(r.group, r.reports) for r in agg.rows] == [
        ("other", 5), ("pay", 6), (voice.SUPPRESSED, None),
    ]  # fmt: skip
    # 13 - 11 would reveal the two "hours" reports: the total is hidden too
    assert agg.total is None
    big = voice.aggregate(cases + [case("harassment")] * 3, by="category")
    assert (big.rows[-1].reports, big.total) == (5, 16)  # a pool of 5 may be shown
    tiny = voice.aggregate(cases[:3], by="site")
    assert tiny.total is None and [r.reports for r in tiny.rows] == [None]


def test_aggregates_never_reveal_a_group_under_k() -> None:
    cases = [case("pay")] * 7 + [case("hours")] * 6 + [case("harassment")]
    for by in ("category", "status", "site", "month"):
        for row in voice.aggregate(cases, by=by).rows:
            assert row.reports is None or row.reports >= voice.K_ANONYMITY


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(voice.CATEGORIES), st.sampled_from(["s1", "s2", "s3", None])),
        max_size=40,
    )
)
def test_no_aggregate_reveals_a_small_group(
    reports: list[tuple[voice.Category, str | None]],
) -> None:
    cases = [case(c, s) for c, s in reports]
    for by in ("category", "site", "status"):
        agg = voice.aggregate(cases, by=by)
        shown = [r.reports for r in agg.rows if r.reports is not None]
        assert all(n >= voice.K_ANONYMITY for n in shown)
        assert sum(r.suppressed for r in agg.rows) <= 1  # one unnamed pool at most
        if agg.total is not None:
            # what the total reveals beyond the shown rows is a pool of at least k
            rest = agg.total - sum(shown)
            assert rest == 0 or rest >= voice.K_ANONYMITY
