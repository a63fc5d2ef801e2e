"""QA tool exports (long and wide layouts) ingested through the shipped mapping files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fairshore.bootstrap import Workspace
from fairshore.interactions.services import ingest_files
from fairshore.quality.forms import get_form, score_evaluation
from tests.integration.interactions.workspace_files import ENGAGEMENT, add_engagement, lake_rows

LONG = """\
Evaluation ID,Interaction ID,Agent ID,Evaluator ID,Evaluator Role,Scorecard,Scorecard Version,\
Completed At,Evaluation Comment,Question ID,Points,Max Points,Critical
E1,c1,a1,qa7,QA Analyst,contact-centre,2,2026-03-02T10:00:00Z,Good call,identity_verified,8,8,yes
E1,c1,a1,qa7,QA Analyst,contact-centre,2,2026-03-02T10:00:00Z,Good call,courteous,6,8,no
E1,c1,a1,qa7,QA Analyst,contact-centre,2,2026-03-02T10:00:00Z,Good call,root_cause,N/A,6,no
E2,c2,a2,cal1,Calibrator,contact-centre,2,2026-03-03T10:00:00Z,,identity_verified,0,8,yes
E2,c2,a2,cal1,Calibrator,contact-centre,2,2026-03-03T10:00:00Z,,courteous,8,8,no
E3,c3,a2,qa7,QA Analyst,contact-centre,2,2026-03-03T11:00:00Z,,courteous,9,8,no
E1,c1,a1,qa7,QA Analyst,contact-centre,2,2026-03-02T10:00:00Z,Good call,case_notes,9,9,no
E4,c4,a3,qa7,QA Analyst,contact-centre,2,2026-03-04T11:00:00Z,,courteous,eight,8,no
"""


def _ingest(ws: Workspace, path: Path, mapping: str) -> object:
    report = ingest_files(
        ws, table="qa_evaluations", paths=[path], engagement_id=ENGAGEMENT, mapping=mapping
    )
    assert report.status == "accepted", report.error
    return report


def test_a_long_export_becomes_one_evaluation_per_id(workspace: Workspace, tmp_path: Path) -> None:
    add_engagement(workspace)
    path = tmp_path / "qa-long.csv"
    path.write_text(LONG)
    report = _ingest(workspace, path, "qa-long")
    # 8 question rows -> 4 evaluations: E1 (3 rows + 1 later, N/A left out) and E2
    # accepted; E3 scores 9 of 8 (its computed total 112.5 is out of range), E4 an
    # unreadable score.
    assert (report.rows_read, report.rows_accepted) == (4, 2)  # type: ignore[attr-defined]
    assert report.reasons == {"score_out_of_range": 1, "unparseable_number": 1}  # type: ignore[attr-defined]
    rows = {r["evaluation_id"]: r for r in lake_rows(workspace, "qa_evaluations")}
    e1, e2 = rows["E1"], rows["E2"]
    assert [i["item_id"] for i in json.loads(e1["items_json"])] == [
        "identity_verified", "courteous", "case_notes"
    ]  # fmt: skip
    # The total is the form's scoring of the same answers (packaged form, v2).
    form = get_form("contact-centre", "2")
    expected = score_evaluation(
        form, {"identity_verified": 1.0, "courteous": 0.75, "case_notes": 1.0}
    )
    assert e1["total"] == pytest.approx(expected.total) and not e1["auto_fail"]
    assert e1["evaluator_side"] == "vendor" and e2["evaluator_side"] == "client"
    assert e2["total"] == 0 and e2["auto_fail"]  # a critical item scored 0
    assert e1["comment"] == "Good call" and e1["form_version"] == "2"


WIDE_HEADER = (
    "Evaluation,Ticket,Agent,Reviewer,Reviewer Type,Scorecard,Reviewed,Score %,Auto-fail,"
    "Feedback,Identity verified,Disclosures,Data protection,Vulnerability,Correct information,"
    "Issue resolved,Root cause,Acknowledged,Courteous,Active listening,Plain language,"
    "Brand greeting,Case notes,Disposition\n"
)


def test_a_wide_export_with_local_times_and_its_own_total(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_engagement(workspace)
    path = tmp_path / "qa-wide.csv"
    path.write_text(
        WIDE_HEADER
        + "W1,c1,a1,r1,Internal QA,contact-centre,14/07/2026 16:05,91.5,No,,8,5,5,4,12,12,"
        "6,8,8,6,5,5,9,7\n"
        + "W2,c2,a1,r2,Client QA,contact-centre,15/07/2026 09:00,0,Yes,Missed ID,0,5,5,4,"
        "12,12,6,8,8,6,5,5,9,N/A\n"
        + "W3,c3,a1,r2,Client QA,contact-centre,yesterday,80,No,,8,5,5,4,12,12,6,8,8,6,5,5,9,7\n"
        + "W1,c9,a1,r1,Internal QA,contact-centre,14/07/2026 16:05,91,No,,8,5,5,4,12,12,"
        "6,8,8,6,5,5,9,7\n"
    )
    report = _ingest(workspace, path, "qa-wide")
    assert (report.rows_read, report.rows_accepted) == (4, 2)  # type: ignore[attr-defined]
    assert report.reasons == {"unparseable_time": 1, "duplicate_id_in_batch": 1}  # type: ignore[attr-defined]
    rows = {r["evaluation_id"]: r for r in lake_rows(workspace, "qa_evaluations")}
    w1, w2 = rows["W1"], rows["W2"]
    assert w1["total"] == 91.5 and w1["evaluator_side"] == "vendor"
    # 16:05 in Kraków (CEST, UTC+2) is 14:05 UTC
    assert w1["evaluated_at"].isoformat() == "2026-07-14T14:05:00+00:00"
    assert w2["auto_fail"] and w2["evaluator_side"] == "client"
    assert len(json.loads(w2["items_json"])) == 13  # the N/A disposition left out


def test_the_cxone_mapping_reads_its_documented_columns(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_engagement(workspace)
    path = tmp_path / "evaluation-details.csv"
    path.write_text(
        "Workflow ID,Contact Number,Agent ID,Agent,Evaluator,Form Name,Form Version,"
        "Evaluation Date,Average Score,Failed Critical Question,Evaluation Flow Trigger\n"
        "wf-1,58211,1001,Ann,QA Lead,Inbound,3,2026-03-02 10:00:00,87.5,false,Quality Plan\n"
        "wf-2,58212,1002,Bob,QA Lead,Inbound,3,2026-03-02 11:00:00,0,true,Quality Plan\n"
    )
    report = _ingest(workspace, path, "cxone-evaluation-details")
    assert report.rows_accepted == 2  # type: ignore[attr-defined]
    rows = {r["evaluation_id"]: r for r in lake_rows(workspace, "qa_evaluations")}
    assert rows["wf-1"]["total"] == 87.5 and rows["wf-2"]["auto_fail"]
    assert rows["wf-1"]["interaction_id"] == "58211" and rows["wf-1"]["form_id"] == "Inbound"


def test_a_mapping_that_does_not_fit_the_file_rejects_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_engagement(workspace)
    path = tmp_path / "qa.csv"
    path.write_text("id,score\n1,90\n")
    report = ingest_files(
        workspace, table="qa_evaluations", paths=[path], engagement_id=ENGAGEMENT,
        mapping="qa-wide",
    )  # fmt: skip
    assert report.status == "rejected" and "missing Evaluation" in str(report.error)
