"""A demo feed's file pattern matches its file series (the demo registers its feeds as
folder sources)."""

from __future__ import annotations

import pytest

from fairshore.demo.feeds import file_pattern


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
