"""Which rows a finding's occurrence links to: contacts, agent-months, roster spells,
or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from fairshore.entrypoints.web.pages_evidence import occurrence_evidence
from fairshore.governance.model import Finding, FindingRecord, Occurrence, occupancy_key


def _record(key: str, source: str, metric: str, period: str) -> tuple[FindingRecord, Occurrence]:
    finding = Finding(
        key=key,
        source=source,
        engagement_id="eng",
        severity="major",
        title="t",
        period=period,
    )
    record = FindingRecord(
        id=7,
        finding=finding,
        owner=None,
        due_on=date(2026, 8, 1),
        corrective_action=None,
        verification_method=None,
        status="open",
        times_seen=1,
        overdue=False,
    )
    return record, Occurrence(period=period, source=source, evidence={"metric": metric})


BACK = "back=/portal/findings/7"


@pytest.mark.parametrize(
    ("key", "source", "metric", "period", "link"),
    [
        ("contract:eng:min_training_hours", "contract", "min_training_hours", "2026-07",
         f"/engagements/eng/agent-months/training_hours/2026-07?{BACK}"),
        (occupancy_key("eng"), "contract", "max_occupancy", "2026-07",
         f"/engagements/eng/agent-months/occupancy/2026-07?{BACK}"),
        ("contract:eng:living_wage_floor", "contract", "living_wage_floor", "2026-07",
         f"/engagements/eng/agent-months/living_wage/2026-07?{BACK}"),
        ("pay:eng:site-mnl:living_wage", "pay", "", "2026-01..2026-03",
         f"/engagements/eng/agent-months/living_wage/2026-01..2026-03?site=site-mnl&{BACK}"),
        ("people:eng:working_hours", "people", "", "2026-01..2026-03",
         f"/engagements/eng/agent-months/hours_breach/2026-01..2026-03?{BACK}"),
        ("sla:eng:voice-sl", "sla", "service_level", "2026-07",
         "/engagements/eng/terms/voice-sl/2026-07?back=/portal/findings/7"),
        ("contract:eng:max_attrition", "contract", "max_attrition", "2026-07",
         f"/engagements/eng/roster/trailing_attrition/2026-07?{BACK}"),
        ("contract:eng:min_in_house_share", "contract", "min_in_house_share", "2026-07",
         f"/engagements/eng/roster/in_house_share/2026-07?{BACK}"),
        ("people:eng:attrition", "people", "", "2026-01..2026-03",
         f"/engagements/eng/roster/trailing_attrition/2026-01..2026-03?{BACK}"),
        ("people:eng:in_house_share", "people", "", "2026-01..2026-03",
         f"/engagements/eng/roster/in_house_share/2026-01..2026-03?{BACK}"),
        ("contract:eng:max_attrition", "contract", "max_attrition", "2026-W27", None),
        ("pay:eng:site-mnl:minimum_wage", "pay", "", "2026-07", None),
        ("contract:eng:min_training_hours", "contract", "min_training_hours", "2026-Q3", None),
    ],
)  # fmt: skip
def test_each_occurrence_links_to_the_rows_it_counted(
    key: str, source: str, metric: str, period: str, link: str | None
) -> None:
    assert occurrence_evidence(*_record(key, source, metric, period)) == link
