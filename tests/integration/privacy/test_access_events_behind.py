"""The access events behind each access anomaly are the events that raised it.

The log of ``lake_fixture`` (40 agents, a bulk exporter) with the misuse planted by
``tests/unit/privacy/test_privacy_anomalies``: a shift copied six times over (a volume
spike), three views at 03:00 by a day-shift agent (off shift), 60 records of customers
the agent never served from a home network (unhandled records, a new source). For
every finding the detector raised, the anomaly's count (the records of the export, the
events of the spike or of the night, the unhandled records) is recomputed from the
events listed, read back from the lake with their batch.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from lake_fixture import ENGAGEMENT, EXPORTER, access_log, interactions_frame, make_engagement
from lake_fixture import write_lake as write

from fairshore.bootstrap import Workspace
from fairshore.errors import InputError
from fairshore.metrics.periods import parse_period
from fairshore.privacy import services
from fairshore.privacy.anomaly_evidence import AccessEventSample, access_events_behind

# Ibis sets pandas' deprecated future.infer_string option: not ours to fix here.
pytestmark = pytest.mark.filterwarnings("ignore:The 'future.infer_string' option:Warning")
TZ = "Asia/Manila"


def planted_log() -> tuple[pd.DataFrame, pd.DataFrame]:
    events, handled = access_log(n_agents=12, days=40, seed=3)
    mine = events[events["agent_ref"] == "agent-002"]
    local = mine["at"].dt.tz_convert(TZ).dt.strftime("%Y-%m-%d")
    spike = pd.concat([mine[local == "2026-09-15"]] * 6, ignore_index=True)
    night = mine.head(3).assign(
        agent_ref="agent-004", at=pd.Timestamp("2026-09-16 03:00", tz=TZ).tz_convert("UTC")
    )
    strangers = mine.head(60).assign(
        agent_ref="agent-006",
        record_ref=[f"cust-999-{i:04d}" for i in range(60)],
        source="home-vpn",
        at=pd.Timestamp("2026-09-17 10:00", tz=TZ).tz_convert("UTC"),
    )
    log = pd.concat([events, spike, night, strangers], ignore_index=True)
    log["event_id"] = [f"ev-{i:07d}" for i in range(len(log))]
    return log, handled


@pytest.fixture
def ws(workspace: Workspace) -> Iterator[Workspace]:
    make_engagement(workspace)
    events, handled = planted_log()
    write(workspace, "access_events", ENGAGEMENT, events, batch="access-sep")
    write(workspace, "interactions", ENGAGEMENT, interactions_frame(handled, n=len(handled)))
    yield workspace


def _behind(ws: Workspace, kind: str, agent: str, day: str, **kw: object) -> AccessEventSample:
    return access_events_behind(
        ws,
        engagement_id=ENGAGEMENT,
        kind=kind,
        agent_ref=agent,
        day=day,
        detected_over="2026-09",
        limit=100_000,
        **kw,  # type: ignore[arg-type]
    )


def _recount(kind: str, sample: AccessEventSample) -> float:
    """The anomaly's count, from the events listed."""
    if kind == "bulk_export":
        return sum(r.records_count for r in sample.rows)
    if kind == "unhandled_records":
        return len({r.record_ref for r in sample.rows})
    return len(sample.rows)


def test_every_anomalys_count_is_made_by_its_events(ws: Workspace) -> None:
    report = services.detect_access_anomalies(
        ws, engagement_id=ENGAGEMENT, period=parse_period("2026-09")
    )
    kinds = {(f.evidence["agent_ref"], f.evidence["kind"]) for f in report.findings}
    assert {
        (EXPORTER, "bulk_export"), ("agent-002", "volume_spike"), ("agent-004", "off_shift"),
        ("agent-006", "unhandled_records"), ("agent-006", "new_source"),
    } <= kinds  # fmt: skip
    for finding in report.findings:
        kind, agent = str(finding.evidence["kind"]), str(finding.evidence["agent_ref"])
        assert finding.evidence["detected_over"] == "2026-09"
        sample = _behind(ws, kind, agent, str(finding.period))
        assert sample.total == len(sample.rows) > 0, finding.key
        assert all(r.batch_id == "access-sep" for r in sample.rows)
        if len(sample.flags) == 1 and kind != "new_source":
            assert _recount(kind, sample) == sample.counts[0], finding.key
        shown = {"bulk_export": "records_count", "unhandled_records": "unhandled"}
        number = finding.evidence.get(shown.get(kind, "events"))
        if number is not None and len(sample.flags) == 1:
            assert _recount(kind, sample) == number, finding.key


def test_the_planted_misuse_is_listed_event_by_event(ws: Workspace) -> None:
    bulk = _behind(ws, "bulk_export", EXPORTER, "2026-09-14")
    [event] = bulk.rows
    assert (event.records_count, event.local_hour, event.action) == (5000, 2, "export")
    assert bulk.counts == [5000] and bulk.count_of == "records"
    night = _behind(ws, "off_shift", "agent-004", "2026-09-16")
    assert [r.local_hour for r in night.rows] == [3, 3, 3] and night.counts == [3]
    spike = _behind(ws, "volume_spike", "agent-002", "2026-09-15")
    assert spike.total == spike.counts[0] and spike.total > 300
    strangers = _behind(ws, "unhandled_records", "agent-006", "2026-09-17")
    assert {r.record_ref for r in strangers.rows} >= {f"cust-999-{i:04d}" for i in range(60)}
    new = _behind(ws, "new_source", "agent-006", "2026-09-17")
    assert [r.source for r in new.rows] == ["home-vpn"]
    page = _behind(ws, "volume_spike", "agent-002", "2026-09-15", offset=10)
    assert page.rows[0] == spike.rows[10] and page.total == spike.total


def test_no_flag_that_day_lists_nothing_and_bad_asks_are_clear_errors(ws: Workspace) -> None:
    quiet = _behind(ws, "bulk_export", "agent-001", "2026-09-14")
    assert (quiet.total, quiet.rows, quiet.flags) == (0, [], [])
    with pytest.raises(InputError, match="no access anomaly"):
        _behind(ws, "snooping", EXPORTER, "2026-09-14")
    with pytest.raises(InputError, match="not a day"):
        _behind(ws, "bulk_export", EXPORTER, "2026-09")
