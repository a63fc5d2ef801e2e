"""The demo's environment and own-staff records: metered energy and redeployment.

Each site's meter readings follow the contacts the generator wrote for its engagement
(an even share of the year per month, a warmer season drawing more for cooling), at a
true kWh per contact set beside what the vendor declared in its questionnaire
(``vetting/demo_data``): Northwind declares 0.3 kWh and meters about 0.5; the others are
close to their word. The readings go through ``fairshore energy import`` as a vendor's
CSV would. The client's own staff affected by outsourcing go in its redeployment
register. No random draw: the rest of the demo keeps its numbers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from fairshore.demo.model import GenerationResult
from fairshore.demo.scenario import PERIOD_END, PERIOD_START, demo_scenario
from fairshore.sourcing import transition_services as transitions
from fairshore.vetting import energy_services as energy

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

# Per engagement: true kWh per contact, renewable share (None: the bill does not say),
# and the reading's source.
METERED = {
    "telco-mnl": (0.5, 0.05, "meter"),
    "telco-blr": (0.4, 0.31, "meter"),
    "telco-bog": (0.33, None, "invoice"),
    "telco-krk": (0.27, 0.68, "meter"),
}
WARM_MONTHS = {4, 5, 6, 7, 8}  # more cooling: 10 % more per contact
TRANSITIONS = (
    {"engagement_id": "telco-mnl", "team": "Billing care", "recorded_on": date(2026, 1, 15),
     "affected": 40, "redeployed": 26, "retrained": 30, "left": 6,
     "note": "moved to retail stores after a 6-week course"},
    {"engagement_id": "telco-krk", "team": "Retention desk", "recorded_on": date(2026, 3, 2),
     "affected": 12, "redeployed": 4, "retrained": 4, "left": 5,
     "note": "three still on garden leave"},
)  # fmt: skip


def _months() -> list[date]:
    out, day = [], PERIOD_START
    while day <= PERIOD_END:
        out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def energy_csv(generation: GenerationResult) -> str:
    """A readings CSV (``site_id,month,kwh,renewable_kwh,source``) for every site and month."""
    sites = {e.engagement.id: e.site.id for e in demo_scenario().engagements}
    months = _months()
    lines = ["site_id,month,kwh,renewable_kwh,source"]
    for summary in generation.engagements:
        if summary.engagement_id not in METERED:
            continue
        per_contact, renewable, source = METERED[summary.engagement_id]
        for m in months:
            warm = 1.1 if m.month in WARM_MONTHS else 1.0
            kwh = round(summary.interactions / len(months) * per_contact * warm)
            green = "" if renewable is None else str(round(kwh * renewable))
            lines.append(f"{sites[summary.engagement_id]},{m:%Y-%m},{kwh},{green},{source}")
    return "\n".join(lines) + "\n"


def load_footprint(ws: Workspace, generation: GenerationResult, incoming: Path) -> dict[str, int]:
    """Import the readings and record the transitions (once: a rerun adds none again)."""
    path = incoming / "energy.csv"
    path.write_text(energy_csv(generation), encoding="utf-8")
    result = energy.import_energy(ws, path)
    known = {(t.engagement_id, t.team) for t in transitions.list_transitions(ws)}
    added = 0
    for record in TRANSITIONS:
        if (record["engagement_id"], record["team"]) not in known:
            transitions.add_transition(ws, **record)
            added += 1
    return {"energy_readings": result.accepted, "energy_rejected": len(result.rejected),
            "transitions": added}  # fmt: skip
