"""Reading ahead in a thread keeps the order, raises a producer's error in its turn, and
stops producing when the consumer stops (the CSV reader's blocks, a sync's pages)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from fairshore.read_ahead import read_ahead
from fairshore.sources.http import SourceError


def test_items_come_in_order_and_an_error_in_its_turn() -> None:
    def pages() -> Iterator[int]:
        yield 1
        yield 2
        raise SourceError("gave up after 5 retries: server error 503")

    got: list[int] = []
    with pytest.raises(SourceError, match="503"):
        for page in read_ahead(pages):
            got.append(page)
    assert got == [1, 2]  # both pages before the error reached the consumer


def test_a_consumer_that_stops_stops_the_producer() -> None:
    asked: list[int] = []

    def pages() -> Iterator[int]:
        for n in range(1, 1000):
            asked.append(n)
            yield n

    for page in read_ahead(pages, ahead=1):
        if page == 3:
            break
    assert asked[-1] <= 5  # one waiting, one in hand, one being put: not the thousand


def test_no_more_than_ahead_items_wait_unread() -> None:
    made: list[int] = []

    def blocks() -> Iterator[int]:
        for n in range(100):
            made.append(n)
            yield n

    reader = read_ahead(blocks, ahead=2)
    assert next(reader) == 0
    time.sleep(0.5)  # the producer runs ahead as far as it may
    assert len(made) <= 4  # the one read, two waiting, one being put
    assert list(reader) == list(range(1, 100))
