"""The contacts behind a figure are the rows the figure counted.

For each measure the drill-down lists, the count and the figure it recomputes from
the listed contacts equal what ``compute_kpis`` reports for the same month and scope
(and, for the contract's voice term, what the SLA evaluation judged).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from fairshore.bootstrap import Workspace, open_workspace
from fairshore.config import load_settings
from fairshore.contracts import services as contracts
from fairshore.contracts.evidence import term_contacts
from fairshore.errors import InputError, NotFoundError
from fairshore.metrics.evidence import contacts_behind
from fairshore.metrics.model import KpiOptions
from fairshore.metrics.services import compute_kpis
from tests.e2e.evidence.contacts import FILE_NAME, evidence_built
from tests.shared_build import copy_of


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    home = copy_of(evidence_built(tmp_path_factory), tmp_path_factory.mktemp("evidence"))
    ws = open_workspace(load_settings(home=home))
    yield ws
    ws.close()


def _kpi(
    ws: Workspace, metric: str, where: dict[str, list[str]], options: KpiOptions
) -> tuple[int, float]:
    table = compute_kpis(
        ws,
        engagement_id="telco-mnl",
        by=["month"],
        options=options,
        where=where,
        start=datetime(2026, 7, 1, tzinfo=UTC),
        end=datetime(2026, 8, 1, tzinfo=UTC),
    )
    [row] = table.rows
    return row.offered, float(getattr(row, metric))


@pytest.mark.parametrize(
    "metric", ["service_level", "sl_v3", "asa_s", "abandon_rate", "aht_s", "csat_top2"]
)
@pytest.mark.parametrize("channel", [None, "voice"])
def test_the_listed_contacts_make_the_figure(
    ws: Workspace, metric: str, channel: str | None
) -> None:
    where = {"channel": [channel]} if channel else {}
    offered, figure = _kpi(ws, metric, where, KpiOptions())
    sample = contacts_behind(
        ws, engagement_id="telco-mnl", metric=metric, month="2026-07", where=where, limit=5000
    )
    assert sample.figure == pytest.approx(figure)
    assert sample.total == len(sample.contacts) <= offered
    assert all(c.arrived_at.month == 7 for c in sample.contacts)
    if channel:
        assert {c.channel for c in sample.contacts} == {channel}
    if sample.successes is not None:
        assert sample.successes == sum(bool(c.success) for c in sample.contacts)
    else:
        mean = sum(c.value or 0 for c in sample.contacts) / sample.total
        assert mean == pytest.approx(figure)


def test_a_breached_july_term_lists_the_calls_it_judged_with_their_file(ws: Workspace) -> None:
    [july] = [
        e for e in contracts.sla_history(ws, engagement_id="telco-mnl") if e.period == "2026-07"
    ]
    [term] = [t for t in july.terms if t.term_id == "voice-service-level"]
    assert term.status == "breached"
    sample = term_contacts(
        ws,
        engagement_id="telco-mnl",
        term_id="voice-service-level",
        month="2026-07",
        limit=10,
        offset=20,
    )
    assert sample.total == term.sample_size and sample.figure == pytest.approx(term.value)
    assert sample.scope == {"channel": ["voice"]} and len(sample.contacts) == 10
    assert {c.channel for c in sample.contacts} == {"voice"}
    assert {tuple(c.files) for c in sample.contacts} == {(FILE_NAME,)}
    assert sample.contacts == sorted(
        sample.contacts, key=lambda c: (c.arrived_at, c.interaction_id)
    )


def test_what_cannot_be_listed_says_so(ws: Workspace) -> None:
    with pytest.raises(InputError, match="no contact-level evidence for 'nps'"):
        contacts_behind(ws, engagement_id="telco-mnl", metric="nps", month="2026-07")
    with pytest.raises(NotFoundError, match="no service term 'nope'"):
        term_contacts(ws, engagement_id="telco-mnl", term_id="nope", month="2026-07")
