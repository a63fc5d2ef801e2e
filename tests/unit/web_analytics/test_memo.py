"""The analytics pages' memo: a result is kept until the lake stamp changes."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from fairshore.entrypoints.web.lake_memo import LakeMemo, num
from fairshore.entrypoints.web.views_analytics import parse_by


def test_a_result_is_kept_until_its_stamp_changes() -> None:
    memo, calls = LakeMemo(), []
    for stamp in (1, 1, 2, 2):
        memo.get(("kpis", "telco-blr"), (stamp,), lambda s=stamp: calls.append(s) or s)
    assert calls == [1, 2]


@given(st.lists(st.integers(0, 20), max_size=60), st.integers(1, 5))
def test_the_memo_never_holds_more_than_its_size(keys: list[int], size: int) -> None:
    memo = LakeMemo(size=size)
    for k in keys:
        assert memo.get(k, 0, lambda k=k: k * 2) == k * 2
    assert len(memo._items) <= size


def test_numbers_for_the_api_are_plain_or_null() -> None:
    assert num(Fraction(1, 4)) == 0.25
    assert num(math.nan) is None and num(math.inf) is None and num(None) is None
    assert num(3) == 3.0


def test_by_defaults_to_month_and_channel() -> None:
    assert parse_by(None) == ("month", "channel")
    assert parse_by("month, language") == ("month", "language")
    assert parse_by("channel,channel,month") == ("channel", "month")  # Ibis refuses twins


def test_concurrent_requests_compute_once() -> None:
    import threading
    import time

    memo, calls = LakeMemo(), []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(memo.get("k", 0, slow))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 8 and calls == [1]
