"""Local hires and promotions: a roster CSV through the real ingest to the ESG summary."""

from __future__ import annotations

from pathlib import Path

from fairshore.bootstrap import Workspace
from fairshore.interactions.services import ingest_files
from fairshore.reporting import services as reports
from fairshore.reporting.model import Table
from tests.integration.interactions.workspace_files import ENGAGEMENT, add_engagement

ROSTER = """agent_ref,site_id,role,employment_type,hired_on,left_on,home_location,promoted_on
a1,vistula-krk,agent,employee,2026-02-01,,Kraków (Lesser Poland),
a2,vistula-krk,agent,employee,2026-03-01,,krakow,
a3,vistula-krk,agent,employee,2026-04-01,,Katowice (Silesia),
a4,vistula-krk,agent,employee,2026-05-01,,,
a5,vistula-krk,agent,employee,2025-06-01,,Kraków,
l1,vistula-krk,team_lead,employee,2024-01-10,,,2026-06-01
l2,vistula-krk,team_lead,employee,2025-01-10,,,
l3,vistula-krk,supervisor,employee,2023-01-01,2026-05-31,,2024-03-01
"""


def test_roster_to_esg_community_section(workspace: Workspace, tmp_path: Path) -> None:
    add_engagement(workspace)
    roster = tmp_path / "agents.csv"
    roster.write_text(ROSTER)
    report = ingest_files(workspace, table="agents", paths=[roster], engagement_id=ENGAGEMENT)
    assert report.status == "accepted", report.error
    esg = reports.esg_report(workspace, vendor_id="vistula", period="2026")
    table = next(
        b for b in esg.section("community").blocks
        if isinstance(b, Table) and b.title.startswith("Local hires")
    )  # fmt: skip
    # 2026 hires a1-a4: three state a home, a1 and a2 live in Kraków (2 of 3); l1 promoted
    # in June; on 31 Dec l1 and l2 lead (l3 left in May), one of them promoted from within
    assert table.rows == [["vistula-krk", "Kraków", 4, "2 (66.7 %)", 1, 1, 2, "1 (50.0 %)"]]


def test_a_roster_file_without_the_columns_states_no_home(
    workspace: Workspace, tmp_path: Path
) -> None:
    # The columns are optional: b1's file has neither, so b1 counts as a hire whose home is
    # not stated (never as "not local"), beside the four hires of the full roster.
    add_engagement(workspace)
    old = tmp_path / "old.csv"
    old.write_text(
        "agent_ref,site_id,role,employment_type,hired_on\n"
        "b1,vistula-krk,agent,employee,2026-01-05\n"
    )
    new = tmp_path / "new.csv"
    new.write_text(ROSTER)
    for path in (old, new):
        report = ingest_files(workspace, table="agents", paths=[path], engagement_id=ENGAGEMENT)
        assert report.status == "accepted", report.error
    esg = reports.esg_report(workspace, vendor_id="vistula", period="2026")
    table = next(
        b for b in esg.section("community").blocks
        if isinstance(b, Table) and b.title.startswith("Local hires")
    )  # fmt: skip
    assert table.rows == [["vistula-krk", "Kraków", 5, "2 (66.7 %)", 2, 1, 2, "1 (50.0 %)"]]
