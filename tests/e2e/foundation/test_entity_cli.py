"""The entity CLI as a user runs it: good input, bad input, nothing half-written.

Commands run through the console script's entry point in this process (a new process per
command paid the imports each time: 62 s for the module); two tests run ``python -m
fairshore`` as a real process, one succeeding and one refused, so the way in from the
shell stays covered.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext

from tests.entry_point import Ran, fairshore


def run(home: Path, *args: str) -> Ran:
    return fairshore("--home", str(home), *args)


def run_process(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fairshore", "--home", str(home), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def _registered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with vendor northwind and its Manila site, made through the CLI once."""
    home = tmp_path_factory.mktemp("entity-cli") / "ws"
    assert run(home, "init").returncode == 0
    assert (
        run(
            home, "vendor", "add", "northwind", "--name", "Northwind BPO", "--country", "PH"
        ).returncode
        == 0
    )
    result = run(
        home,
        "site",
        "add",
        "northwind-mnl",
        "--vendor",
        "northwind",
        "--name",
        "Manila",
        "--location",
        "Manila (Metro Manila)",
        "--country",
        "PH",
        "--timezone",
        "Asia/Manila",
        "--currency",
        "PHP",
    )
    assert result.returncode == 0, result.stderr
    return home


@pytest.fixture
def home(_registered: Path, tmp_path: Path) -> Path:
    """A copy of the registered workspace for one test."""
    return Path(shutil.copytree(_registered, tmp_path / "ws"))


def test_init_json_reports_the_revision(tmp_path: Path) -> None:
    result = run_process(tmp_path / "w", "init", "--json")
    assert result.returncode == 0
    said = json.loads(result.stdout)
    # what Alembic itself stamped in the new database: one head per migration branch
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'w' / 'fairshore.db'}")
    with engine.connect() as conn:
        stamped = MigrationContext.configure(conn).get_current_heads()
    engine.dispose()
    assert len(stamped) > 1 and said["revision"] == sorted(stamped)
    assert said["migrations_applied"] == sorted(stamped)  # a new database: every branch


def test_engagement_round_trip_as_json(home: Path) -> None:
    result = run(
        home,
        "engagement",
        "add",
        "telco-mnl",
        "--vendor",
        "northwind",
        "--name",
        "Telco MNL",
        "--timezone",
        "Asia/Manila",
        "--channels",
        "voice,chat,email",
        "--languages",
        "en",
        "--sites",
        "northwind-mnl",
        "--segments",
        "seg_region,seg_tier",
        "--business-hours",
        "mon-fri 08:00-20:00; sat 09:00-13:00",
        "--holidays",
        "2026-12-25",
        "--regimes",
        "hipaa,ccpa-cpra",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    listed = json.loads(run(home, "engagement", "list", "--json").stdout)
    assert len(listed) == 1
    engagement = listed[0]
    assert engagement["channels"] == ["voice", "chat", "email"]
    assert engagement["business_hours"]["sat"] == {"open": "09:00:00", "close": "13:00:00"}
    assert "sun" not in engagement["business_hours"]
    assert engagement["holidays"] == ["2026-12-25"]
    assert engagement["regimes"] == ["ccpa_cpra", "hipaa"]
    vendors = json.loads(run(home, "vendor", "list", "--json").stdout)
    assert vendors == [{"id": "northwind", "name": "Northwind BPO", "country_iso2": "PH"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vendor", "nobody", "--timezone", "Asia/Manila"], "unknown vendor 'nobody'"),
        (["--vendor", "northwind", "--timezone", "Asia/Atlantis"], "not an IANA timezone"),
        (
            ["--vendor", "northwind", "--timezone", "Asia/Manila", "--sites", "elsewhere"],
            "sites elsewhere are not sites",
        ),
        (
            ["--vendor", "northwind", "--timezone", "Asia/Manila", "--business-hours", "weekdays"],
            "cannot read business hours",
        ),
        (
            ["--vendor", "northwind", "--timezone", "Asia/Manila", "--holidays", "25/12/2026"],
            "invalid holiday date",
        ),
        (
            ["--vendor", "northwind", "--timezone", "Asia/Manila", "--regimes", "gdpr,sox"],
            "unknown regime(s) sox",
        ),
    ],
)
def test_bad_engagements_give_a_clear_error_and_write_nothing(
    home: Path, args: list[str], message: str
) -> None:
    result = run(
        home,
        "engagement",
        "add",
        "telco-mnl",
        "--name",
        "T",
        "--channels",
        "voice",
        "--languages",
        "en",
        *args,
    )
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert json.loads(run(home, "engagement", "list", "--json").stdout) == []


def test_duplicate_vendor_is_refused_and_the_first_kept(home: Path) -> None:
    result = run(home, "vendor", "add", "northwind", "--name", "Other")
    assert result.returncode == 2
    assert "already exists" in result.stderr
    vendors = json.loads(run(home, "vendor", "list", "--json").stdout)
    assert [v["name"] for v in vendors] == ["Northwind BPO"]


def test_duplicate_engagement_is_refused(home: Path) -> None:
    args = [
        "engagement",
        "add",
        "e1",
        "--vendor",
        "northwind",
        "--name",
        "E",
        "--timezone",
        "UTC",
        "--channels",
        "voice",
        "--languages",
        "en",
    ]
    assert run(home, *args).returncode == 0
    again = run(home, *args)
    assert again.returncode == 2
    assert "engagement 'e1' already exists" in again.stderr


def test_commands_outside_a_workspace_explain_what_to_do(tmp_path: Path) -> None:
    result = run_process(tmp_path / "missing", "vendor", "list")
    assert result.returncode == 2
    assert "fairshore init" in " ".join(result.stderr.split())


def test_a_usage_mistake_gets_click_usage_text_not_a_traceback(home: Path) -> None:
    result = run(home, "vendor", "add")
    assert result.returncode == 2
    assert "Missing argument" in result.stderr
    assert "Traceback" not in result.stderr
