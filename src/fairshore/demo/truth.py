"""``truth.json``: the planted problems, with the numbers the product should find.

Every figure is computed from what was written (the sampled contacts and the agent
months), so a test can compare Fairshore's measurement with it directly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from fairshore.demo.model import EngagementScenario, Scenario
from fairshore.demo.scenario import GAP_LANGUAGE, UNDERSTAFFED_MONTH
from fairshore.demo.stats import EngagementStats, QueueTotals


def _mean_wait(t: QueueTotals) -> float | None:
    return round(t.wait_sum / t.answered, 1) if t.answered else None


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def build_truth(
    scenario: Scenario,
    chosen: list[EngagementScenario],
    stats: dict[str, EngagementStats],
    months: dict[str, dict[str, list[object]]],
    *,
    workforce: dict[str, dict[str, Any]],
    bulk: dict[str, Any] | None,
    seed: int,
    scale: float,
) -> dict[str, Any]:
    """The planted problems present in this generation (only chosen engagements)."""
    ids = {e.id for e in chosen}
    problems: list[dict[str, Any]] = []
    if "telco-mnl" in ids:
        problems.append(_underpay(scenario.engagement("telco-mnl"), months["telco-mnl"]))
    if "telco-krk" in ids:
        problems.append(_language_gap(stats["telco-krk"]))
    if "telco-blr" in ids:
        problems.append(_understaffed(stats["telco-blr"], months["telco-blr"]))
    if bulk is not None:
        problems.append(_bulk(bulk))
    if "telco-bog" in ids:
        problems.append(_late_breach(scenario))
    if "telco-krk" in ids:
        problems.append(_wellbeing_decline(scenario.engagement("telco-krk")))
    return {
        "seed": seed,
        "scale": scale,
        "period": {"start": scenario.start.isoformat(), "end": scenario.end.isoformat()},
        "problems": problems,
        "pay_floors": {e.id: _pay_floor(e, months[e.id]) for e in chosen},
        "workforce": workforce,
        "claims": [c for c in PLANTED_CLAIMS if c["engagement_id"] in ids],
    }


# Answers in the vendors' questionnaires (vetting/demo_data) that the generated data
# contradicts on purpose, for the scorecard to catch: a claim counts only with evidence.
# The planted problems explain the others (the living-wage claim is part of ``underpay``,
# indigo's attrition of ``understaffed_month``, andes' notice delay of the late breach).
PLANTED_CLAIMS: tuple[dict[str, str], ...] = (
    {
        "engagement_id": "telco-mnl",
        "vendor_id": "northwind",
        "claim": "in_house_share",
        "description": "Declares every agent an employee; 20 % are agency staff or contractors.",
    },
    {
        "engagement_id": "telco-mnl",
        "vendor_id": "northwind",
        "claim": "attrition_rate",
        "description": "Declares 18 % annual attrition; its agents leave at 25 % a year.",
    },
    {
        "engagement_id": "telco-krk",
        "vendor_id": "vistula",
        "claim": "in_house_share",
        "description": "Declares every agent an employee; 15 % are agency staff or contractors.",
    },
    {
        "engagement_id": "telco-bog",
        "vendor_id": "andes",
        "claim": "iso27001",
        "description": "Names an ISO 27001 certificate that lapsed on 2026-03-31, not renewed.",
    },
)


def _pay_ratios(eng: EngagementScenario, rows: dict[str, list[object]]) -> npt.NDArray[np.float64]:
    full = np.array(rows["_full_month"], dtype=bool)
    pay = np.array(rows["gross_pay"], dtype=float)
    ratios: npt.NDArray[np.float64] = pay[full] / eng.living_wage
    return ratios


def _pay_floor(eng: EngagementScenario, rows: dict[str, list[object]]) -> dict[str, Any]:
    ratios = _pay_ratios(eng, rows)
    return {
        "benchmark": eng.living_wage,
        "currency": eng.pay.currency,
        "benchmark_source": eng.living_wage_source,
        "min_pay_to_benchmark": round(float(ratios.min()), 4) if ratios.size else None,
        "share_below_benchmark": round(float((ratios < 1).mean()), 4) if ratios.size else None,
    }


def _underpay(eng: EngagementScenario, rows: dict[str, list[object]]) -> dict[str, Any]:
    ratios = _pay_ratios(eng, rows)
    full = np.array(rows["_full_month"], dtype=bool)
    pay = np.array(rows["gross_pay"], dtype=float)[full]
    return {
        "kind": "underpay",
        "engagement_id": eng.id,
        "vendor_id": eng.vendor.id,
        "period": {"start": "2025-11-01", "end": "2026-10-31"},
        "agent_ref": None,
        "description": "Most agents are paid below the Manila living wage, while the "
        "vendor's questionnaire claims every agent earns at least a living wage.",
        "claim": {"question": "living_wage_all_agents", "answer": "yes"},
        "expected": {
            "measure": "living_wage_floor",
            "direction": "below",
            "benchmark": eng.living_wage,
            "currency": eng.pay.currency,
            "benchmark_source": eng.living_wage_source,
            "min_pay_to_benchmark": round(float(ratios.min()), 4),
            "median_full_month_pay": round(float(np.median(pay)), 2),
            "share_full_months_below": round(float((ratios < 1).mean()), 4),
            "statutory_minimum_month": eng.minimum_wage_month,
        },
    }


def _language_gap(stats: EngagementStats) -> dict[str, Any]:
    by_channel = {}
    for channel in ("voice", "chat"):
        gap = stats.select(channel=channel, language=GAP_LANGUAGE)
        rest = stats.select(channel=channel, exclude_language=GAP_LANGUAGE)
        others = {}
        for lang in ("en", "de", "pl"):
            t = stats.select(channel=channel, language=lang)
            others[lang] = {
                "mean_wait_s": _mean_wait(t),
                "abandon_rate": _rate(t.abandoned, t.offered),
            }
        es_wait, rest_wait = _mean_wait(gap), _mean_wait(rest)
        by_channel[channel] = {
            "es_mean_wait_s": es_wait,
            "others_mean_wait_s": rest_wait,
            "wait_ratio": round(es_wait / rest_wait, 2) if es_wait and rest_wait else None,
            "es_abandon_rate": _rate(gap.abandoned, gap.offered),
            "others_abandon_rate": _rate(rest.abandoned, rest.offered),
            "es_offered": gap.offered,
            "others_offered": rest.offered,
            "by_other_language": others,
        }
    return {
        "kind": "language_wait_gap",
        "engagement_id": "telco-krk",
        "vendor_id": "vistula",
        "period": {"start": "2025-11-01", "end": "2026-10-31"},
        "agent_ref": None,
        "description": "Spanish-speaking customers wait much longer on voice and chat: their "
        "queue is staffed with a much lower safety margin. Other languages "
        "(here and at every engagement) are staffed alike: no gap.",
        "expected": {
            "segment": "language",
            "group": GAP_LANGUAGE,
            "direction": "longer_wait",
            "channels": by_channel,
        },
    }


def _occupancy(
    stats: EngagementStats,
    rows: dict[str, list[object]],
    month: str | None,
    *,
    exclude: str | None = None,
) -> float | None:
    handle = stats.select(month=month, exclude_month=exclude).handle_sum
    logged = 0.0
    for m, hours in zip(rows["month"], rows["logged_in_hours"], strict=True):
        key = f"{m:%Y-%m}"
        if hours is None or (month and key != month) or (exclude and key == exclude):
            continue
        logged += float(hours)  # type: ignore[arg-type]
    return round(handle / (logged * 3600), 4) if logged else None


def _understaffed(stats: EngagementStats, rows: dict[str, list[object]]) -> dict[str, Any]:
    month = UNDERSTAFFED_MONTH
    july = stats.select(channel="voice", month=month)
    rest = stats.select(channel="voice", exclude_month=month)
    agents = {m: 0 for m in {f"{x:%Y-%m}" for x in rows["month"]}}
    overtime = {True: [0.0, 0], False: [0.0, 0]}
    for m, role, hours in zip(rows["month"], rows["_role"], rows["overtime_hours"], strict=True):
        if role == "agent":
            agents[f"{m:%Y-%m}"] += 1
            tally = overtime[f"{m:%Y-%m}" == month]
            tally[0] += float(hours)  # type: ignore[arg-type]
            tally[1] += 1
    return {
        "kind": "understaffed_month",
        "engagement_id": "telco-blr",
        "vendor_id": "indigo",
        "period": {"start": "2026-07-01", "end": "2026-07-31"},
        "agent_ref": None,
        "description": "In July 2026 the vendor rosters far too few agents: service level "
        "breaches, waits and abandonment soar, occupancy runs above 90 % and agents work "
        "overtime. The vendor let much of the team go at the end of June and froze hiring "
        "until August, so this engagement's attrition is high too.",
        "expected": {
            "month": month,
            "direction": "breach",
            "voice_service_level_20s": _rate(july.within_threshold, july.offered),
            "voice_service_level_20s_other_months": _rate(rest.within_threshold, rest.offered),
            "voice_mean_wait_s": _mean_wait(july),
            "voice_mean_wait_s_other_months": _mean_wait(rest),
            "voice_abandon_rate": _rate(july.abandoned, july.offered),
            "voice_abandon_rate_other_months": _rate(rest.abandoned, rest.offered),
            "occupancy": _occupancy(stats, rows, month),
            "occupancy_other_months": _occupancy(stats, rows, None, exclude=month),
            "agents_by_month": dict(sorted(agents.items())),
            "mean_overtime_hours": round(overtime[True][0] / max(overtime[True][1], 1), 1),
            "mean_overtime_hours_other_months": round(
                overtime[False][0] / max(overtime[False][1], 1), 1
            ),
        },
    }


def _bulk(bulk: dict[str, Any]) -> dict[str, Any]:
    at = datetime.fromtimestamp(bulk["at"], tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "kind": "bulk_export",
        "engagement_id": bulk["engagement_id"],
        "vendor_id": "northwind",
        "period": {"start": at[:10], "end": at[:10]},
        "agent_ref": bulk["agent_ref"],
        "description": "One agent exports thousands of customer records in one event, "
        "at 02:10 local time, outside any shift, from a remote network.",
        "expected": {
            "event_id": bulk["event_id"],
            "at": at,
            "at_local": bulk["local"],
            "timezone": bulk["timezone"],
            "action": "export",
            "records_count": bulk["records_count"],
            "source": "vpn-remote",
        },
    }


def _late_breach(scenario: Scenario) -> dict[str, Any]:
    incident = next(i for i in scenario.incidents if i.engagement_id == "telco-bog")
    aware = datetime.fromisoformat(incident.vendor_aware_at.replace("Z", "+00:00"))
    told = datetime.fromisoformat(incident.client_notified_at.replace("Z", "+00:00"))
    hours = (told - aware).total_seconds() / 3600
    return {
        "kind": "late_breach_notification",
        "engagement_id": "telco-bog",
        "vendor_id": "andes",
        "period": {"start": aware.date().isoformat(), "end": told.date().isoformat()},
        "agent_ref": None,
        "description": "A data breach the vendor knew of on 2026-05-12 reached the client "
        f"{hours:.0f} hours later; the contract allows {incident.contract_window_hours}.",
        "expected": {
            "incident_id": incident.incident_id,
            "vendor_aware_at": incident.vendor_aware_at,
            "client_notified_at": incident.client_notified_at,
            "notification_hours": hours,
            "window_hours": incident.contract_window_hours,
            "direction": "late",
        },
    }


def _wellbeing_decline(eng: EngagementScenario) -> dict[str, Any]:
    sick = eng.workforce.month_extra_sick_days
    months = sorted(sick)
    return {
        "kind": "wellbeing_decline",
        "engagement_id": eng.id,
        "vendor_id": eng.vendor.id,
        "period": {"start": f"{months[0]}-01", "end": f"{months[-1]}-01"},
        "agent_ref": None,
        "description": f"Sick leave at {eng.site.id} rises every month from {months[0]}: "
        "the wellbeing index falls three months in a row.",
        "expected": {
            "site_id": eng.site.id,
            "extra_sick_days_per_agent_month": dict(sorted(sick.items())),
            "falling_months": len(months),
            "finding_key": f"people:{eng.id}:{eng.site.id}:wellbeing",
        },
    }


def headline(problem: dict[str, Any]) -> str:
    """One line a person reads: the figure that shows the planted problem."""
    try:
        return _headline(problem)
    except (TypeError, KeyError):  # a figure is missing (days restricted): say what it is
        return str(problem.get("description", problem["kind"]))


def _headline(problem: dict[str, Any]) -> str:
    e = problem["expected"]
    kind = problem["kind"]
    if kind == "underpay":
        return (
            f"{e['share_full_months_below']:.0%} of full agent-months paid below the living "
            f"wage ({e['currency']} {e['benchmark']:,.0f}); lowest {e['min_pay_to_benchmark']:.2f}x"
        )
    if kind == "language_wait_gap":
        v = e["channels"]["voice"]
        return (
            f"es callers wait {v['wait_ratio']}x longer on voice ({v['es_mean_wait_s']} s vs "
            f"{v['others_mean_wait_s']} s), abandon {v['es_abandon_rate']:.0%} vs "
            f"{v['others_abandon_rate']:.0%}"
        )
    if kind == "understaffed_month":
        return (
            f"{e['month']}: voice SL(20 s) {e['voice_service_level_20s']:.0%} vs "
            f"{e['voice_service_level_20s_other_months']:.0%}, occupancy {e['occupancy']:.0%} vs "
            f"{e['occupancy_other_months']:.0%}"
        )
    if kind == "bulk_export":
        return (
            f"{problem['agent_ref']} exported {e['records_count']:,} records at "
            f"{e['at_local'][11:16]} local on {e['at_local'][:10]}"
        )
    if kind == "late_breach_notification":
        return (
            f"breach notified {e['notification_hours']:.0f} h after the vendor knew "
            f"(window {e['window_hours']} h)"
        )
    if kind == "residency_breach":
        return (
            f"{e['events_abroad']:,} access events from {e['country']} in {e['month']} "
            f"({len(e['agents'])} agents); allowed: {', '.join(e['allowed'])}"
        )
    if kind == "subcontracted_team":
        return (
            f"{e['subcontracted_people_in_year']} people in the year employed by "
            f"{e['employer']} (team of {e['team_lead']}); subcontracting not allowed"
        )
    if kind == "audit_refused":
        return f"audit requested {e['requested_on']}, access refused {e['decided_on']}"
    return str(problem.get("description", kind))
