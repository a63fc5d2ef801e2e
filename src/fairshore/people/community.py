"""Local hires and promotions from within, per site, from the roster.

- **Local hire**: a spell that began in the period whose ``home_location`` names the
  site's city or region. A location is written ``City (Region)`` or ``City``; the two
  match when they share the city or the region, compared without case or accents
  (``Quezon City (Metro Manila)`` is local to a site in ``Manila (Metro Manila)``).
  The share is over the hires that state a home: a hire without one is counted apart,
  never taken for local or not.
- **Promotion**: a spell whose ``promoted_on`` (the day the person moved up from an
  agent post into their role: team lead, supervisor ...) falls in the period. Beside
  it, the leaders in post on the period's last day and how many were promoted from
  within (a ``promoted_on`` on or before that day) rather than hired into the role.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RosterPerson:
    """One roster spell as the community figures read it."""

    agent_ref: str
    hired_on: date
    left_on: date | None
    site_id: str | None
    role: str | None
    home_location: str | None
    promoted_on: date | None


@dataclass(frozen=True)
class SiteCommunity:
    """Local hires and promotions of one site over a period."""

    site_id: str
    location: str
    hires: int
    home_stated: int
    local_hires: int
    promotions: int
    leaders: int
    leaders_from_within: int

    @property
    def local_share(self) -> float | None:
        """Local hires over the hires that state a home (None: none states one)."""
        return self.local_hires / self.home_stated if self.home_stated else None

    @property
    def from_within_share(self) -> float | None:
        """Leaders in post at the end promoted from within, over all leaders then."""
        return self.leaders_from_within / self.leaders if self.leaders else None


def place_names(location: str) -> set[str]:
    """The city and region a location names, normalised for comparison.

    >>> sorted(place_names("Quezon City (Metro Manila)"))
    ['metro manila', 'quezon city']
    >>> place_names("Bogotá") == place_names("bogota")
    True
    """
    text = unicodedata.normalize("NFKD", location)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    city, _, region = text.partition("(")
    return {n for n in (city.strip(), region.strip(" )")) if n}


def is_local(home: str | None, site_location: str) -> bool | None:
    """Whether ``home`` is in the site's city or region (None: no home stated)."""
    if home is None or not home.strip():
        return None
    return bool(place_names(home) & place_names(site_location))


def site_community(
    people: Sequence[RosterPerson], *, site_id: str, location: str, start: date, end: date
) -> SiteCommunity:
    """The figures of one site over days [start, end] (inclusive)."""
    mine = [p for p in people if p.site_id == site_id]
    hires = [p for p in mine if start <= p.hired_on <= end]
    local = [is_local(p.home_location, location) for p in hires]
    leaders = [
        p
        for p in mine
        if (p.role or "agent") != "agent"
        and p.hired_on <= end
        and (p.left_on is None or p.left_on >= end)
    ]
    return SiteCommunity(
        site_id=site_id,
        location=location,
        hires=len(hires),
        home_stated=sum(1 for x in local if x is not None),
        local_hires=sum(1 for x in local if x),
        promotions=sum(1 for p in mine if p.promoted_on and start <= p.promoted_on <= end),
        leaders=len(leaders),
        leaders_from_within=sum(1 for p in leaders if p.promoted_on and p.promoted_on <= end),
    )
