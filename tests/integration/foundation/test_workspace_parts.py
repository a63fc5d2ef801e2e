"""What a workspace gives its services: one lake reader per thread, closed with it, and
the registries the composition root lists (or the caller's own)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import date

import pytest

from fairshore.bootstrap import Workspace, open_workspace
from fairshore.composition import Registries
from fairshore.contracts.model import ClauseMeasurement
from fairshore.contracts.providers import ClauseEntry, ClauseProviders, measure_clause


def test_one_lake_reader_per_thread_all_closed_with_the_workspace(workspace: Workspace) -> None:
    lake = workspace.lake_reader
    assert workspace.lake_reader is lake  # kept, not built per call
    lake.con.raw_sql("SELECT 1")  # opens its DuckDB connection
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(workspace.lake_reader))
    thread.start()
    thread.join()
    assert other[0] is not lake  # DuckDB connections are not shared between threads
    workspace.close()
    assert lake._con is None  # closed with the workspace


def test_a_tenant_view_shares_the_workspace_lake_and_registries(workspace: Workspace) -> None:
    view = dataclasses.replace(workspace, organisation_id="other")  # as the web does
    assert view.lake_reader is workspace.lake_reader
    assert view.registries is workspace.registries


def test_pinning_the_lake_after_opening_reads_the_pinned_lake(workspace: Workspace) -> None:
    latest = workspace.lake_reader
    workspace.settings = workspace.settings.model_copy(update={"lake_as_of": "0"})
    pinned = workspace.lake_reader
    assert pinned is not latest and pinned.as_of == "0" and latest.as_of is None


def test_the_composition_root_lists_every_registry(workspace: Workspace) -> None:
    registries = workspace.registries
    assert "breach_notification_hours" in registries.clause_providers.keys
    assert "min_training_hours" in registries.clause_providers.keys
    assert {p.__module__ for p in registries.alert_providers} == {
        "fairshore.vetting.alerts", "fairshore.vetting.audit_plan", "fairshore.privacy.alerts",
        "fairshore.people.alerts",
    }  # fmt: skip
    assert {"csv", "parquet", "jsonl", "zendesk", "acd"} <= set(registries.formats.names)


def test_a_workspace_opened_with_its_own_registries_uses_them(workspace: Workspace) -> None:
    def measure(ws: Workspace, engagement_id: str, start: date, end: date) -> ClauseMeasurement:
        return ClauseMeasurement(value=0.5, sample_size=3)

    registries = Registries()
    registries.clause_providers = ClauseProviders([ClauseEntry("max_occupancy", measure)])
    ws = open_workspace(workspace.settings, registries=registries)
    try:
        day = date(2026, 7, 1)
        assert measure_clause(ws, "max_occupancy", "e", day, day) == measure(ws, "e", day, day)
        assert measure_clause(ws, "max_attrition", "e", day, day) is None  # not listed
        # the other workspace keeps the composition root's providers
        assert "max_attrition" in workspace.registries.clause_providers.keys
    finally:
        ws.close()


def test_a_result_is_computed_once_while_reading_and_afresh_outside(workspace: Workspace) -> None:
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert workspace.kept("k", lambda: compute("a")) == "A"
    assert workspace.kept("k", lambda: compute("a")) == "A"
    assert calls == ["a", "a"]  # outside a reading stretch nothing is kept
    with workspace.reading():
        assert workspace.kept("k", lambda: compute("b")) == "B"
        with workspace.reading():  # a nested stretch shares the outer one's results
            assert workspace.kept("k", lambda: compute("c")) == "B"
        assert workspace.kept("k", lambda: compute("d")) == "B"
        assert workspace.kept("other", lambda: compute("e")) == "E"
        # another organisation's view (the web's tenant) does not read this one's results
        view = dataclasses.replace(workspace, organisation_id="other")
        assert view.kept("k", lambda: compute("f")) == "F"
        # nor does another thread (another web request)
        thread = threading.Thread(target=lambda: workspace.kept("k", lambda: compute("g")))
        thread.start()
        thread.join()
    assert calls == ["a", "a", "b", "e", "f", "g"]
    assert workspace.kept("k", lambda: compute("h")) == "H"  # forgotten when the stretch ends


def test_a_value_held_open_closes_with_the_reading_or_the_callers_stack(
    workspace: Workspace,
) -> None:
    events: list[str] = []

    def holding(name: str) -> AbstractContextManager[str]:
        @contextmanager
        def held() -> Iterator[str]:
            events.append(f"open {name}")
            yield name
            events.append(f"close {name}")

        return held()

    with ExitStack() as caller:  # outside a reading: the caller's stack holds it
        assert workspace.kept_open("t", lambda: holding("a"), caller) == "a"
        assert events == ["open a"]
    assert events == ["open a", "close a"]
    events.clear()
    with workspace.reading():
        with ExitStack() as first:
            assert workspace.kept_open("t", lambda: holding("b"), first) == "b"
        with ExitStack() as second:  # a second computation of the reading shares it
            assert workspace.kept_open("t", lambda: holding("c"), second) == "b"
        assert events == ["open b"]  # held past both callers, until the reading ends
    assert events == ["open b", "close b"]


def test_a_failure_is_not_kept(workspace: Workspace) -> None:
    attempts: list[int] = []

    def flaky() -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise ValueError("first time")
        return len(attempts)

    with workspace.reading():
        with pytest.raises(ValueError, match="first time"):
            workspace.kept("k", flaky)
        assert workspace.kept("k", flaky) == 2
