"""The minimised extract: withheld fields absent, pseudonyms joinable across tables."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from lake_fixture import ENGAGEMENT, access_log, interactions_frame, make_engagement, write_lake

from fairshore.bootstrap import Workspace
from fairshore.errors import PrivacyError
from fairshore.privacy import services

POLICY = """
engagement_id: telco-mnl
retention_days: 90
processing_locations: [PH]
tables:
  interactions:
    default: share
    fields:
      customer_ref: {action: pseudonymise, reason: vendor measures without knowing who}
      arrived_at: {action: generalise, generalise_to: month}
      csat: {action: withhold, reason: client's own survey}
      seg_region: {action: generalise, generalise_to: region, keep_chars: 3}
  access_events:
    default: withhold
    fields:
      event_id: share
      agent_ref: share
      at: share
      action: share
      record_ref: pseudonymise
"""


@pytest.fixture
def lake_ws(db_workspace: Workspace, tmp_path: Path) -> tuple[Workspace, Path]:
    make_engagement(db_workspace)
    events, handled = access_log(n_agents=4, days=20, seed=1, exporter=None)
    write_lake(db_workspace, "access_events", ENGAGEMENT, events)
    write_lake(db_workspace, "interactions", ENGAGEMENT, interactions_frame(handled, n=300))
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY)
    return db_workspace, policy


def test_share_extract(lake_ws: tuple[Workspace, Path], tmp_path: Path) -> None:
    ws, policy = lake_ws
    out = tmp_path / "extract"
    manifest = services.share_extract(ws, engagement_id=ENGAGEMENT, policy_path=policy, out_dir=out)
    inter = pq.read_table(out / "interactions").to_pandas()
    access = pq.read_table(out / "access_events").to_pandas()
    assert "csat" not in inter.columns
    assert set(access.columns) == {"event_id", "agent_ref", "at", "action", "record_ref"}
    assert not inter["customer_ref"].str.startswith("cust-").any()
    assert inter["arrived_at"].str.fullmatch(r"\d{4}-\d{2}").all()
    # Pseudonyms are consistent: the interactions' customers are found among accessed records.
    shared = set(inter["customer_ref"]) & set(access["record_ref"].dropna())
    assert len(shared) > 100
    assert manifest.tables["interactions"] == 300
    assert manifest.retention_days == 90 and manifest.processing_locations == ["PH"]
    saved = json.loads((out / "manifest.json").read_text())
    reasons = {(t["table"], t["field"]): t for t in saved["transforms"]}
    assert reasons[("interactions", "csat")]["action"] == "withhold"
    assert reasons[("interactions", "customer_ref")]["reason"].startswith("vendor measures")
    assert reasons[("access_events", "source")]["action"] == "withhold"
    # Same key, same pseudonyms on a second run.
    services.share_extract(
        ws, engagement_id=ENGAGEMENT, policy_path=policy, out_dir=tmp_path / "again"
    )
    again = pq.read_table(tmp_path / "again" / "interactions").to_pandas()
    assert list(again["customer_ref"]) == list(inter["customer_ref"])


def test_policy_for_another_engagement_refused(
    lake_ws: tuple[Workspace, Path], tmp_path: Path
) -> None:
    ws, _policy = lake_ws
    other = tmp_path / "other.yaml"
    other.write_text(POLICY.replace("engagement_id: telco-mnl", "engagement_id: telco-bog"))
    with pytest.raises(PrivacyError, match="is for engagement 'telco-bog'"):
        services.share_extract(
            ws, engagement_id=ENGAGEMENT, policy_path=other, out_dir=tmp_path / "x"
        )


def test_inbound_check(lake_ws: tuple[Workspace, Path], tmp_path: Path) -> None:
    ws, policy = lake_ws
    received = tmp_path / "received.csv"
    received.write_text(
        "interaction_id,channel,customer_ref,csat,notes,reason\n"
        "i1,voice,abc,5,customer gave email ana@example.com,billing\n"
        "i2,chat,abd,4,called from +63 917 123 4567,billing\n"
        "i3,chat,abe,3,nothing personal,billing\n"
    )
    report = services.check_inbound(ws, path=received, engagement_id=ENGAGEMENT, policy_path=policy)
    assert report.table == "interactions" and report.rows == 3
    kinds = {(f.kind, f.field) for f in report.findings}
    assert ("field_not_allowed", "csat") in kinds
    assert ("unknown_field", "notes") in kinds
    text = next(f for f in report.findings if f.kind == "personal_data_in_text")
    assert text.field == "notes" and text.rows == 2
    assert text.entities == {"EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}
    assert all("ana@example.com" not in e for e in text.examples)
    findings = services.check_findings(report)
    assert {f.source for f in findings} == {"privacy_incident"}
