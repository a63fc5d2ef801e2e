"""Access anomalies read from the lake: the planted bulk export is found with reasons."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lake_fixture import (
    ENGAGEMENT,
    EXPORTER,
    access_log,
    interactions_frame,
    make_engagement,
    write_lake,
)

from fairshore.bootstrap import Workspace
from fairshore.metrics.periods import parse_period
from fairshore.privacy import services
from fairshore.privacy.model import IncidentFields

# Ibis sets pandas' deprecated future.infer_string option: not ours to fix here.
pytestmark = pytest.mark.filterwarnings("ignore:The 'future.infer_string' option:Warning")


def test_detect_access_anomalies_from_lake(workspace: Workspace) -> None:
    make_engagement(workspace)
    events, handled = access_log(n_agents=12, days=40, seed=3)
    write_lake(workspace, "access_events", ENGAGEMENT, events)
    write_lake(workspace, "interactions", ENGAGEMENT, interactions_frame(handled, n=500))
    report = services.detect_access_anomalies(
        workspace, engagement_id=ENGAGEMENT, period=parse_period("2026-09")
    )
    assert report.events == len(events) and report.agents == 13
    keys = {f.key for f in report.findings}
    assert f"access_anomaly:{ENGAGEMENT}:{EXPORTER}:bulk_export" in keys  # agent and kind
    bulk = next(f for f in report.findings if "bulk_export" in f.key)
    assert bulk.period == "2026-09-14"  # the day is the occurrence, not the condition
    assert bulk.source == "access_anomaly" and bulk.evidence["records_count"] == 5000
    assert not {f.evidence["agent_ref"] for f in report.findings} - {EXPORTER}
    # The one call an evaluation run makes: breach clocks and access flags together.
    services.add_incident(
        workspace,
        engagement_id=ENGAGEMENT,
        fields=IncidentFields(vendor_aware_at=datetime(2026, 9, 1, tzinfo=UTC)),
    )
    everything = services.privacy_findings(
        workspace,
        engagement_id=ENGAGEMENT,
        period=parse_period("2026-09"),
        as_of=datetime(2026, 9, 3, tzinfo=UTC),
    )
    assert {f.source for f in everything} == {"privacy_incident", "access_anomaly"}
