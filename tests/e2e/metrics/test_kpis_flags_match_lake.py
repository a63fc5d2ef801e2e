"""``fairshore kpis --by channel`` on a generated workspace agrees with a plain DuckDB
count over the lake's Parquet files for escalation, FCR and transfer.

telco-blr's chat and e-mail arrive as Zendesk exports; its adapter once wrote
``escalated = True`` for a tagged ticket and nothing otherwise, so the rate over the
non-null rows was 1.0 while 5.9 % of the contacts were escalated, and FCR was null for
every ticket. The reference here is DuckDB reading the files, not Fairshore's KPI code;
the generator's own truth bounds the rates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fairshore.adapters.lake import Lake
from fairshore.bootstrap import Workspace, init_workspace
from fairshore.config import load_settings
from fairshore.demo.generate import generate
from fairshore.demo.pipeline import DemoContext, register_entities
from fairshore.entrypoints.cli.main import cli
from fairshore.interactions.services import ingest_files

pytestmark = [pytest.mark.slow]
ENGAGEMENT = "telco-blr"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    home: Path = tmp_path_factory.mktemp("kpis-flags") / "ws"
    ws = init_workspace(load_settings(home=home))
    register_entities(DemoContext(ws=ws, scale=0.01, seed=7, progress=None, incoming=home))
    incoming = home / "incoming"
    result = generate(incoming, scale=0.01, seed=7, engagements=[ENGAGEMENT])
    for entry in result.files:
        if entry.table != "interactions":
            continue
        ingest_files(
            ws,
            table=entry.table,
            paths=[incoming / p for p in entry.paths],
            engagement_id=entry.engagement_id,
            format=entry.format,
            mapping=incoming / entry.mapping if entry.mapping else None,
        )
    yield ws
    ws.close()


def _lake_counts(ws: Workspace) -> dict[str, dict[str, float | None]]:
    files = [str(p) for p in Lake.from_settings(ws.settings).files("interactions", ENGAGEMENT)]
    rows = duckdb.sql(
        """
        SELECT channel,
               count(*) FILTER (WHERE escalated)
                 / nullif(count(escalated), 0) AS escalation_rate,
               count(*) FILTER (WHERE transferred)
                 / nullif(count(transferred), 0) AS transfer_rate,
               count(*) FILTER (WHERE first_contact_resolved)
                 / nullif(count(first_contact_resolved), 0) AS fcr_rate
        FROM read_parquet($files)
        WHERE answered_at IS NOT NULL
        GROUP BY channel
        """,
        params={"files": files},
    ).fetchall()
    names = ("escalation_rate", "transfer_rate", "fcr_rate")
    return {str(r[0]): dict(zip(names, r[1:], strict=True)) for r in rows}


def test_kpis_by_channel_match_a_plain_count_over_the_lake(generated: Workspace) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--home",
            str(generated.home),
            "kpis",
            "--engagement",
            ENGAGEMENT,
            "--by",
            "channel",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    shown = {r["channel"]: r for r in json.loads(result.output)["rows"]}
    counted = _lake_counts(generated)
    assert set(shown) == set(counted) and {"chat", "email"} <= set(shown)
    for channel, expected in counted.items():
        for name, value in expected.items():
            if value is None:  # the source carries no such flag: no rate, not zero
                assert shown[channel][name] is None, (channel, name)
            else:
                assert shown[channel][name] == pytest.approx(value, abs=1e-12), (channel, name)
    for channel in ("chat", "email"):
        # The generator escalates 6 % of answered contacts and resolves most on first
        # contact: a rate of 1.0 or a missing FCR is the adapter guessing.
        assert 0.02 < shown[channel]["escalation_rate"] < 0.12, channel
        assert 0.3 < shown[channel]["fcr_rate"] < 0.9, channel
