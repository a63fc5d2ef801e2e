"""Stored criticality from before measurement becomes overrides, with who and when."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from fairshore.adapters.db.database import _alembic_config
from fairshore.bootstrap import open_workspace
from fairshore.config import load_settings
from fairshore.vetting import services


def test_typed_in_criticality_is_kept_as_overrides(tmp_path: Path) -> None:
    home = tmp_path / "old"
    home.mkdir()
    url = f"sqlite:///{home / 'fairshore.db'}"
    config = _alembic_config(url)
    command.upgrade(config, "0001_baseline")
    command.upgrade(config, "vetting_0001")  # the criticality table of the previous version
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        for statement in (
            "INSERT INTO organisations (id, name, created_at) "
            "VALUES ('default', 'D', '2026-01-01')",
            "INSERT INTO vendors (id, organisation_id, name, created_at) "
            "VALUES ('v', 'default', 'V', '2026-01-01')",
            "INSERT INTO engagements (id, organisation_id, vendor_id, name, timezone, channels, "
            "languages, segment_columns, business_hours, holidays, site_ids, created_at) VALUES "
            "('e', 'default', 'v', 'E', 'UTC', '[\"voice\"]', '[\"en\"]', '[]', '{}', '[]', '[]', "
            "'2026-01-01')",
            "INSERT INTO vetting_criticality VALUES ('e', 'default', 'financial', 40000, '0.03', "
            "'2026-10-31')",
        ):
            conn.execute(sa.text(statement))
    engine.dispose()
    ws = open_workspace(load_settings(home=home))
    try:
        c = services.assess_criticality(ws, "e", as_of=date(2026, 12, 31))
    finally:
        ws.close()
    assert (c.data_sensitivity, c.monthly_volume, str(c.vulnerable_share)) == (
        "financial",
        40000,
        "0.03",
    )
    assert c.tier == "critical"  # grades 3, 3, 2: raised one level
    assert {o.set_by for o in c.overrides} == {"typed in before measurement"}
    assert {o.set_at for o in c.overrides} == {datetime(2026, 10, 31, tzinfo=UTC)}
