"""Whether the logged-in hours can carry a staffing verdict, month by month.

Two ways the hours fall short, each said in words instead of a verdict:

- **Agents missing.** Hours reported for fewer than ``MIN_AGENT_COVERAGE`` of the
  agents who handled contacts undercount the rostered agents: the Erlang expectation
  and the measured occupancy (handle time over too few hours) are both wrong, so
  neither is judged.
- **A sample of the hours.** Logged-in hours under ``MIN_LOGGED_IN_TO_PAID`` of the
  same agents' paid hours are not their whole working time (a centre's shrinkage is
  typically 30-35 %, kpi-definitions.md): a sample taken with the contacts, as the
  demo writes below scale 1. Handle time over logged-in time stays a fair occupancy,
  but Erlang C is not scale-invariant (a sample of the load on a sample of the agents
  models a smaller centre, with worse service), so the expected service level is not
  judged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from fairshore import numbers

# Policy: hours of fewer than 95 % of the handling agents are a partial delivery.
MIN_AGENT_COVERAGE = 0.95
# Policy: logged in under half the paid time is shrinkage no staffing plan assumes.
MIN_LOGGED_IN_TO_PAID = 0.5


class Coverage(NamedTuple):
    """One month: agents handling contacts, those with logged-in hours, and the hours
    logged in and paid of the agent-months that report both."""

    reporting: int
    handling: int
    logged_in_hours: float = 0.0
    paid_hours: float = 0.0

    @property
    def agent_share(self) -> float | None:
        return self.reporting / self.handling if self.handling else None

    @property
    def share_of_paid(self) -> float | None:
        return self.logged_in_hours / self.paid_hours if self.paid_hours > 0 else None


@dataclass(frozen=True)
class Shortfall:
    """Why a month's hours cannot carry a verdict, and what is still judged."""

    note: str
    occupancy_judged: bool


def shortfalls(coverage: Mapping[str, Coverage], months: set[str]) -> dict[str, Shortfall]:
    """The ``months`` (whose agents come from logged-in hours) that fall short."""
    out = {}
    for month in sorted(months):
        found = coverage.get(month)
        if found is None:
            continue
        agents, paid = found.agent_share, found.share_of_paid
        if agents is not None and agents < MIN_AGENT_COVERAGE:
            out[month] = Shortfall(
                f"{month}: logged-in hours reported for {found.reporting} of the "
                f"{found.handling} agents who handled contacts ({numbers.percent(agents)}, "
                f"below {numbers.percent(MIN_AGENT_COVERAGE)}): rostered agents undercounted, "
                "expected service level and occupancy not judged",
                occupancy_judged=False,
            )
        elif paid is not None and paid < MIN_LOGGED_IN_TO_PAID:
            out[month] = Shortfall(
                f"{month}: logged-in hours are {numbers.percent(paid)} of the same agents' "
                f"paid hours ({numbers.number(found.logged_in_hours)} h of "
                f"{numbers.number(found.paid_hours)} h, below "
                f"{numbers.percent(MIN_LOGGED_IN_TO_PAID)}): a sample, so the expected "
                "service level (Erlang C, not scale-invariant) is not judged; occupancy is",
                occupancy_judged=True,
            )
    return out
