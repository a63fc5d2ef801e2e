"""The demo's meter readings, homes and promotions, checked by hand."""

from __future__ import annotations

from datetime import date

import numpy as np

from fairshore.demo.community import PROMOTED_AFTER_DAYS, community_columns
from fairshore.demo.footprint import energy_csv
from fairshore.demo.model import EngagementSummary, GenerationResult
from fairshore.demo.roster import Roster
from fairshore.demo.scenario import demo_scenario
from fairshore.people.community import is_local
from fairshore.vetting.energy import parse_energy_csv


def summary(eid: str, interactions: int) -> EngagementSummary:
    return EngagementSummary(
        engagement_id=eid, vendor_id="v", interactions_by_channel={"voice": interactions},
        agents=0, agent_months=0, access_events=0, months=12, formats=[], files=0, planted=[],
    )  # fmt: skip


def test_readings_follow_the_contacts_at_the_true_kwh_per_contact() -> None:
    generation = GenerationResult(
        out="", seed=7, scale=0.01, files=[], engagements=[summary("telco-krk", 12_000)],
        planted=[], seconds=0.0,
    )  # fmt: skip
    parsed = parse_energy_csv(energy_csv(generation))
    assert parsed.read == 12 and not parsed.rejected  # the import's own parser takes it all
    by_month = {r.month: r for r in parsed.readings}
    # 12,000 contacts / 12 months x 0.27 kWh = 270 kWh; May: 10 % more for cooling = 297
    assert (by_month["2025-11"].kwh, by_month["2026-05"].kwh) == (270, 297)
    assert by_month["2025-11"].renewable_kwh == round(270 * 0.68)
    assert {r.site_id for r in parsed.readings} == {"vistula-krk"}


def test_homes_and_promotions_of_the_roster() -> None:
    eng = next(e for e in demo_scenario().engagements if e.engagement.id == "telco-mnl")
    n = 10
    roster = Roster(
        refs=[f"r{i}" for i in range(n)], queue=["q"] * n,
        role=["team_lead", "team_lead", "team_lead"] + ["agent"] * (n - 3),
        employment=["employee"] * n, hired=np.array([-600, -700, -800] + [10] * (n - 3)),
        left=np.full(n, 10**6), exit_reason=[None] * n, supervisor=[None] * n,
        base_pay=np.zeros(n),
    )  # fmt: skip
    start = date(2025, 11, 1)
    cols = community_columns(eng, roster, start)
    local = [is_local(str(h), eng.site.location) for h in cols["home_location"]]
    assert all(x is not None for x in local) and 0 < sum(map(bool, local)) < n
    # every other lead promoted 540 days after joining: leads 0 and 2, not 1 or the agents
    assert cols["promoted_on"][0] == date.fromordinal(start.toordinal() - 600 + PROMOTED_AFTER_DAYS)
    assert cols["promoted_on"][1] is None and cols["promoted_on"][2] is not None
    assert all(p is None for p in cols["promoted_on"][3:])
