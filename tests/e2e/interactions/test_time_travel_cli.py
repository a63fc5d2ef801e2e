"""``fairshore lake history``, ``kpis --as-of`` and ``report qbr --as-of`` (issue 22):
a QBR made, more data ingested, the QBR made again as of the first lake version gives
the same numbers."""

from __future__ import annotations

import json
import traceback
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import cli

runner = CliRunner()
H = (
    "interaction_id,channel,arrived_at,answered_at,ended_at,resolved_at,csat,"
    "seg_region,seg_tier,seg_accessibility,handle_seconds,agent_ref\n"
)


def run(home: Path, *args: str) -> Any:
    result = runner.invoke(cli, ["--home", str(home), *args])
    assert result.exit_code == 0, result.output + "".join(
        traceback.format_exception(result.exception)
    )
    return json.loads(result.stdout) if "--json" in args else result.stdout


def _setup(home: Path) -> None:
    run(home, "init")
    run(home, "vendor", "add", "vistula", "--name", "Vistula")
    run(
        home,
        "engagement",
        "add",
        "telco-krk",
        "--vendor",
        "vistula",
        "--name",
        "Telco",
        "--timezone",
        "UTC",
        "--channels",
        "chat",
        "--languages",
        "en",
        "--segments",
        "seg_region,seg_tier,seg_accessibility",
    )


def _ingest(home: Path, path: Path) -> dict[str, Any]:
    out: dict[str, Any] = run(
        home, "ingest", "interactions", str(path), "--engagement", "telco-krk", "--json"
    )
    return out


def _qbr(home: Path, name: str, *extra: str) -> tuple[dict[str, Any], str]:
    """The QBR's JSON summary and its whole HTML rendering (every number in it)."""
    html = home.parent / f"{name}.html"
    out: dict[str, Any] = run(
        home,
        "report",
        "qbr",
        "--engagement",
        "telco-krk",
        "--quarter",
        "2026-Q1",
        "--html",
        str(html),
        *extra,
        "--json",
    )
    out.pop("written")
    return out, html.read_text(encoding="utf-8")


def test_qbr_as_of_the_first_version_is_unchanged(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    _setup(home)
    first = tmp_path / "jan.csv"
    first.write_text(
        H
        + "a1,chat,2026-01-05T10:00:00,2026-01-05T10:00:30,"
        + "2026-01-05T10:05:00,,4,north,gold,none,280,ag1\n"
        + "a2,chat,2026-02-05T10:00:00,2026-02-05T10:01:00,"
        + "2026-02-05T10:06:00,,2,south,basic,none,280,ag1\n"
    )
    _ingest(home, first)
    history = run(home, "lake", "history", "--json")
    version = max(c["lake_version"] for c in history)
    assert [c["operation"] for c in history if c["lake_version"] == version] == ["ingest"]
    before = _qbr(home, "before")
    assert before[0]["lake_version"] == version
    assert f"data as of lake version {version}" in before[1]
    kpis_before = run(home, "kpis", "--engagement", "telco-krk", "--json")

    more = tmp_path / "mar.csv"  # a new contact and a new version of a2
    more.write_text(
        H
        + "a2,chat,2026-02-05T10:00:00,2026-02-05T10:01:00,2026-02-05T10:06:00,"
        + "2026-02-06T09:00:00,5,south,basic,none,280,ag1\n"
        + "a3,chat,2026-03-05T10:00:00,2026-03-05T10:00:10,"
        + "2026-03-05T10:03:00,,5,north,basic,none,280,ag1\n"
    )
    report = _ingest(home, more)
    assert (report["rows_updated"], report["rows_inserted"]) == (1, 1)
    after = _qbr(home, "after")
    assert after[1] != before[1]
    assert after[0]["lake_version"] == version + 1

    again = _qbr(home, "again", "--as-of", str(version))
    assert again == before
    kpis_then = run(home, "kpis", "--engagement", "telco-krk", "--as-of", str(version), "--json")
    assert kpis_then == kpis_before
    assert kpis_then["rows"][0]["offered"] == 2


def test_as_of_a_version_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "ws"
    _setup(home)
    result = runner.invoke(cli, ["--home", str(home), "kpis", "--as-of", "7"])
    assert result.exit_code != 0
    assert "lake version 7 does not exist yet" in str(result.exception)
    result = runner.invoke(cli, ["--home", str(home), "kpis", "--as-of", "last tuesday"])
    assert result.exit_code != 0
    assert "give a lake version" in str(result.exception)
