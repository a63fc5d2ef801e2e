"""Local hires and promotions per site, counted by hand from a small roster."""

from __future__ import annotations

from datetime import date

from fairshore.people.community import RosterPerson, is_local, site_community
from fairshore.reporting.esg_community import CommunityReport, community_section
from fairshore.reporting.model import Table

SITE = "Manila (Metro Manila)"


def person(ref: str, hired: date, **kw: object) -> RosterPerson:
    base: dict[str, object] = {
        "left_on": None, "site_id": "mnl", "role": "agent", "home_location": None,
        "promoted_on": None,
    }  # fmt: skip
    base.update(kw)
    return RosterPerson(agent_ref=ref, hired_on=hired, **base)  # type: ignore[arg-type]


def test_local_means_the_same_city_or_region_without_case_or_accents() -> None:
    assert is_local("Quezon City (Metro Manila)", SITE) is True  # same region
    assert is_local("manila", SITE) is True  # same city
    assert is_local("Cebu City (Central Visayas)", SITE) is False
    assert is_local("Bogota", "Bogotá") is True
    assert is_local(None, SITE) is None and is_local("  ", SITE) is None


ROSTER = [
    person("a1", date(2026, 2, 1), home_location="Quezon City (Metro Manila)"),
    person("a2", date(2026, 3, 1), home_location="Manila"),
    person("a3", date(2026, 4, 1), home_location="Cebu City (Central Visayas)"),
    person("a4", date(2026, 5, 1)),  # no home stated
    person("a5", date(2025, 6, 1), home_location="Manila"),  # hired before the year
    person("a6", date(2026, 3, 1), site_id="bgl", home_location="Manila"),  # another site
    person("l1", date(2024, 1, 10), role="team_lead", promoted_on=date(2026, 6, 1)),
    person("l2", date(2025, 1, 10), role="team_lead"),  # hired into the role
    person(
        "l3",
        date(2023, 1, 1),
        role="supervisor",
        promoted_on=date(2024, 3, 1),
        left_on=date(2026, 5, 31),
    ),
]


def test_site_figures_counted_by_hand() -> None:
    got = site_community(
        ROSTER, site_id="mnl", location=SITE, start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    # hires in 2026 at mnl: a1-a4; three state a home, a1 and a2 are local (2 of 3)
    assert (got.hires, got.home_stated, got.local_hires) == (4, 3, 2)
    assert got.local_share == 2 / 3
    # l1 promoted in June; l3 (promoted 2024) left in May: leaders on 31 Dec are l1, l2
    assert (got.promotions, got.leaders, got.leaders_from_within) == (1, 2, 1)
    # in the first quarter: a1, a2 hired, both local; l1 not yet promoted, l3 still in post
    q1 = site_community(
        ROSTER, site_id="mnl", location=SITE, start=date(2026, 1, 1), end=date(2026, 3, 31)
    )
    assert (q1.hires, q1.local_hires, q1.promotions, q1.leaders, q1.leaders_from_within) == (
        2, 2, 0, 3, 1,
    )  # fmt: skip


def test_no_home_stated_is_no_share() -> None:
    got = site_community(
        [person("a1", date(2026, 2, 1))], site_id="mnl", location=SITE,
        start=date(2026, 1, 1), end=date(2026, 12, 31),
    )  # fmt: skip
    assert got.local_share is None and got.from_within_share is None


def test_the_esg_section_shows_each_site() -> None:
    site = site_community(
        ROSTER, site_id="mnl", location=SITE, start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    section = community_section(
        CommunityReport(transitions=[], certifications=[], sites=[site]), period_label="2026"
    )
    table = next(b for b in section.blocks if isinstance(b, Table) and "Local hires" in b.title)
    assert table.rows == [["mnl", SITE, 4, "2 (66.7 %)", 1, 1, 2, "1 (50.0 %)"]]
