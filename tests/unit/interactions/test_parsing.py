"""Vectorised parsing, satisfaction scales, duplicate keys and one ACD call, no I/O."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import numpy as np
import pyarrow as pa
import pytest

from fairshore.interactions.adapters.acd import RowProblemError, convert_call
from fairshore.interactions.adapters.zendesk import satisfaction
from fairshore.interactions.duplicates import KeyIndex, first_occurrences, key_hashes
from fairshore.interactions.mapping import acd_mapping, load_mapping
from fairshore.interactions.model import ReadContext
from fairshore.interactions.parsing import parse_bools, parse_dates, parse_numbers, parse_timestamps


def ctx() -> ReadContext:
    return ReadContext(
        table="interactions",
        engagement_id="e",
        source_tz="Asia/Jerusalem",
        chunk_rows=10,
        max_bytes=10**6,
        segment_columns=[],
    )


def test_mixed_timestamps_local_and_offset() -> None:
    values = pa.array(
        [
            "2026-01-10T10:00:00",
            "2026-01-10T10:00:00+05:30",
            "2026-01-10 10:00Z",
            "2026-02-30T00:00:00",
            "soon",
            None,
        ]
    )
    out = parse_timestamps(values, tz="Europe/Warsaw").to_pylist()
    assert out[:3] == [
        datetime(2026, 1, 10, 9, tzinfo=UTC),
        datetime(2026, 1, 10, 4, 30, tzinfo=UTC),
        datetime(2026, 1, 10, 10, tzinfo=UTC),
    ]
    assert out[3:] == [None, None, None]


def test_numbers_bools_dates() -> None:
    assert parse_numbers(pa.array(["1.5", " 2 ", "x", None]), integer=False).to_pylist() == [
        1.5,
        2.0,
        None,
        None,
    ]
    assert parse_numbers(pa.array(["3", "3.5"]), integer=True).to_pylist() == [3, None]
    assert parse_bools(pa.array(["Yes", "0", "maybe"])).to_pylist() == [True, False, None]
    assert [str(d) for d in parse_dates(pa.array(["2026-01", "2026-02-03"])).to_pylist()] == [
        "2026-01-01",
        "2026-02-03",
    ]


@pytest.mark.parametrize(
    ("rating", "csat"),
    [
        (None, None),
        ("good", 5.0),
        ("bad", 1.0),
        ("offered", None),
        ({"score": "unoffered"}, None),
        ({"score": "good", "comment": "x"}, 5.0),
        ({"answers": [{"rating": 4}]}, 4.0),
        ({"answers": [{"rating_category": "neutral"}]}, 3.0),
        ({"score": 2}, 2.0),
    ],
)
def test_zendesk_satisfaction_forms(rating: object, csat: float | None) -> None:
    assert satisfaction(rating, ctx()) == csat


def test_duplicate_keys() -> None:
    hashes = key_hashes([pa.array(["a", "b", "a", "c"])])
    assert first_occurrences(hashes).tolist() == [True, True, False, True]
    index = KeyIndex()
    index.add(hashes[:2])
    for i in range(5):
        index.add(key_hashes([pa.array([f"x{i}"])]))
    assert index.contains(key_hashes([pa.array(["a", "c", "x3"])])).tolist() == [True, False, True]
    assert len(index) == 7
    assert isinstance(hashes, np.ndarray)


def anonbank_row(**changes: str) -> dict[str, str]:
    row = dict(
        zip(
            [
                "vru+line",
                "call_id",
                "customer_id",
                "priority",
                "type",
                "date",
                "vru_entry",
                "vru_exit",
                "vru_time",
                "q_start",
                "q_exit",
                "q_time",
                "outcome",
                "ser_start",
                "ser_exit",
                "ser_time",
                "server",
            ],
            [
                "AA0101",
                "34536",
                "0",
                "0",
                "PS",
                "990201",
                "7:02:47",
                "7:02:56",
                "9",
                "0:00:00",
                "0:00:00",
                "0",
                "AGENT",
                "7:02:55",
                "7:05:41",
                "166",
                "DORIT",
            ],
            strict=True,
        )
    )
    row.update(changes)
    return row


def test_acd_call_from_the_anonbank_log() -> None:
    mapping = acd_mapping(load_mapping("anonbank"))
    c = ctx()
    out = convert_call(anonbank_row(), mapping, c)
    # Straight from the IVR: the agent picked up at 7:02:55, before the IVR clock ended.
    assert (out["arrived_at"], out["answered_at"]) == ("1999-02-01T07:02:55", "1999-02-01T07:02:55")
    assert (out["handle_seconds"], out["agent_ref"], out["customer_ref"]) == (166.0, "DORIT", None)
    hang = convert_call(
        anonbank_row(
            outcome="HANG",
            ser_start="0:00:00",
            ser_exit="0:00:00",
            ser_time="0",
            server="NO_SERVER",
        ),
        mapping,
        c,
    )
    assert hang["abandoned_at"] == "1999-02-01T07:02:56"
    assert c.warnings == Counter({"ivr_hangup": 1})
    with pytest.raises(RowProblemError) as problem:
        convert_call(anonbank_row(outcome="PHANTOM"), mapping, c)
    assert (problem.value.reason, problem.value.detail) == ("excluded_outcome", "PHANTOM")


def test_acd_time_formats_are_tried_in_order() -> None:
    data = load_mapping("anonbank")
    data["time_formats"] = ["%H:%M:%S", "%H:%M"]
    mapping = acd_mapping(data)
    out = convert_call(
        anonbank_row(vru_entry="7:02", vru_exit="07:02:30", ser_start="7:02:30", ser_exit="7:05"),
        mapping,
        ctx(),
    )
    assert (out["arrived_at"], out["ended_at"]) == ("1999-02-01T07:02:30", "1999-02-01T07:05:00")
