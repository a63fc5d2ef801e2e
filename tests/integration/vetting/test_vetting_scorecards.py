"""Scorecards judged by a vendor's own lake: the in-house flag follows its roster, a
contested measurement is set aside once upheld, and the day judged is an input."""

from __future__ import annotations

from datetime import date

from fairshore.bootstrap import Workspace
from fairshore.vetting import services
from fairshore.vetting.scores import RuleHit
from tests.integration.people.people_lake import agent, setup_engagement, write_rows

AS_OF = date(2026, 10, 31)


def _roster(ws: Workspace, *, employees: int, agency: int) -> None:
    rows = [agent(f"e{i}", date(2025, 1, 6)) for i in range(employees)]
    rows += [agent(f"a{i}", date(2025, 1, 6), employment_type="agency") for i in range(agency)]
    write_rows(ws.lake, "agents", "eng", rows)


def _rule_ids(hits: tuple[RuleHit, ...]) -> set[str]:
    return {h.rule_id for h in hits}


def test_the_in_house_flag_follows_the_roster_not_the_answer(workspace: Workspace) -> None:
    setup_engagement(workspace)
    services.answer_question(workspace, "vend", "lab.in-house-share", "100")
    _roster(workspace, employees=3, agency=7)  # 30 % employees
    card = services.scorecard(workspace, "vend", as_of=AS_OF)
    [check] = [c for c in card.claims if c.key == "in_house_share"]
    assert (check.declared, float(check.measured), check.contradicted) == (1, 0.3, True)
    assert "eng, 2025-11..2026-10" in check.source
    assert card.measured_over == "2025-11..2026-10"  # the twelve months up to the day judged
    flag = next(h for h in card.adjusted.red_flags if h.rule_id == "rf.freelancers")
    assert flag.basis == "contradicted" and "measured 30 %" in flag.detail
    assert "gl.all-in-house" in _rule_ids(card.declared.green_lights)
    assert "gl.all-in-house" not in _rule_ids(card.adjusted.green_lights)
    assert card.adjusted.total < card.declared.total
    # The ranking reads the adjusted total and keeps the declared one beside it.
    [row] = services.rank_vendors(workspace, as_of=AS_OF, draws=10).rows
    assert (row.total, row.declared_total) == (card.adjusted.total, card.declared.total)
    assert row.contradicted == 1
    # Figures measured once per engagement (as the demo does) rank the same.
    period = services.measured_period(AS_OF)
    known = {"eng": services.measure_claims(workspace, "eng", period=period)}
    measured = {"vend": services.measure_vendor(workspace, "vend", period=period, known=known)}
    assert measured["vend"] == services.measure_vendor(workspace, "vend", period=period)
    again = services.rank_vendors(workspace, as_of=AS_OF, draws=10, measured=measured)
    assert again.rows == services.rank_vendors(workspace, as_of=AS_OF, draws=10).rows


def test_an_upheld_measurement_contest_sets_the_measurement_aside(workspace: Workspace) -> None:
    setup_engagement(workspace)
    services.answer_question(workspace, "vend", "lab.in-house-share", "100")
    _roster(workspace, employees=8, agency=2)
    before = workspace.registers_version()
    contest = services.contest_item(
        workspace, "vend", "measured:in_house_share", "The agency staff were a pilot team"
    )
    assert contest.measured_claim == "in_house_share"
    open_card = services.scorecard(workspace, "vend", as_of=AS_OF)
    assert "rf.freelancers" in _rule_ids(open_card.adjusted.red_flags)  # open: still judges
    services.resolve_contest(workspace, contest.id, status="upheld", resolution="Pilot ended")
    assert workspace.registers_version() != before  # the web's kept scorecards refresh
    card = services.scorecard(workspace, "vend", as_of=AS_OF)
    [check] = [c for c in card.claims if c.key == "in_house_share"]
    assert check.contradicted and check.set_aside  # still shown, no longer judging
    assert "rf.freelancers" not in _rule_ids(card.adjusted.red_flags)
    assert card.adjusted.total == card.declared.total


def test_the_measured_period_follows_the_day_judged(workspace: Workspace) -> None:
    setup_engagement(workspace)
    services.answer_question(workspace, "vend", "lab.in-house-share", "100")
    _roster(workspace, employees=3, agency=7)
    # Agents hired in January 2025 are in post in 2025 as in 2026; judged a year earlier,
    # the twelve months measured move with the day.
    card = services.scorecard(workspace, "vend", as_of=date(2025, 10, 31))
    assert card.measured_over == "2024-11..2025-10"
    assert card.as_of == date(2025, 10, 31)
