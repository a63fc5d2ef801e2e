"""Report links: the SLA table links each judged month of a contact measure to the
contacts behind it, finding rows link their finding, and a renderer links a live page by
its path in the app, from the base URL in a file, and not at all in a file without one."""

from __future__ import annotations

from datetime import date

from fairshore.contracts.model import Evaluation, TermResult
from fairshore.metrics.periods import parse_period
from fairshore.reporting.links import qbr_links, with_links
from fairshore.reporting.model import Link, Report, Section, Table
from fairshore.reporting.qbr_inputs import QbrInputs
from fairshore.reporting.qbr_sla import sla_section
from fairshore.reporting.render import get_renderer, render_article

Q3 = parse_period("2026-Q3")


def _term(term_id: str, metric: str, status: str, value: float | None) -> TermResult:
    return TermResult(term_id=term_id, kind="service", metric=metric, comparator=">=",
                      target=0.8, value=value, status=status, margin=None,  # type: ignore[arg-type]
                      sample_size=500, min_sample=100, credit_share=0.03, credit=0.0)  # fmt: skip


def _evaluation(period: str, terms: list[TermResult]) -> Evaluation:
    return Evaluation(contract_id="c", contract_version=1, engagement_id="eng", period=period,
                      start=date(2026, 7, 1), end=date(2026, 8, 1), fee=1000.0, currency="USD",
                      terms=terms, credits_before_cap=0.0, cap=0.0, credits_owed=0.0,
                      earned_back=0.0, net_credit=0.0)  # fmt: skip


def _inputs(sla: list[Evaluation]) -> QbrInputs:
    return QbrInputs(engagement_id="eng", vendor="v", quarter=Q3, sla=sla, sla_history=sla,
                     parity=[], people=None, people_previous=None, findings=[], audits=[],
                     staffing=None, interactions_in_quarter=0, interactions_previous=0)  # fmt: skip


def test_judged_months_of_a_contact_measure_link_the_contacts_behind_them() -> None:
    july = _evaluation("2026-07", [
        _term("voice-sl", "service_level", "breached", 0.7),
        _term("thin", "service_level", "insufficient_data", 0.9),  # too few to judge
        _term("training", "min_training_hours", "met", 5.0),  # agent-months, not contacts
    ])  # fmt: skip
    quarter = _evaluation("2026-Q3", [_term("q-sl", "service_level", "met", 0.9)])
    [table] = [b for b in sla_section(_inputs([july, quarter])).blocks if isinstance(b, Table)]
    assert table.columns[table.link_column] == "measured"
    assert table.row_links == [
        "/engagements/eng/terms/voice-sl/2026-07?back=/reports/qbr/eng/2026-Q3",
        None,
        None,
        None,  # a quarter is no month: the drill-down lists one month's contacts
    ]


def test_each_section_gets_its_live_page_and_finding_rows_their_finding() -> None:
    findings = Section(id="findings", title="Findings", blocks=[
        Table(title="t", columns=["id", "title"], rows=[[7, "late"], [None, "—"]]),
    ])  # fmt: skip
    [linked] = with_links([findings], qbr_links("eng", Q3, people=False))
    assert [link.href for link in linked.links] == ["/findings?engagement=eng&status=all"]
    [table] = linked.blocks
    assert isinstance(table, Table) and table.row_links == ["/portal/findings/7", None]
    people = qbr_links("eng", Q3, people=True)["people"]
    assert people[1].href == (
        "/engagements/eng/agent-months/occupancy/2026-07..2026-09?back=/reports/qbr/eng/2026-Q3"
    )


def _report() -> Report:
    section = Section(
        id="sla", title="SLA", links=[Link(href="/engagements/eng/contract", text="Contract")],
        blocks=[Table(title="t", columns=["id"], rows=[[3]], row_links=["/portal/findings/3"])],
    )  # fmt: skip
    return Report(kind="qbr", title="QBR", subtitle="", period="2026-Q3", start=Q3.start,
                  end=Q3.last_day, generated_on=date(2026, 10, 2), sections=[section],
                  batches=[], methodology={})  # fmt: skip


def test_the_page_links_paths_a_file_its_base_url_and_none_without_one() -> None:
    page = render_article(_report()).decode()
    assert 'href="/engagements/eng/contract"' in page and 'href="/portal/findings/3"' in page
    html = get_renderer("html")
    file = html.render(_report(), paper="a4", base_url="https://fairshore.example/").decode()
    assert 'href="https://fairshore.example/engagements/eng/contract"' in file
    assert 'href="https://fairshore.example/portal/findings/3"' in file
    bare = html.render(_report(), paper="a4").decode()
    assert "href=" not in bare and "Live in Fairshore" not in bare and ">3<" in bare
