"""governance_0002_occurrences: per-month findings of an older workspace become one
finding per condition, each old row an occurrence, histories kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from fairshore.adapters.db.database import _alembic_config
from fairshore.bootstrap import open_workspace
from fairshore.config import load_settings
from fairshore.governance import services
from tests.conftest import POSTGRES_URL, _recreate_database

INSERT = sa.text(
    "INSERT INTO findings (id, organisation_id, key, source, engagement_id, severity, title, "
    "detail, evidence, period, due_on, status, times_seen, opened_at, last_seen_at, closed_at) "
    "VALUES (:id, 'default', :key, :source, 'telco-blr', :severity, :title, '', :evidence, "
    ":period, '2026-12-01', :status, 1, '2026-11-01 09:00:00', '2026-11-01 09:00:00', NULL)"
)
# What the register held before: one row per breached month, and one per month and
# capability for occupancy.
OLD = [
    (1, "sla:telco-blr:voice_sl:2026-07", "sla", "major", "2026-07", "closed", 0.61, 3000.0),
    (2, "sla:telco-blr:voice_sl:2026-08", "sla", "major", "2026-08", "open", 0.66, 1500.0),
    (3, "sla:telco-blr:voice_sl:2026-09", "sla", "critical", "2026-09", "open", 0.72, 1500.0),
    (4, "people:telco-blr:occupancy:2026-07", "people", "major", "2026-07", "open", None, None),
    (5, "staffing:telco-blr:2026-07:occupancy", "staffing", "major", "2026-07", "open", None, None),
    (
        6,
        "staffing:telco-blr:2026-07:understaffed",
        "staffing",
        "minor",
        "2026-07",
        "open",
        None,
        None,
    ),
    (7, "pay:telco-blr:blr-1:living_wage", "pay", "critical", None, "open", None, None),
]


def _database(dialect: str, home: Path) -> str:
    if dialect == "sqlite":
        return f"sqlite:///{home / 'fairshore.db'}"
    if not POSTGRES_URL:
        pytest.skip("FAIRSHORE_TEST_POSTGRES_URL not set")
    return _recreate_database("fairshore_occurrences_migration")


@pytest.mark.parametrize(
    "dialect", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_per_month_findings_are_grouped_into_conditions(tmp_path: Path, dialect: str) -> None:
    home = tmp_path / "old"
    home.mkdir()
    url = _database(dialect, home)
    command.upgrade(_alembic_config(url), "governance_0001")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO organisations (id, name, created_at) "
                "VALUES ('default', 'D', '2026-01-01 00:00:00')"
            )
        )
        for fid, key, source, severity, period, status, value, credit in OLD:
            evidence = {"value": value, "credit": credit} if value is not None else {}
            conn.execute(
                INSERT,
                {
                    "id": fid,
                    "key": key,
                    "source": source,
                    "severity": severity,
                    "title": f"{key} seen",
                    "evidence": json.dumps(evidence),
                    "period": period,
                    "status": status,
                },
            )
            conn.execute(
                sa.text(
                    "INSERT INTO finding_history (finding_id, at, actor, event, changes) "
                    "VALUES (:f, '2026-11-01 09:00:00', 'fairshore', 'opened', '{}')"
                ),
                {"f": fid},
            )
    engine.dispose()
    ws = open_workspace(load_settings(home=home, database_url=url))
    try:
        records = {r.finding.key: r for r in services.list_findings(ws, today=date(2026, 11, 2))}
        assert sorted(records) == [
            "pay:telco-blr:blr-1:living_wage",
            "people:telco-blr:occupancy",
            "sla:telco-blr:voice_sl",
            "staffing:telco-blr:understaffed",
        ]
        sla = records["sla:telco-blr:voice_sl"]
        assert sla.id == 2  # the oldest active row carries the workflow on
        assert sla.status == "open" and sla.finding.severity == "critical"
        assert sla.periods == ["2026-07", "2026-08", "2026-09"]
        assert [o.value for o in sla.occurrences] == [0.61, 0.66, 0.72]
        assert sla.credit == 6000.0 and sla.finding.period == "2026-09"
        occupancy = records["people:telco-blr:occupancy"]
        assert sorted(o.source for o in occupancy.occurrences) == ["people", "staffing"]
        assert records["pay:telco-blr:blr-1:living_wage"].occurrences[0].period is None
        _, history = services.get_finding(ws, sla.id)
        assert len(history) == 3  # every old row's history moved to the condition
    finally:
        ws.close()
