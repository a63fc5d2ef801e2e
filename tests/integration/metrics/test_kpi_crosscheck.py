"""The whole KPI set on a generated month against an independent plain-Python computation.

Rows are drawn with numpy (exponential waits, random outcomes and flags); the
reference figures are computed row by row in plain Python (percentiles by
numpy's linear interpolation), then compared metric by metric per channel.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from fairshore.bootstrap import Workspace
from fairshore.metrics.model import KPI_NAMES, KpiOptions
from fairshore.metrics.services import compute_kpis
from tests.integration.metrics.lakerows import add_engagement, write_rows

T, S, TARGET = 20.0, 5.0, 0.8


def generate(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    start = datetime(2026, 7, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        arrived = start + timedelta(seconds=round(float(rng.uniform(0, 30 * 86400)), 3))
        channel = str(rng.choice(["voice", "chat", "email"]))
        wait = round(float(rng.exponential(25 if channel != "email" else 20000)), 3)
        row: dict[str, Any] = {"interaction_id": f"g{i}", "channel": channel, "arrived_at": arrived,
                               "customer_ref": f"k{rng.integers(0, n // 3)}"}  # fmt: skip
        outcome = rng.random()
        if outcome < 0.85 or channel == "email":
            row["answered_at"] = arrived + timedelta(seconds=wait)
            row["handle_seconds"] = float(rng.gamma(4, 60)) if rng.random() < 0.95 else None
            if rng.random() < 0.6:
                row["resolved_at"] = arrived + timedelta(
                    seconds=wait + round(float(rng.exponential(9e4)), 3)
                )
                row["reopened_count"] = int(rng.integers(0, 3) * (rng.random() < 0.3))
            row["escalated"] = bool(rng.random() < 0.1) if rng.random() < 0.8 else None
            row["transferred"] = bool(rng.random() < 0.2)
            row["first_contact_resolved"] = bool(rng.random() < 0.7) if rng.random() < 0.9 else None
            row["csat"] = float(rng.integers(1, 6)) if rng.random() < 0.3 else None
            row["nps"] = float(rng.integers(0, 11)) if rng.random() < 0.2 else None
        elif outcome < 0.97:
            row["abandoned_at"] = arrived + timedelta(seconds=wait)
        rows.append(row)
    return rows


def _div(a: float, b: float) -> float | None:
    return a / b if b else None


def _pct(values: list[float], q: float) -> float | None:
    return float(np.percentile(values, q)) if values else None


def reference(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """Plain-Python KPIs of one group, written from kpi-definitions.md."""
    secs = lambda a, b: (a - b).total_seconds()  # noqa: E731
    ans = [r for r in rows if r.get("answered_at")]
    abd = [r for r in rows if r.get("abandoned_at") and not r.get("answered_at")]
    wa = [secs(r["answered_at"], r["arrived_at"]) for r in ans]
    wb = [secs(r["abandoned_at"], r["arrived_at"]) for r in abd]
    a, ab = len(ans), len(abd)
    a_t = sum(w <= T for w in wa)
    ab_t, ab_gt, ab_s = sum(w <= T for w in wb), sum(w > T for w in wb), sum(w <= S for w in wb)
    handled = [r["handle_seconds"] for r in ans if r.get("handle_seconds") is not None]
    res = [secs(r["resolved_at"], r["arrived_at"]) for r in rows if r.get("resolved_at")]
    solved_known = [r for r in rows if r.get("resolved_at") and r.get("reopened_count") is not None]
    reo_known = [r for r in ans if r.get("reopened_count") is not None]
    src = [r["first_contact_resolved"] for r in ans if r.get("first_contact_resolved") is not None]
    esc = [r["escalated"] for r in ans if r.get("escalated") is not None]
    trf = [r["transferred"] for r in ans if r.get("transferred") is not None]
    csat = [r["csat"] for r in rows if r.get("csat") is not None]
    nps = [r["nps"] for r in rows if r.get("nps") is not None]
    intervals: dict[datetime, list[int]] = defaultdict(lambda: [0, 0])
    for r, w, is_ans in [(r, w, True) for r, w in zip(ans, wa, strict=True)] + [
        (r, w, False) for r, w in zip(abd, wb, strict=True)
    ]:
        ts = r["arrived_at"]
        key = ts.replace(minute=ts.minute // 30 * 30, second=0, microsecond=0)
        intervals[key][1] += 1
        intervals[key][0] += (w <= T) if is_ans else (w <= S)
    sl5 = _div(a_t + ab_s, a + ab)
    return {
        "offered": len(rows), "answered": a, "abandoned": ab, "short_abandons": ab_s,
        "handled": len(handled), "resolved": len(res),
        "service_level": sl5, "sl_v1": _div(a_t + ab_t, a + ab), "sl_v2": _div(a_t, a),
        "sl_v3": _div(a_t, a + ab), "sl_v4": _div(a_t, a + ab_gt), "sl_v5": sl5,
        "sl_intervals": len(intervals),
        "sl_interval_share": _div(sum(m / n >= TARGET for m, n in intervals.values()),
                                  len(intervals)),
        "asa_s": _div(sum(wa), a), "mean_wait_s": _div(sum(wa) + sum(wb), a + ab),
        "wait_median_s": _pct(wa + wb, 50), "wait_p90_s": _pct(wa + wb, 90),
        "abandon_rate": _div(ab, a + ab),
        "abandon_rate_short_adjusted": _div(ab - ab_s, a + ab - ab_s),
        "mean_time_to_abandon_s": _div(sum(wb), ab), "aht_s": _div(sum(handled), len(handled)),
        "first_response_s": _div(sum(wa), a), "first_response_median_s": _pct(wa, 50),
        "first_response_p90_s": _pct(wa, 90), "first_response_business_s": _div(sum(wa), a),
        "first_response_business_p90_s": _pct(wa, 90),
        "resolution_s": _div(sum(res), len(res)), "resolution_median_s": _pct(res, 50),
        "resolution_p90_s": _pct(res, 90), "resolution_business_s": _div(sum(res), len(res)),
        "resolution_business_median_s": _pct(res, 50),
        "resolution_business_p90_s": _pct(res, 90),
        "fcr_rate": _div(sum(src), len(src)), "fcr_source_rate": _div(sum(src), len(src)),
        "fcr_no_reopen_rate": _div(sum(1 for r in reo_known if r.get("resolved_at")
                                       and r["reopened_count"] == 0), len(reo_known)),
        "fcr_repeat_rate": None,
        "reopen_rate": _div(sum(r["reopened_count"] > 0 for r in solved_known), len(solved_known)),
        "escalation_rate": _div(sum(esc), len(esc)), "transfer_rate": _div(sum(trf), len(trf)),
        "csat_responses": len(csat), "csat_top2": _div(sum(c >= 4 for c in csat), len(csat)),
        "csat_response_rate": _div(len(csat), a), "nps_responses": len(nps),
        "nps": _div(100 * (sum(x >= 9 for x in nps) - sum(x <= 6 for x in nps)), len(nps)),
        "nps_response_rate": _div(len(nps), a),
    }  # fmt: skip


def test_kpi_set_matches_plain_python(workspace: Workspace) -> None:
    add_engagement(workspace)
    rows = generate(3000)
    write_rows(workspace, "eng-a", rows)
    options = KpiOptions(sl_threshold_s=T, short_abandon_s=S, sl_variant=5, sl_target=TARGET)
    table = compute_kpis(workspace, engagement_id="eng-a", by=["channel", "month"], options=options)
    by_channel = defaultdict(list)
    for r in rows:
        by_channel[r["channel"]].append(r)
    assert [r.group["channel"] for r in table.rows] == sorted(by_channel)
    for row in table.rows:
        expected = reference(by_channel[row.group["channel"]])
        assert set(expected) == set(KPI_NAMES)
        for name in KPI_NAMES:
            got, want = row.metric(name), expected[name]
            assert (got is None) == (want is None), name
            if want is not None:
                assert got == pytest.approx(want, rel=1e-9, abs=1e-6), name
