"""The registers version: every committed write to a register moves it, in any process;
a read, a sign-in or a rolled-back write does not (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fairshore.accounts import services as accounts
from fairshore.adapters.db.database import Database
from fairshore.adapters.db.tables import vendors
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.privacy import services as privacy
from fairshore.privacy.model import IncidentFields

PASSWORD = "correct horse battery staple"


def _engagement(ws: Workspace) -> None:
    entities.add_vendor(ws, id="acme", name="Acme")
    entities.add_engagement(ws, id="acme-e", vendor_id="acme", name="Acme E", timezone="UTC",
                            channels=["voice"], languages=["en"])  # fmt: skip


def test_an_edit_in_place_moves_it_and_another_process_sees_it(db_workspace: Workspace) -> None:
    ws = db_workspace
    _engagement(ws)
    before = ws.registers_version()
    aware = datetime(2026, 7, 3, 9, tzinfo=UTC)
    incident = privacy.add_incident(
        ws, engagement_id="acme-e", fields=IncidentFields(vendor_aware_at=aware, description="x")
    )
    added = ws.registers_version()
    # An update changes no row count and no id: only a change counter sees it.
    privacy.update_incident(ws, incident.id, fields=IncidentFields(records_affected=12))
    updated = ws.registers_version()
    assert before < added < updated
    other = Database(ws.db.url)  # another web worker: its own engine and pool
    try:
        assert other.registers_version() == updated
    finally:
        other.dispose()
    assert ws.registers_version() == updated  # reading does not move it


def test_sign_ins_and_rolled_back_writes_do_not_move_it(db_workspace: Workspace) -> None:
    ws = db_workspace
    accounts.add_user(ws, email="a@x.example", password=PASSWORD, role="analyst")
    before = ws.registers_version()
    accounts.sign_in(ws, email="a@x.example", password=PASSWORD)  # a session and audit entry
    assert ws.registers_version() == before
    with pytest.raises(RuntimeError), ws.db.begin() as conn:
        conn.execute(
            vendors.insert().values(
                id="gone", organisation_id=ws.organisation_id, name="Gone",
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )  # fmt: skip
        raise RuntimeError("the use case failed after its write")
    # The next transaction may get the same pooled connection: the rolled-back write's
    # note must not move the counter when that one commits.
    assert [v.id for v in entities.list_vendors(ws)] == []
    assert ws.registers_version() == before
