"""QA end to end on a small workspace: ingest evaluations, metrics, sample, calibration."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from fairshore.bootstrap import Workspace
from fairshore.errors import InputError, NotFoundError
from fairshore.interactions.services import ingest_files
from fairshore.quality import services
from tests.integration.interactions.workspace_files import ENGAGEMENT, add_engagement

CHANNELS = ("voice", "chat", "email")
LANGUAGES = ("en", "es", "pl")
ITEMS = '[{"item_id":"courteous","score":%s,"max":8,"critical":false}]'


def _interactions(folder: Path, n: int = 300) -> Path:
    path = folder / "interactions.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["interaction_id", "channel", "language", "agent_ref", "arrived_at",
                    "answered_at", "resolved_at", "escalated", "seg_region"])  # fmt: skip
        for i in range(n):
            day = 1 + i % 28
            month = 3 if i % 2 else 4
            at = f"2026-{month:02d}-{day:02d}T10:00:00Z"
            answered = f"2026-{month:02d}-{day:02d}T10:00:30Z" if i % 10 else ""
            w.writerow([f"c{i}", CHANNELS[i % 3], LANGUAGES[i % 3 if i % 7 else 1],
                        f"a{i % 5}", at, answered, answered if i % 4 else "",
                        "true" if i % 13 == 0 else "false", "north"])  # fmt: skip
    return path


def _evaluations(folder: Path, *, gap: float) -> Path:
    rng = np.random.default_rng(5)
    path = folder / "qa.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["evaluation_id", "interaction_id", "agent_ref", "evaluator_ref",
                    "evaluator_side", "form_id", "form_version", "evaluated_at",
                    "items_json", "total", "auto_fail", "comment"])  # fmt: skip
        for i in range(1, 300, 3):
            if i % 10 == 0:
                continue
            truth = float(rng.uniform(60, 90))
            month = 3 if i % 2 else 4
            when = f"2026-{month:02d}-28T12:00:00Z"
            vendor = min(100.0, truth + gap + float(rng.normal(0, 3)))
            fail = i % 31 == 0
            w.writerow([f"V{i}", f"c{i}", f"a{i % 5}", "qa1", "vendor", "contact-centre", "2",
                        when, ITEMS % 8, 0 if fail else round(vendor, 1), fail,
                        "Customer John Smith was upset"])  # fmt: skip
            if i % 2:
                w.writerow([f"C{i}", f"c{i}", f"a{i % 5}", "cal1", "Client", "contact-centre",
                            "2", when, ITEMS % 4, round(truth, 1), "no", ""])  # fmt: skip
    return path


@pytest.fixture
def qa_ws(workspace: Workspace, tmp_path: Path) -> Workspace:
    add_engagement(workspace)
    for table, path in (
        ("interactions", _interactions(tmp_path)),
        ("qa_evaluations", _evaluations(tmp_path, gap=12)),
    ):
        report = ingest_files(workspace, table=table, paths=[path], engagement_id=ENGAGEMENT)
        assert report.status == "accepted", report.error
        assert report.rows_quarantined == 0, report.reasons
    return workspace


def test_ingested_evaluations_feed_the_metrics(qa_ws: Workspace) -> None:
    [overall] = services.qa_kpis(qa_ws, engagement_id=ENGAGEMENT)
    # vendor rows: i = 1, 4, 7, ... 298 without multiples of 10 -> 100 - 10 = 90
    assert overall.evaluations == 90 and overall.agents == 5
    assert overall.critical_error_rate == pytest.approx(3 / 90)  # i = 31, 124, 217
    by_month = services.qa_kpis(qa_ws, engagement_id=ENGAGEMENT, by=["month"])
    assert [r.group["month"] for r in by_month] == ["2026-03", "2026-04"]
    assert sum(r.evaluations for r in by_month) == 90
    # counted by hand from the file: March has agents a0-a4, April a1-a4 (i even and a
    # multiple of 5 is a multiple of 10, left out), 10 evaluations each
    assert [r.agent_months for r in by_month] == [5, 4]
    assert all(r.evaluations_per_agent_month == 10 and r.coverage_share == 1 for r in by_month)
    strict = services.qa_kpis(qa_ws, engagement_id=ENGAGEMENT, min_per_agent_month=11)
    assert strict[0].coverage_share == 0
    by_language = services.qa_kpis(qa_ws, engagement_id=ENGAGEMENT, by=["language", "channel"])
    assert sum(r.evaluations for r in by_language) == 90
    assert {r.group["language"] for r in by_language} <= set(LANGUAGES)
    client = services.qa_kpis(qa_ws, engagement_id=ENGAGEMENT, side="client")
    assert client[0].evaluations == 50  # odd i
    with pytest.raises(InputError, match="cannot group"):
        services.qa_kpis(qa_ws, engagement_id=ENGAGEMENT, by=["shoe_size"])


def test_calibration_finds_the_inflated_vendor(qa_ws: Workspace) -> None:
    report = services.calibrate_engagement(qa_ws, engagement_id=ENGAGEMENT)
    assert report.pairs == 50
    assert report.inflated and report.direction == "vendor_higher"
    assert report.findings[0].source == "quality"
    assert "vistula" in report.findings[0].title
    assert report.item_kappa is not None and report.item_pairs == 50
    tolerant = services.calibrate_engagement(qa_ws, engagement_id=ENGAGEMENT, tolerance=50)
    assert not tolerant.inflated and not tolerant.findings


def test_audit_sample_by_margin_is_stratified_and_reproducible(
    qa_ws: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "sample.csv"
    sample = services.draw_audit_sample(
        qa_ws, engagement_id=ENGAGEMENT, margin=0.1, seed=3, out=out
    )
    # 270 handled contacts: n0 = 96.04, n = 96.04 / (1 + 95.04 / 270) = 71.04 -> 72
    assert sample.population == 270 and sample.size == 72
    assert sum(int(s["sampled"]) for s in sample.strata) == 72
    for stratum in sample.strata:  # each stratum within one of its proportional share
        assert abs(int(stratum["sampled"]) - 72 * int(stratum["population"]) / 270) < 1
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert [r["interaction_id"] for r in rows] == sample.interaction_ids
    assert "customer_ref" not in rows[0] and "stratum" in rows[0]
    again = services.draw_audit_sample(qa_ws, engagement_id=ENGAGEMENT, size=72, seed=3)
    assert again.interaction_ids == sample.interaction_ids
    with pytest.raises(InputError, match="exactly one"):
        services.draw_audit_sample(qa_ws, engagement_id=ENGAGEMENT, size=5, margin=0.1)


def test_no_evaluations_is_a_clear_error(workspace: Workspace) -> None:
    add_engagement(workspace)
    with pytest.raises(NotFoundError, match="ingest qa_evaluations"):
        services.calibrate_engagement(workspace, engagement_id=ENGAGEMENT)


HEADER = "evaluation_id,interaction_id,evaluator_side,form_id,evaluated_at,items_json,total\n"
GOOD = 'e1,c1,vendor,cc,2026-03-02T10:00:00Z,"[{""item_id"":""a"",""score"":1,""max"":2}]",90\n'


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("e2,c2,supplier,cc,2026-03-02T10:00:00Z,,90\n", "unknown_value"),
        ("e2,c2,vendor,cc,2026-03-02T10:00:00Z,,101\n", "score_out_of_range"),
        ("e2,c2,vendor,cc,yesterday,,90\n", "unparseable_time"),
        ("e2,,vendor,cc,2026-03-02T10:00:00Z,,90\n", "missing_required_field"),
        ('e2,c2,vendor,cc,2026-03-02T10:00:00Z,"[{""item_id"":""a""",90\n', "malformed_items"),
        (
            'e2,c2,vendor,cc,2026-03-02T10:00:00Z,"[{""item_id"":""a"",""score"":3,""max"":2}]",'
            "90\n",
            "malformed_items",
        ),
        ("e1,c9,client,cc,2026-03-02T10:00:00Z,,80\n", "duplicate_id_in_batch"),
    ],
)
def test_bad_evaluation_rows_are_quarantined_with_one_reason(
    workspace: Workspace, tmp_path: Path, row: str, reason: str
) -> None:
    add_engagement(workspace)
    path = tmp_path / "qa.csv"
    path.write_text(HEADER + GOOD + row)
    report = ingest_files(workspace, table="qa_evaluations", paths=[path], engagement_id=ENGAGEMENT)
    assert report.status == "accepted"
    assert (report.rows_read, report.rows_accepted) == (2, 1)
    assert report.reasons == {reason: 1}


def test_an_evaluations_file_without_required_columns_is_rejected(
    workspace: Workspace, tmp_path: Path
) -> None:
    add_engagement(workspace)
    path = tmp_path / "qa.csv"
    path.write_text("evaluation_id,total\ne1,90\n")
    report = ingest_files(workspace, table="qa_evaluations", paths=[path], engagement_id=ENGAGEMENT)
    assert report.status == "rejected" and "evaluator_side" in str(report.error)
    json.dumps(report.reasons)
