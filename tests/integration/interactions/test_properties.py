"""Properties of ingest for arbitrary files: accepted + quarantined = read, and
ingesting the same content again changes nothing."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairshore.adapters.lake import Lake
from fairshore.bootstrap import init_workspace
from fairshore.config import load_settings
from fairshore.interactions.services import ingest_files

from .workspace_files import add_engagement

COLUMNS = ["interaction_id", "channel", "arrived_at", "answered_at", "handle_seconds", "csat"]
times = st.one_of(
    st.just(""),
    st.datetimes(
        min_value=datetime(2025, 1, 1),
        max_value=datetime(2026, 12, 31),
    ).map(lambda d: d.isoformat(timespec="seconds")),
    st.sampled_from(["2026-02-30T10:00:00", "noon", "2026-03-01T10:00:00Z", "2026-03-01"]),
)
rows = st.lists(
    st.fixed_dictionaries(
        {
            "interaction_id": st.sampled_from(["", "a", "b", "c", "d", "e", "f", "g", "h"]),
            "channel": st.sampled_from(["voice", "chat", "EMAIL", "", "fax"]),
            "arrived_at": times,
            "answered_at": times,
            "handle_seconds": st.sampled_from(["", "0", "12.5", "-3", "x", "99999"]),
            "csat": st.sampled_from(["", "1", "5", "0", "6", "3.5", "good"]),
        }
    ),
    min_size=1,
    max_size=25,
)


def _text(data: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return out.getvalue()


@pytest.mark.slow
def test_every_row_is_accounted_for_and_reingest_is_idempotent(tmp_path: Path) -> None:
    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    counter = itertools.count()

    @settings(
        max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(data=rows)
    def check(data: list[dict[str, str]]) -> None:
        n = next(counter)
        engagement = f"e{n}"
        add_engagement(ws, engagement)
        path = tmp_path / f"f{n}.csv"
        path.write_text(_text(data), encoding="utf-8")
        first = ingest_files(ws, table="interactions", paths=[path], engagement_id=engagement)
        assert first.status == "accepted"
        assert first.rows_read == len(data)
        assert first.rows_accepted + first.rows_quarantined == first.rows_read
        assert sum(first.reasons.values()) == first.rows_quarantined
        files = Lake(ws.lake).files("interactions", engagement)
        before = {p: p.read_bytes() for p in files}
        again = ingest_files(ws, table="interactions", paths=[path], engagement_id=engagement)
        assert again.status == "duplicate"
        assert (again.batch_id, again.rows_accepted) == (first.batch_id, first.rows_accepted)
        assert {
            p: p.read_bytes() for p in Lake(ws.lake).files("interactions", engagement)
        } == before

    check()
    ws.close()
