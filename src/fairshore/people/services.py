"""Use cases of the people feature, by use case in sibling modules, named here.

- ``welfare_services``: the welfare report (attrition, hours, occupancy, pay);
- ``benchmark_services``: living-wage and minimum-wage benchmarks, exchange rates;
- ``clause_services``: the clause providers contract evaluation asks;
- ``voice_services``: anonymous grievances and worker-voice channels;
- ``pulse_services``: the quarterly eNPS pulse on the worker-voice channel;
- ``wellbeing_services``: the wellbeing index per site and month (in the report);
- ``community_services``: local hires and promotions per site (the ESG summary);
- ``sources``: what they read (lake tables, sites) and today's date.
"""

from __future__ import annotations

from fairshore.people.benchmark_services import (
    add_benchmarks,
    benchmark_rows,
    list_benchmarks,
    load_rates,
    location_benchmark,
)
from fairshore.people.clause_services import (
    CLAUSE_PROVIDERS,
    measure_attrition,
    measure_in_house_share,
    measure_living_wage,
    measure_occupancy,
    measure_training_hours,
)
from fairshore.people.community_services import vendor_site_community
from fairshore.people.pulse_services import pulse_of, submit_pulse
from fairshore.people.sources import today_utc
from fairshore.people.voice_services import (
    close_voice_channel,
    escalate_overdue,
    get_grievance,
    grievance_aggregates,
    grievance_by_receipt,
    list_grievances,
    list_voice_channels,
    open_voice_channel,
    site_visible,
    submit_grievance,
    update_grievance,
    voice_channel,
)
from fairshore.people.welfare_services import (
    people_findings,
    people_pay,
    people_report,
    people_reports,
)

__all__ = [
    "CLAUSE_PROVIDERS",
    "add_benchmarks",
    "benchmark_rows",
    "close_voice_channel",
    "escalate_overdue",
    "get_grievance",
    "grievance_aggregates",
    "grievance_by_receipt",
    "list_benchmarks",
    "list_grievances",
    "list_voice_channels",
    "load_rates",
    "location_benchmark",
    "measure_attrition",
    "measure_in_house_share",
    "measure_living_wage",
    "measure_occupancy",
    "measure_training_hours",
    "open_voice_channel",
    "people_findings",
    "people_pay",
    "people_report",
    "people_reports",
    "pulse_of",
    "site_visible",
    "submit_grievance",
    "submit_pulse",
    "today_utc",
    "update_grievance",
    "vendor_site_community",
    "voice_channel",
]
