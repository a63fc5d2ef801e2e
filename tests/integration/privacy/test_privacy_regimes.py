"""Regimes through the database: incident clocks and the sharing refusal, end to end.

Statutes: 45 CFR 164.404(b) (individuals, 60 days), 164.406 (media above 500 residents
of a state); Cal. Civ. Code 1798.120 and 1798.140(ag) (no sale or sharing by a service
provider).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from lake_fixture import ENGAGEMENT, access_log, interactions_frame, make_engagement, write_lake

from fairshore.adapters.db.database import _alembic_config
from fairshore.bootstrap import Workspace, open_workspace
from fairshore.config import load_settings
from fairshore.engagements import services as engagements
from fairshore.errors import InputError, PrivacyError
from fairshore.privacy import services
from fairshore.privacy.model import IncidentFields

AWARE = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)
POLICY = """
engagement_id: telco-mnl
retention_days: 30
processing_locations: [PH]
purpose: {purpose}
tables:
  interactions:
    default: withhold
    fields:
      channel: share
"""


@pytest.fixture
def ws(db_workspace: Workspace) -> Workspace:
    make_engagement(db_workspace)
    return db_workspace


def test_hipaa_engagement_incident_register(ws: Workspace) -> None:
    engagements.set_regimes(ws, ENGAGEMENT, ["hipaa"])
    assert engagements.get_engagement(ws, ENGAGEMENT).regimes == ["hipaa"]
    big = services.add_incident(
        ws,
        engagement_id=ENGAGEMENT,
        fields=IncidentFields(
            vendor_aware_at=AWARE,
            client_notified_at=AWARE + timedelta(hours=10),
            records_affected=650,
            affected_by_region={"US-FL": 600, "US-GA": 50},
        ),
    )
    services.add_incident(
        ws,
        engagement_id=ENGAGEMENT,
        fields=IncidentFields(vendor_aware_at=AWARE, records_affected=400),
    )
    services.update_incident(
        ws, big.id, fields=IncidentFields(notices={"media": AWARE + timedelta(days=20)})
    )
    views = services.list_incidents(ws, as_of=AWARE + timedelta(days=61))
    by_id = {v.incident.id: {c.name: c for c in v.clocks} for v in views}
    first = by_id.pop(big.id)
    [second] = by_id.values()
    assert first["individuals"].deadline == AWARE + timedelta(days=60)  # 164.404(b)
    assert first["individuals"].state == "overdue"
    assert first["media"].state == "met"  # 164.406, told on day 20
    assert "media" not in second
    assert views[0].regimes == ["hipaa"] and not views[0].regimes_assumed
    findings = services.incident_findings(ws, as_of=AWARE + timedelta(days=61))
    assert {f.evidence["basis"][0] for f in findings} >= {"45 CFR 164.404(b)"}


def test_engagement_without_regimes_keeps_the_gdpr_clocks(ws: Workspace) -> None:
    services.add_incident(
        ws, engagement_id=ENGAGEMENT, fields=IncidentFields(vendor_aware_at=AWARE)
    )
    [view] = services.list_incidents(ws, as_of=AWARE)
    assert view.regimes == ["gdpr"] and view.regimes_assumed
    assert [c.name for c in view.clocks] == ["vendor_to_client", "gdpr_art33_authority"]


def test_unknown_regime_is_refused(ws: Workspace) -> None:
    with pytest.raises(InputError, match="regimes"):
        engagements.set_regimes(ws, ENGAGEMENT, ["sox"])
    assert engagements.get_engagement(ws, ENGAGEMENT).regimes == []


def test_ccpa_engagement_refuses_sale_and_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    _events, handled = access_log(n_agents=2, days=5, seed=1, exporter=None)
    write_lake(ws, "interactions", ENGAGEMENT, interactions_frame(handled, n=50))
    engagements.set_regimes(ws, ENGAGEMENT, ["ccpa_cpra"])
    sale = tmp_path / "sale.yaml"
    sale.write_text(POLICY.format(purpose="sale"))
    out = tmp_path / "extract"
    with pytest.raises(PrivacyError, match=r"refused: CCPA/CPRA.*1798\.120"):
        services.share_extract(ws, engagement_id=ENGAGEMENT, policy_path=sale, out_dir=out)
    assert not out.exists()
    serve = tmp_path / "serve.yaml"
    serve.write_text(POLICY.format(purpose="business_purpose"))
    manifest = services.share_extract(ws, engagement_id=ENGAGEMENT, policy_path=serve, out_dir=out)
    assert manifest.regimes == ["ccpa_cpra"] and manifest.tables["interactions"] == 50
    assert any("1798.100(a)(3)" in o for o in manifest.obligations)  # retention disclosed


def test_engagements_stored_before_regimes_keep_the_gdpr_clocks(tmp_path: Path) -> None:
    home = tmp_path / "old"
    home.mkdir()
    url = f"sqlite:///{home / 'fairshore.db'}"
    command.upgrade(_alembic_config(url), "privacy_0002")  # the schema before regimes
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
        ):
            conn.execute(sa.text(statement))
    engine.dispose()
    ws = open_workspace(load_settings(home=home))
    try:
        assert engagements.get_engagement(ws, "e").regimes == []
        services.add_incident(ws, engagement_id="e", fields=IncidentFields(vendor_aware_at=AWARE))
        [view] = services.list_incidents(ws, as_of=AWARE)
        assert view.regimes_assumed and view.clocks[1].name == "gdpr_art33_authority"
    finally:
        ws.close()
