"""The real February 1999 "Anonymous Bank" call log through the ACD adapter.

Source: Technion SEELab (Guedj and Mandelbaum), analysed in Brown et al., JASA 2005;
``shared/data/anonbank-feb1999/README.md`` gives 33,344 rows. The outcome counts are
recomputed here from the raw file with the csv module, independently of the adapter.
PHANTOM rows (not real calls, per the README) are quarantined as ``excluded_outcome``.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from fairshore.adapters.lake import Lake
from fairshore.bootstrap import Workspace
from fairshore.engagements import services as entities
from fairshore.interactions.services import ingest_files

NAME = Path("shared/data/anonbank-feb1999/data_anonymous_bank_february.txt")


def _find() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        if (parent / NAME).is_file():
            return parent / NAME
    return None


DATA = _find()
pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(DATA is None, reason=f"real data {NAME} not found above the repository"),
]
EMPTY = {"0:00:00", "00:00:00"}


def test_anonbank_february_counts(workspace: Workspace) -> None:
    assert DATA is not None
    entities.add_vendor(workspace, id="anonbank", name="Anonymous Bank")
    entities.add_engagement(
        workspace,
        id="anonbank",
        vendor_id="anonbank",
        name="February 1999",
        timezone="Asia/Jerusalem",
        channels=["voice"],
        languages=["he"],
    )
    with DATA.open(newline="") as fh:
        raw = list(csv.DictReader(fh, delimiter="\t"))
    outcomes = Counter(r["outcome"] for r in raw)
    no_service = sum(
        1
        for r in raw
        if r["outcome"] == "AGENT"
        and r["ser_start"] in EMPTY
        and r["ser_exit"] in EMPTY
        and r["ser_time"] == "0"
    )
    ivr_hangups = sum(
        1 for r in raw if r["outcome"] == "HANG" and r["q_start"] in EMPTY and r["q_time"] == "0"
    )
    assert len(raw) == 33_344 and outcomes["PHANTOM"] == 278

    report = ingest_files(
        workspace, table="interactions", paths=[DATA], engagement_id="anonbank", mapping="anonbank"
    )

    assert report.format == "acd"
    assert report.rows_read == 33_344
    assert report.rows_accepted + report.rows_quarantined == report.rows_read
    assert report.reasons["excluded_outcome"] == outcomes["PHANTOM"]
    assert report.reasons["missing_answer_time"] == no_service
    assert set(report.reasons) <= {
        "excluded_outcome",
        "missing_answer_time",
        "answered_before_arrival",
    }
    assert report.warnings["ivr_hangup"] == ivr_hangups
    lake = pa.concat_tables(pq.read_table(p) for p in Lake(workspace.lake).files("interactions"))
    answered = pc.sum(pc.is_valid(lake["answered_at"]).cast(pa.int64())).as_py()
    abandoned = pc.sum(pc.is_valid(lake["abandoned_at"]).cast(pa.int64())).as_py()
    assert lake.num_rows == report.rows_accepted
    assert abandoned == outcomes["HANG"]
    assert (
        answered + no_service + report.reasons.get("answered_before_arrival", 0)
        == outcomes["AGENT"]
    )
    assert len(set(lake["interaction_id"].to_pylist())) == lake.num_rows
