"""The day a workspace judges as of: FAIRSHORE_TODAY, else its pinned day, else the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from fairshore.bootstrap import init_workspace, pin_today
from fairshore.config import load_settings
from fairshore.errors import WorkspaceError


def test_the_clock_then_the_pinned_day_then_the_setting(tmp_path: Path) -> None:
    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    try:
        with time_machine.travel(datetime(2027, 3, 4, 23, 30, tzinfo=UTC), tick=False):
            assert ws.today() == date(2027, 3, 4)
            pin_today(ws, date(2026, 10, 31))  # a scenario's own day
            assert ws.today() == date(2026, 10, 31)
        ws.settings = ws.settings.model_copy(update={"today": date(2025, 1, 2)})
        assert ws.today() == date(2025, 1, 2)  # FAIRSHORE_TODAY wins
    finally:
        ws.close()


def test_a_damaged_pin_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    ws = init_workspace(load_settings(home=tmp_path / "ws"))
    try:
        (ws.home / "today").write_text("next tuesday")
        with pytest.raises(WorkspaceError, match="does not hold a day"):
            ws.today()
    finally:
        ws.close()
