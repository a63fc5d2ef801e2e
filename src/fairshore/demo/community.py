"""The demo roster's homes and promotions: local hires and promotions from within.

No random draw (the roster's other columns keep the draws they had): a golden-ratio
sequence over the people spreads the hires from elsewhere evenly over the year, and
every other team lead was promoted from an agent post 18 months after joining.
"""

from __future__ import annotations

from datetime import date, timedelta

from fairshore.demo.model import EngagementScenario
from fairshore.demo.roster import GOLDEN, Roster

# Per site location: a home in the site's region, one elsewhere, and the share of
# people who come from elsewhere (commuters and movers, as a vendor's HR would state).
HOMES = {
    "Manila (Metro Manila)": ("Quezon City (Metro Manila)", "Cebu City (Central Visayas)", 0.3),
    "Bengaluru": ("Bengaluru (Karnataka)", "Chennai (Tamil Nadu)", 0.4),
    "Bogotá": ("Bogotá", "Medellín (Antioquia)", 0.15),
    "Kraków": ("Kraków (Lesser Poland)", "Katowice (Silesia)", 0.2),
}
PROMOTED_AFTER_DAYS = 540


def community_columns(
    eng: EngagementScenario, roster: Roster, start: date
) -> dict[str, list[object]]:
    """``home_location`` and ``promoted_on`` of each person on the roster."""
    local, away, share = HOMES.get(eng.site.location, (eng.site.location, "elsewhere", 0.2))
    homes: list[object] = []
    promoted: list[object] = []
    leads = 0
    for i, role in enumerate(roster.role):
        homes.append(away if (i * GOLDEN) % 1.0 < share else local)
        day = None
        if role != "agent":
            if leads % 2 == 0:
                day = start + timedelta(days=int(roster.hired[i]) + PROMOTED_AFTER_DAYS)
            leads += 1
        promoted.append(day)
    return {"home_location": homes, "promoted_on": promoted}
