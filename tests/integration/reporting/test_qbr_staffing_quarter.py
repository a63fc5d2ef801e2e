"""The QBR's staffing section covers every interval of the quarter, its last day too.

The QBR once passed the quarter's inclusive last day where staffing reads an
exclusive end, so every section lost 30 September (the demo's September showed 253
intervals instead of 266). The reference here is DuckDB counting the hours with live
contacts straight from the lake's rows, not the staffing code.
"""

from __future__ import annotations

import duckdb
import pytest

from fairshore.adapters.lake import Lake
from fairshore.bootstrap import Workspace
from fairshore.reporting import services
from fairshore.reporting.model import Table

pytestmark = pytest.mark.slow


def _hours_with_live_contacts(ws: Workspace, engagement_id: str) -> dict[str, int]:
    lake = Lake.from_settings(ws.settings)
    try:
        rows = lake.table("interactions", engagement_id).select("channel", "arrived_at")
        interactions = rows.to_pyarrow()  # noqa: F841 (read by DuckDB below by name)
    finally:
        lake.close()
    counted = duckdb.sql(
        """
        SELECT strftime(arrived_at AT TIME ZONE 'UTC', '%Y-%m') AS month,
               count(DISTINCT date_trunc('hour', arrived_at AT TIME ZONE 'UTC')) AS hours
        FROM interactions
        WHERE channel IN ('voice', 'chat', 'messaging')
          AND arrived_at >= TIMESTAMPTZ '2026-07-01 00:00:00+00'
          AND arrived_at < TIMESTAMPTZ '2026-10-01 00:00:00+00'
        GROUP BY 1
        """
    ).fetchall()
    return {str(month): int(hours) for month, hours in counted}


def test_qbr_staffing_section_covers_every_interval_of_the_quarter(demo_ws: Workspace) -> None:
    report = services.qbr_report(demo_ws, engagement_id="telco-blr", quarter="2026-Q3")
    section = next(s for s in report.sections if s.id == "staffing")
    table = next(b for b in section.blocks if isinstance(b, Table))
    shown = {str(row[0]): int(row[1]) for row in table.rows}  # month, intervals
    expected = _hours_with_live_contacts(demo_ws, "telco-blr")
    assert set(expected) == {"2026-07", "2026-08", "2026-09"}
    assert shown == expected
