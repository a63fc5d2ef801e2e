"""The demo's worker pulse: anonymous eNPS answers each quarter at every engagement.

Scores are drawn from their own random stream (seed, 25), so the other generated data
stays as it was. Underpaid agents (telco-mnl) answer lower; telco-krk's answers fall in
the quarter its sick leave rises (``scenario.SICK_MONTHS``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from fairshore.demo.model import Scenario
from fairshore.demo.scenario import SICK_MONTHS, demo_scenario
from fairshore.people.pulse import quarter_label
from fairshore.people.services import submit_pulse

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

# Chance of each score 0..10: content teams, underpaid ones, and a team falling ill.
CONTENT = (0.01, 0.01, 0.01, 0.02, 0.03, 0.05, 0.07, 0.15, 0.25, 0.2, 0.2)
UNDERPAID = (0.05, 0.05, 0.07, 0.08, 0.1, 0.12, 0.13, 0.15, 0.12, 0.08, 0.05)
MIN_ANSWERS = 8
ANSWERS_AT_SCALE_1 = 60


def answer_pulse(ws: Workspace, *, scale: float, seed: int) -> dict[str, int]:
    """Submit each engagement's answers for every quarter of the period; counts by engagement."""
    rng = np.random.default_rng([seed, 25])
    scenario = demo_scenario()
    quarters = sorted({quarter_label(m) for m in _months(scenario)})
    sick_quarters = {quarter_label(date(int(m[:4]), int(m[5:]), 1)) for m in SICK_MONTHS}
    n = max(MIN_ANSWERS, round(ANSWERS_AT_SCALE_1 * scale))
    counts: dict[str, int] = {}
    for eng in scenario.engagements:
        eid = eng.engagement.id
        for q in quarters:
            low = eid == "telco-mnl" or (eid == "telco-krk" and q in sick_quarters)
            day = date(int(q[:4]), 3 * int(q[-1]) - 1, 15)  # the quarter's middle month
            for score in rng.choice(11, size=n, p=UNDERPAID if low else CONTENT):
                submit_pulse(ws, eid, score=int(score), site_id=eng.site.id, today=day)
            counts[eid] = counts.get(eid, 0) + n
    return counts


def _months(scenario: Scenario) -> list[date]:
    out, day = [], scenario.start.replace(day=1)
    while day <= scenario.end:
        out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out
