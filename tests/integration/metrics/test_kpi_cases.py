"""Each KPI on small hand-computed cases, over Parquet written into a workspace lake."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from fairshore.bootstrap import Workspace
from fairshore.metrics.model import KPI_NAMES, KpiOptions, KpiRow
from fairshore.metrics.services import compute_kpis
from tests.integration.metrics.lakerows import T0, add_engagement, at, contact, write_rows


def one(ws: Workspace, **kwargs: object) -> KpiRow:
    table = compute_kpis(ws, engagement_id="eng-a", **kwargs)  # type: ignore[arg-type]
    assert len(table.rows) == 1
    return table.rows[0]


def icmi_rows() -> list[dict[str, object]]:
    """Counts of the ICMI worked example: A 1000 (860 within 20 s), Ab 60 (20 within
    20 s of which 10 within 5 s, 40 after 20 s)."""
    rows = [contact(i, wait=10.0 if i < 860 else 30.0) for i in range(1000)]
    waits = [3.0] * 10 + [15.0] * 10 + [40.0] * 40
    rows += [contact(1000 + i, abandon=w) for i, w in enumerate(waits)]
    return rows


@pytest.mark.parametrize(
    ("variant", "expected"), [(1, 83.0), (2, 86.0), (3, 81.1), (4, 82.7), (5, 82.1)]
)
def test_icmi_worked_example(workspace: Workspace, variant: int, expected: float) -> None:
    # Source: ICMI "Service Level Calculations" worked example (T = 20 s, s = 5 s),
    # as quoted in shared/reference/kpi-definitions.md.
    add_engagement(workspace)
    write_rows(workspace, "eng-a", icmi_rows())
    options = KpiOptions(sl_threshold_s=20, short_abandon_s=5, sl_variant=variant)  # type: ignore[arg-type]
    row = one(workspace, options=options)
    assert row.answered == 1000 and row.abandoned == 60 and row.short_abandons == 10
    assert round(row.service_level * 100, 1) == expected  # type: ignore[operator]
    assert row.metric(f"sl_v{variant}") == row.service_level


def test_waits_abandons_and_handle_time(workspace: Workspace) -> None:
    add_engagement(workspace)
    rows = [
        contact(1, wait=10, handle_seconds=300.0),
        contact(2, wait=30, handle_seconds=100.0),
        contact(3, wait=50),  # answered, no handle time: not handled
        contact(4, abandon=4),
        contact(5, abandon=60),
        contact(6, channel="voice"),  # no outcome yet: offered only
    ]
    write_rows(workspace, "eng-a", rows)
    row = one(workspace)
    assert (row.offered, row.answered, row.abandoned, row.handled) == (6, 3, 2, 2)
    assert row.asa_s == pytest.approx(30.0)  # (10 + 30 + 50) / 3
    assert row.mean_wait_s == pytest.approx(154 / 5)  # answered + abandoned waits
    assert row.wait_median_s == pytest.approx(30.0)
    # linear interpolation on [4, 10, 30, 50, 60]: position 3.6 -> 50 + 0.6 * 10
    assert row.wait_p90_s == pytest.approx(56.0)
    assert row.abandon_rate == pytest.approx(2 / 5)
    assert row.abandon_rate_short_adjusted == pytest.approx(1 / 4)  # (2-1) / (5-1)
    assert row.mean_time_to_abandon_s == pytest.approx(32.0)
    assert row.aht_s == pytest.approx(200.0)
    assert row.first_response_s == row.asa_s
    assert row.first_response_median_s == pytest.approx(30.0)


def test_resolution_reopen_escalation_transfer(workspace: Workspace) -> None:
    add_engagement(workspace)
    day = 86400.0
    rows = [
        contact(1, channel="email", wait=3600, resolved_at=at(day), reopened_count=0,
                escalated=False, transferred=True),
        contact(2, channel="email", wait=7200, resolved_at=at(2 * day), reopened_count=2,
                escalated=True, transferred=False),
        contact(3, channel="email", wait=60, resolved_at=at(4 * day), reopened_count=0,
                escalated=False),
        contact(4, channel="email", wait=60, reopened_count=0),  # not solved yet
    ]  # fmt: skip
    write_rows(workspace, "eng-a", rows)
    row = one(workspace, options=KpiOptions(fcr_method="no_reopen"))
    assert row.resolved == 3
    assert row.resolution_s == pytest.approx(7 * day / 3)
    assert row.resolution_median_s == pytest.approx(2 * day)
    assert row.resolution_p90_s == pytest.approx(2 * day + 0.8 * 2 * day)
    assert row.reopen_rate == pytest.approx(1 / 3)
    assert row.fcr_no_reopen_rate == pytest.approx(2 / 4)  # solved, never reopened / answered
    assert row.fcr_rate == row.fcr_no_reopen_rate
    assert row.escalation_rate == pytest.approx(1 / 3)  # over contacts reporting the flag
    assert row.transfer_rate == pytest.approx(1 / 2)


def test_fcr_source_flag_and_repeat_contact(workspace: Workspace) -> None:
    add_engagement(workspace)
    day = 86400
    rows = [
        contact(1, wait=5, customer_ref="k1", first_contact_resolved=True),
        contact(2, arrived=at(3 * day), wait=5, customer_ref="k1", first_contact_resolved=False),
        contact(3, arrived=at(20 * day), wait=5, customer_ref="k1"),  # 17 days later
        contact(4, wait=5, customer_ref="k2", first_contact_resolved=True),
        contact(5, wait=5),  # no customer: outside the repeat method
    ]
    write_rows(workspace, "eng-a", rows)
    row = one(workspace, options=KpiOptions(fcr_method="repeat_contact", repeat_window_days=7))
    assert row.fcr_source_rate == pytest.approx(2 / 3)
    # c1 repeated within 7 days (c2); c2 not (17 days); c3, c4 never: 3 of 4 resolved
    assert row.fcr_repeat_rate == pytest.approx(3 / 4)
    assert row.fcr_rate == row.fcr_repeat_rate
    wide = one(workspace, options=KpiOptions(fcr_method="repeat_contact", repeat_window_days=30))
    assert wide.fcr_repeat_rate == pytest.approx(2 / 4)


def test_csat_top2_and_nps_with_response_rates(workspace: Workspace) -> None:
    add_engagement(workspace)
    csat = [5.0, 4.0, 3.0, 1.0, None, None]
    nps = [10.0, 9.0, 8.0, 6.0, 0.0, None]
    rows = [
        contact(i, wait=5, csat=c, nps=n) for i, (c, n) in enumerate(zip(csat, nps, strict=True))
    ]
    write_rows(workspace, "eng-a", rows)
    row = one(workspace)
    assert row.csat_top2 == pytest.approx(0.5)
    assert row.csat_response_rate == pytest.approx(4 / 6)
    assert row.nps == pytest.approx(100 * (2 - 2) / 5)
    assert row.nps_responses == 5 and row.nps_response_rate == pytest.approx(5 / 6)


def test_share_of_intervals_meeting_target(workspace: Workspace) -> None:
    add_engagement(workspace)
    rows = []
    # interval 1: 4 of 4 within 20 s; interval 2: 1 of 4; interval 3: 4 of 5
    for k, (fast, slow) in enumerate([(4, 0), (1, 3), (4, 1)]):
        base = T0 + timedelta(minutes=30 * k)
        rows += [contact(100 * k + i, arrived=base, wait=5) for i in range(fast)]
        rows += [contact(100 * k + 50 + i, arrived=base, wait=90) for i in range(slow)]
    write_rows(workspace, "eng-a", rows)
    row = one(workspace, options=KpiOptions(sl_target=0.8, interval_minutes=30))
    assert row.sl_intervals == 3
    assert row.sl_interval_share == pytest.approx(2 / 3)
    assert row.service_level == pytest.approx(9 / 13)  # contact-weighted: a different number


def test_interval_share_judges_live_channels_apart_from_email(workspace: Workspace) -> None:
    # Issue 19: one interval holding calls and e-mails was judged as one pool. Interval 1:
    # voice 4 of 4 within 20 s, chat 0 of 2, e-mails hours late; interval 2: voice 1 of 4.
    add_engagement(workspace)
    rows = [contact(i, wait=5) for i in range(4)]
    rows += [contact(10 + i, wait=90, channel="chat") for i in range(2)]
    rows += [contact(20 + i, wait=7200, channel="email") for i in range(6)]
    later = T0 + timedelta(minutes=30)
    rows += [contact(30, arrived=later, wait=5)]
    rows += [contact(31 + i, arrived=later, wait=90) for i in range(3)]
    write_rows(workspace, "eng-a", rows)
    row = one(workspace, options=KpiOptions(sl_target=0.8, interval_minutes=30))
    # Live channel-intervals: voice 1 (met), chat 1 (missed), voice 2 (missed).
    assert row.sl_intervals == 3
    assert row.sl_interval_share == pytest.approx(1 / 3)
    by_channel = compute_kpis(
        workspace,
        engagement_id="eng-a",
        by=["channel"],
        options=KpiOptions(sl_target=0.8, interval_minutes=30),
    )
    email = next(r for r in by_channel.rows if r.group["channel"] == "email")
    assert (email.sl_intervals, email.sl_interval_share) == (1, 0.0)


def test_first_response_in_business_time(workspace: Workspace) -> None:
    # Mon-Fri 09:00-17:00 in Manila (UTC+8), 2026-07-03 (Fri) a holiday.
    hours = {d: {"open": "09:00", "close": "17:00"} for d in ("mon", "tue", "wed", "thu", "fri")}
    add_engagement(workspace, timezone="Asia/Manila", business_hours=hours,
                   holidays=[date(2026, 7, 3)])  # fmt: skip
    local = datetime(2026, 7, 2, 16, 0, tzinfo=UTC) - timedelta(hours=8)  # Thu 16:00 local
    reply = datetime(2026, 7, 6, 10, 30, tzinfo=UTC) - timedelta(hours=8)  # Mon 10:30 local
    rows = [
        contact(1, channel="email", arrived=local, answered_at=reply),
        # created Saturday, answered Monday 09:15 local: 15 business minutes
        contact(2, channel="email", arrived=datetime(2026, 7, 4, 3, 0, tzinfo=UTC),
                answered_at=datetime(2026, 7, 6, 1, 15, tzinfo=UTC)),
        # abandoned: no first response, so it must not count as 0 business seconds
        contact(3, arrived=local, abandon=30),
    ]  # fmt: skip
    write_rows(workspace, "eng-a", rows)
    row = one(workspace)
    # Thu 16:00-17:00 (1 h) + Fri holiday + Mon 09:00-10:30 (1.5 h) = 2.5 h
    assert row.first_response_business_s == pytest.approx((9000 + 900) / 2)
    assert row.first_response_s > 2 * 86400  # type: ignore[operator]  # calendar time


def test_resolution_in_business_time(workspace: Workspace) -> None:
    # Hand-computed: Mon-Fri 09:00-17:00 in Manila (UTC+8, no daylight saving),
    # Friday 2026-07-03 a holiday, the weekend closed.
    hours = {d: {"open": "09:00", "close": "17:00"} for d in ("mon", "tue", "wed", "thu", "fri")}
    add_engagement(workspace, timezone="Asia/Manila", business_hours=hours,
                   holidays=[date(2026, 7, 3)])  # fmt: skip

    def manila(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 7, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)

    rows = [
        # Thu 16:00 -> Mon 10:30: Thu 1 h + holiday + weekend + Mon 1.5 h = 2.5 h
        contact(1, channel="email", arrived=manila(2, 16), answered_at=manila(2, 16, 5),
                resolved_at=manila(6, 10, 30)),
        # Sat 11:00 -> Tue 12:00: weekend + Mon 8 h + Tue 3 h = 11 h
        contact(2, channel="email", arrived=manila(4, 11), answered_at=manila(6, 9, 30),
                resolved_at=manila(7, 12)),
        # Wed 10:00 -> Wed 15:00: 5 h, all inside opening hours
        contact(3, channel="email", arrived=manila(1, 10), answered_at=manila(1, 11),
                resolved_at=manila(1, 15)),
        # answered, not solved: no resolution time
        contact(4, channel="email", arrived=manila(1, 10), answered_at=manila(1, 12)),
    ]  # fmt: skip
    write_rows(workspace, "eng-a", rows)
    row = one(workspace)
    business = sorted([2.5 * 3600, 11 * 3600, 5 * 3600])  # 9000, 18000, 39600 s
    assert row.resolved == 3
    assert row.resolution_business_s == pytest.approx(sum(business) / 3)  # 22,200 s
    assert row.resolution_business_median_s == pytest.approx(18000)
    # p90, linear interpolation: position 0.9 x 2 = 1.8 -> 18000 + 0.8 x (39600 - 18000)
    assert row.resolution_business_p90_s == pytest.approx(35280)
    calendar = [(manila(6, 10, 30) - manila(2, 16)).total_seconds(),
                (manila(7, 12) - manila(4, 11)).total_seconds(), 5 * 3600]  # fmt: skip
    assert row.resolution_s == pytest.approx(sum(calendar) / 3)


def test_resolution_business_equals_calendar_when_always_open(workspace: Workspace) -> None:
    add_engagement(workspace)  # no business hours declared: open around the clock
    rows = [contact(i, wait=10, resolved_at=at(3600 * (i + 1))) for i in range(4)]
    write_rows(workspace, "eng-a", rows)
    row = one(workspace)
    assert row.resolution_business_s == pytest.approx(row.resolution_s)
    assert row.resolution_business_median_s == pytest.approx(row.resolution_median_s)
    assert row.resolution_business_p90_s == pytest.approx(row.resolution_p90_s)


def test_grouping_by_vendor_channel_month_and_segment(workspace: Workspace) -> None:
    add_engagement(workspace, "eng-a", "vend-a")
    add_engagement(workspace, "eng-b", "vend-b")
    write_rows(workspace, "eng-a", [
        contact(1, wait=5, seg_tier="premium"),
        contact(2, arrived=datetime(2026, 8, 2, tzinfo=UTC), wait=50, channel="chat",
                seg_tier="standard"),
    ])  # fmt: skip
    write_rows(workspace, "eng-b", [contact(3, wait=5), contact(4, abandon=30)])
    table = compute_kpis(workspace, by=["vendor", "channel", "month"])
    keys = [(r.group["vendor"], r.group["channel"], r.period, r.offered) for r in table.rows]
    assert keys == [
        ("vend-a", "chat", "2026-08", 1),
        ("vend-a", "voice", "2026-07", 1),
        ("vend-b", "voice", "2026-07", 2),
    ]
    seg = compute_kpis(workspace, engagement_id="eng-a", by=["seg_tier", "quarter"])
    assert [(r.group["seg_tier"], r.period) for r in seg.rows] == [
        ("premium", "2026-Q3"), ("standard", "2026-Q3"),
    ]  # fmt: skip
    scoped = compute_kpis(workspace, engagement_id="eng-a", where={"channel": ["chat"]})
    assert scoped.rows[0].offered == 1


def test_date_range_and_empty_lake(workspace: Workspace) -> None:
    add_engagement(workspace)
    row = one(workspace)
    assert row.offered == 0 and row.service_level is None
    write_rows(workspace, "eng-a", [contact(1, wait=5), contact(2, arrived=at(86400 * 40), wait=5)])
    july = one(workspace, start=datetime.combine(date(2026, 7, 1), time(), UTC),
               end=datetime.combine(date(2026, 8, 1), time(), UTC))  # fmt: skip
    assert july.offered == 1


def test_every_catalogued_metric_is_a_field() -> None:
    assert set(KPI_NAMES) <= set(KpiRow.model_fields)


def test_repeat_contact_counts_across_channels(workspace: Workspace) -> None:
    add_engagement(workspace)
    rows = [
        contact(1, channel="email", wait=60, customer_ref="k1"),
        contact(2, arrived=at(3600), wait=5, customer_ref="k1"),  # calls back an hour later
    ]
    write_rows(workspace, "eng-a", rows)
    options = KpiOptions(fcr_method="repeat_contact")
    row = one(workspace, options=options, where={"channel": ["email"]})
    assert row.fcr_repeat_rate == 0.0


def test_live_and_deferred_channels_are_never_averaged(workspace: Workspace) -> None:
    # Engagement level mixes a call answered in 10 s with an e-mail answered in 7,480 s
    # (the demo's e-mail ASA): service level and ASA are the live channels' alone, and
    # by channel each keeps its own (hand-computed).
    add_engagement(workspace)
    rows = [
        contact(1, wait=10.0),
        contact(2, wait=30.0),
        contact(3, channel="chat", wait=15.0),
        contact(4, channel="email", wait=7480.0),
        contact(5, channel="email", wait=15.0),
    ]
    write_rows(workspace, "eng-a", rows)
    row = one(workspace, options=KpiOptions(sl_threshold_s=20, sl_variant=2))
    assert row.answered == 5  # counts cover every contact
    assert row.asa_s == pytest.approx((10 + 30 + 15) / 3)
    assert row.service_level == pytest.approx(2 / 3)
    by_channel = {
        r.group["channel"]: r
        for r in compute_kpis(
            workspace, engagement_id="eng-a", by=["channel"], options=KpiOptions(sl_variant=2)
        ).rows
    }
    assert by_channel["email"].asa_s == pytest.approx((7480 + 15) / 2)
    assert by_channel["email"].service_level == pytest.approx(0.5)
    assert by_channel["voice"].asa_s == pytest.approx(20.0)
