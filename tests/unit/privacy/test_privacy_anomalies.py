"""The access anomaly detector on a constructed log: one bulk exporter, 40 normal agents."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from lake_fixture import EXPORTER, access_log

from fairshore.privacy.anomalies import AccessAnomalyDetector, peer_baseline, shrunk_baseline
from fairshore.privacy.model import AnomalyThresholds


@pytest.fixture(scope="module")
def log():  # type: ignore[no-untyped-def]
    return access_log(n_agents=40, days=45, seed=7)


def test_bulk_exporter_found_and_normal_agents_quiet(log) -> None:  # type: ignore[no-untyped-def]
    events, handled = log
    flags = AccessAnomalyDetector(timezone="Asia/Manila").evaluate(
        events,
        engagement_id="telco-mnl",
        start=date(2026, 9, 1),
        end=date(2026, 9, 30),
        handled=handled,
    )
    kinds = {(f.agent_ref, f.kind) for f in flags}
    assert (EXPORTER, "bulk_export") in kinds
    assert (EXPORTER, "off_shift") in kinds
    bulk = next(f for f in flags if f.kind == "bulk_export")
    assert bulk.day == "2026-09-14" and bulk.numbers["records_count"] == 5000
    assert bulk.numbers["local_hour"] == 2
    # False-positive rate on the 40 normal agents (day and night shifts): measured 0 of 40.
    normal_flagged = {f.agent_ref for f in flags if f.agent_ref != EXPORTER}
    fp_rate = len(normal_flagged) / 40
    assert fp_rate <= 0.05, sorted(normal_flagged)


def test_new_agent_with_little_history_judged_by_peers(log) -> None:  # type: ignore[no-untyped-def]
    events, _ = log
    newcomer = events[events["agent_ref"] == "agent-000"].head(5).assign(agent_ref="agent-new")
    flags = AccessAnomalyDetector(timezone="Asia/Manila").evaluate(
        pd.concat([events, newcomer], ignore_index=True), engagement_id="telco-mnl"
    )
    assert not [f for f in flags if f.agent_ref == "agent-new"]


def test_thresholds_are_configurable(log) -> None:  # type: ignore[no-untyped-def]
    events, _ = log
    strict = AccessAnomalyDetector(
        timezone="Asia/Manila", thresholds=AnomalyThresholds(bulk_min_records=10_000)
    ).evaluate(events, engagement_id="telco-mnl")
    assert not [f for f in strict if f.kind == "bulk_export"]


def test_shrinkage_pulls_sparse_agents_to_peers() -> None:
    peer = peer_baseline(np.array([10.0, 12, 9, 11, 10, 13, 8]))
    few = shrunk_baseline(np.array([100.0]), peer, weight=20)
    many = shrunk_baseline(np.full(2000, 100.0), peer, weight=20)
    assert few.median < 20 < 99 < many.median


def test_each_kind_of_misuse_is_flagged_for_its_agent(log) -> None:  # type: ignore[no-untyped-def]
    events, handled = log
    tz = "Asia/Manila"
    day_events = events[events["agent_ref"] == "agent-002"]  # a day-shift agent
    # agent-002: a normal shift copied six times over on 2026-09-15 (a volume spike).
    shift = day_events[day_events["at"].dt.tz_convert(tz).dt.strftime("%Y-%m-%d") == "2026-09-15"]
    spike = pd.concat([shift] * 6, ignore_index=True)
    # agent-004 (day shift): views at 03:00 local on 2026-09-16 (off shift).
    night = day_events.head(3).assign(
        agent_ref="agent-004", at=pd.Timestamp("2026-09-16 03:00", tz=tz).tz_convert("UTC")
    )
    # agent-006: 60 views of customers it never served, from a home network.
    strangers = day_events.head(60).assign(
        agent_ref="agent-006",
        record_ref=[f"cust-999-{i:04d}" for i in range(60)],
        source="home-vpn",
        at=pd.Timestamp("2026-09-17 10:00", tz=tz).tz_convert("UTC"),
    )
    mixed = pd.concat([events, spike, night, strangers], ignore_index=True)
    flags = AccessAnomalyDetector(timezone=tz).evaluate(
        mixed,
        engagement_id="telco-mnl",
        start=date(2026, 9, 1),
        end=date(2026, 9, 30),
        handled=handled,
    )
    kinds = {(f.agent_ref, f.kind) for f in flags}
    assert ("agent-002", "volume_spike") in kinds
    assert ("agent-004", "off_shift") in kinds
    assert ("agent-006", "unhandled_records") in kinds
    assert ("agent-006", "new_source") in kinds
    for flag in flags:
        assert flag.reason and flag.numbers
