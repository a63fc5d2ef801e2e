"""Fetching ahead keeps the order, raises a fetch error in its turn, and stops asking
for more when the consumer stops; a demo feed's pattern matches its file series."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fairshore.demo.feeds import file_pattern
from fairshore.sources.http import SourceError
from fairshore.sources.prefetch import prefetched


def test_items_come_in_order_and_an_error_in_its_turn() -> None:
    def pages() -> Iterator[int]:
        yield 1
        yield 2
        raise SourceError("gave up after 5 retries: server error 503")

    got: list[int] = []
    with pytest.raises(SourceError, match="503"):
        for page in prefetched(pages()):
            got.append(page)
    assert got == [1, 2]  # both pages before the error reached the consumer


def test_a_consumer_that_stops_stops_the_fetching() -> None:
    asked: list[int] = []

    def pages() -> Iterator[int]:
        for n in range(1, 1000):
            asked.append(n)
            yield n

    for page in prefetched(pages(), ahead=1):
        if page == 3:
            break
    assert asked[-1] <= 5  # one waiting, one in hand, one being put: not the thousand


@pytest.mark.parametrize(
    ("names", "pattern"),
    [
        (["tickets-00001.json", "ticket_metrics-00001.json"], "ticket*.json"),
        (["calls-2025-11.tsv", "calls-2025-12.tsv"], "calls*.tsv"),
        (["agents.csv"], "agents.csv"),
    ],
)
def test_a_demo_feed_pattern_matches_its_series(names: list[str], pattern: str) -> None:
    assert file_pattern(names) == pattern
