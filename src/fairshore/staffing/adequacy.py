"""Staffing adequacy of a live engagement: did the vendor roster enough agents?

Per interval, the measured arrivals and handle times give the offered load; the
agents the vendor rostered give, through Erlang, the service level and occupancy the
model expects. Intervals where the rostered agents are fewer than the target needs
are *understaffed* (SLA at risk); intervals whose measured occupancy runs above the
cap are a *burnout* risk. A month is raised as a finding when a meaningful share of
its intervals is understaffed and the measured service level confirms it while agents
were busy, or when its occupancy over the month runs above the cap.

Agents per interval: when ``agent_months`` reports logged-in hours, the month's
logged-in hours (scaled to the share of handle time on the analysed channels) are
spread over the month's intervals in proportion to the agents seen handling contacts
in each; otherwise the agents seen handling contacts in the interval are used.

Coverage (``coverage.py``): a month whose logged-in hours miss agents is reported
with its coverage and judges nothing; a month whose hours are a sample of the paid
time judges occupancy but not Erlang's expectation. Either way a note says why, the
month's intervals carry no flag for what is not judged, and no finding is raised
for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from fairshore import numbers
from fairshore.governance.model import Finding, occupancy_key
from fairshore.staffing.coverage import Coverage, Shortfall, shortfalls
from fairshore.staffing.measured import MeasuredIntervals
from fairshore.staffing.model import (
    AdequacyFlag,
    AdequacyInterval,
    AdequacyMonth,
    AdequacyReport,
    StaffingTarget,
)
from fairshore.staffing.staffing import measures, required_agents

FloatArray = npt.NDArray[np.float64]
DEFAULT_MAX_OCCUPANCY = 0.85  # Call Centre Helper: above about 85 % sustained is a burnout risk
MIN_BUSY_OCCUPANCY = 0.75  # below this, agents had idle time: a missed SL is not about headcount


def _months(start_s: npt.NDArray[np.int64]) -> list[str]:
    return [datetime.fromtimestamp(int(s), tz=UTC).strftime("%Y-%m") for s in start_s]


def rostered_agents(
    measured: MeasuredIntervals,
    months: list[str],
    *,
    interval_s: float,
    logged_in_hours: Mapping[str, float],
    handle_share: Mapping[str, float],
) -> tuple[FloatArray, list[str]]:
    """Agents available per interval, and where each figure came from."""
    agents = measured.agents_seen.copy()
    source = ["seen_handling"] * len(months)
    month_arr = np.asarray(months)
    for month, hours in logged_in_hours.items():
        mask = month_arr == month
        presence = float(np.sum(measured.agents_seen[mask]) * interval_s / 3600.0)
        if not np.any(mask) or presence <= 0 or hours <= 0:
            continue
        scale = hours * handle_share.get(month, 1.0) / presence
        agents[mask] = measured.agents_seen[mask] * scale
        for i in np.flatnonzero(mask):
            source[i] = "agent_months"
    return agents, source


def filled_aht(aht: FloatArray) -> FloatArray | None:
    """Each interval's AHT, the median of the others where it has none; None when no
    interval has a handle time (nothing to model the load with)."""
    known = np.isfinite(aht) & (aht > 0)
    if not np.any(known):
        return None
    return np.where(known, aht, float(np.median(aht[known])))


def assess(
    measured: MeasuredIntervals,
    *,
    engagement_id: str,
    interval_s: float,
    target: StaffingTarget,
    logged_in_hours: Mapping[str, float] | None = None,
    handle_share: Mapping[str, float] | None = None,
    coverage: Mapping[str, Coverage] | None = None,
    channels: tuple[str, ...] = (),
    min_share_flagged: float = 0.2,
) -> AdequacyReport:
    """Expected vs measured service level and occupancy per interval, with findings.

    ``coverage`` is each month's ``Coverage`` of logged-in hours; a month that falls
    short (``coverage.shortfalls``) is reported with its note, not judged.
    """
    cap = target.max_occupancy if target.max_occupancy is not None else DEFAULT_MAX_OCCUPANCY
    target = target.model_copy(update={"max_occupancy": cap})
    aht = filled_aht(measured.aht_s)
    if aht is None:
        return AdequacyReport(
            engagement_id=engagement_id,
            interval_min=interval_s / 60.0,
            target=target,
            channels=channels,
            intervals=[],
            months=[],
            notes=["no handle_seconds in the interactions: the load cannot be modelled"],
        )
    months = _months(measured.start_s)
    agents, source = rostered_agents(
        measured,
        months,
        interval_s=interval_s,
        logged_in_hours=logged_in_hours or {},
        handle_share=handle_share or {},
    )
    used = {m for m, s in zip(months, source, strict=True) if s == "agent_months"}
    short = shortfalls(coverage or {}, used)
    sl_target = target.model_copy(update={"max_occupancy": None, "max_asa_s": None})
    need = required_agents(measured.offered, aht_s=aht, interval_s=interval_s, target=sl_target)
    expected = measures(
        measured.offered, agents=agents, aht_s=aht, interval_s=interval_s, target=target
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        measured_sl = np.where(
            measured.offered > 0, measured.answered_within / measured.offered, np.nan
        )
        measured_occ = np.where(agents > 0, measured.handle_sum_s / (agents * interval_s), np.nan)
    # SLA at risk: fewer agents than the target needs, unless the interval measurably met it
    met = np.nan_to_num(measured_sl, nan=-1.0) >= target.service_level
    modelled = np.asarray([m not in short for m in months], dtype=bool)
    occ_ok = np.asarray([m not in short or short[m].occupancy_judged for m in months])
    understaffed = (agents + 1e-9 < need.agents) & ~met & modelled
    over_cap = (measured_occ > cap) & occ_ok
    rows = [
        AdequacyInterval(
            interval_start=datetime.fromtimestamp(int(measured.start_s[i]), tz=UTC),
            offered=int(measured.offered[i]),
            answered=int(measured.answered[i]),
            abandoned=int(measured.abandoned[i]),
            aht_s=float(aht[i]),
            load_erlangs=float(expected.load_erlangs[i]),
            agents=float(agents[i]),
            agents_source="agent_months" if source[i] == "agent_months" else "seen_handling",
            required_agents=int(need.agents[i]),
            expected_service_level=float(expected.service_level[i]),
            expected_occupancy=float(expected.occupancy[i]),
            measured_service_level=_opt(measured_sl[i]),
            measured_occupancy=_opt(measured_occ[i]),
            flags=_flags(bool(understaffed[i]), bool(over_cap[i])),
        )
        for i in range(len(months))
    ]
    summary = [
        m.model_copy(update=_coverage_fields(m.month, coverage or {}, short))
        for m in _summarise(rows, months)
    ]
    findings = _findings(summary, engagement_id, target, min_share_flagged)
    return AdequacyReport(
        engagement_id=engagement_id,
        interval_min=interval_s / 60.0,
        target=target,
        channels=channels,
        intervals=rows,
        months=summary,
        findings=findings,
        notes=[s.note for s in short.values()],
    )


def _coverage_fields(
    month: str, coverage: Mapping[str, Coverage], short: Mapping[str, Shortfall]
) -> dict[str, object]:
    found, gap = coverage.get(month), short.get(month)
    return {
        "agents_handling": None if found is None else found.handling,
        "agents_reporting_hours": None if found is None else found.reporting,
        "logged_in_share_of_paid": None if found is None else found.share_of_paid,
        "judged": gap is None,
        "occupancy_judged": gap is None or gap.occupancy_judged,
        "note": "" if gap is None else gap.note,
    }


def _opt(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _flags(understaffed: bool, over_cap: bool) -> list[AdequacyFlag]:
    flags: list[AdequacyFlag] = []
    if understaffed:
        flags.append("understaffed")
    if over_cap:
        flags.append("occupancy_above_cap")
    return flags


def _summarise(rows: list[AdequacyInterval], months: list[str]) -> list[AdequacyMonth]:
    out = []
    for month in sorted(set(months)):
        mine = [r for r, m in zip(rows, months, strict=True) if m == month]
        offered = sum(r.offered for r in mine)
        within = sum(
            (r.measured_service_level or 0.0) * r.offered
            for r in mine
            if r.measured_service_level is not None
        )
        capacity = sum(r.agents for r in mine)
        busy = sum((r.measured_occupancy or 0.0) * r.agents for r in mine)
        out.append(
            AdequacyMonth(
                month=month,
                intervals=len(mine),
                understaffed_intervals=sum("understaffed" in r.flags for r in mine),
                over_cap_intervals=sum("occupancy_above_cap" in r.flags for r in mine),
                measured_service_level=within / offered if offered else None,
                expected_service_level=(
                    sum(r.expected_service_level * r.offered for r in mine) / offered
                    if offered
                    else 1.0
                ),
                measured_occupancy=busy / capacity if capacity > 0 else None,
                mean_agents=capacity / len(mine),
                mean_required_agents=sum(r.required_agents for r in mine) / len(mine),
            )
        )
    return out


def _findings(
    months: list[AdequacyMonth], engagement_id: str, target: StaffingTarget, min_share: float
) -> list[Finding]:
    cap = target.max_occupancy or DEFAULT_MAX_OCCUPANCY
    found: list[Finding] = []
    for m in months:
        share = m.understaffed_intervals / m.intervals if m.intervals else 0.0
        evidence: dict[str, object] = m.model_dump(mode="json")
        if m.judged and _headcount_short(m, share, target, min_share):
            found.append(
                Finding(
                    key=f"staffing:{engagement_id}:understaffed",
                    source="staffing",
                    engagement_id=engagement_id,
                    severity="major" if share >= 2 * min_share else "minor",
                    title=f"Understaffed in {m.month}: service level at risk",
                    detail=(
                        f"{m.understaffed_intervals} of {m.intervals} intervals had fewer agents "
                        f"than the {target.service_level:.0%} in "
                        f"{numbers.number(target.threshold_s)} s target "
                        f"needs (mean {m.mean_agents:.1f} rostered vs "
                        f"{m.mean_required_agents:.1f} required); expected service level "
                        f"{m.expected_service_level:.1%}, "
                        f"measured {_pct(m.measured_service_level)}."
                    ),
                    evidence=evidence,
                    period=m.month,
                    value=m.measured_service_level,
                )
            )
        elif not m.judged and m.occupancy_judged and _measured_short(m, target, cap):
            found.append(_measured_understaffing(m, engagement_id, target, evidence))
        if m.occupancy_judged and m.measured_occupancy is not None and m.measured_occupancy > cap:
            found.append(
                Finding(
                    key=occupancy_key(engagement_id),
                    source="staffing",
                    engagement_id=engagement_id,
                    severity="major",
                    title=f"Occupancy above {cap:.0%} in {m.month}: burnout risk",
                    detail=(
                        f"Agents were busy {m.measured_occupancy:.1%} of their logged-in time "
                        f"over the month ({m.over_cap_intervals} of {m.intervals} intervals "
                        f"above {cap:.0%}); sustained occupancy above about 85 % burns agents out."
                    ),
                    evidence=evidence,
                    period=m.month,
                    value=m.measured_occupancy,
                )
            )
    return found


def _measured_short(m: AdequacyMonth, target: StaffingTarget, cap: float) -> bool:
    """Without Erlang (sampled hours), the measurements alone: the service level missed
    while agents were busy beyond the occupancy cap."""
    sl, occ = m.measured_service_level, m.measured_occupancy
    return sl is not None and occ is not None and sl < target.service_level and occ > cap


def _measured_understaffing(
    m: AdequacyMonth, engagement_id: str, target: StaffingTarget, evidence: dict[str, object]
) -> Finding:
    return Finding(
        key=f"staffing:{engagement_id}:understaffed",
        source="staffing",
        engagement_id=engagement_id,
        severity="major",
        title=f"Understaffed in {m.month}: service level at risk",
        detail=(
            f"Measured service level {_pct(m.measured_service_level)} against the "
            f"{target.service_level:.0%} in {numbers.number(target.threshold_s)} s target "
            f"while agents were busy {_pct(m.measured_occupancy)} of their logged-in time. "
            f"Erlang's expectation is not used: {m.note.split(': ', 1)[-1]}"
        ),
        evidence=evidence,
        period=m.month,
    )


def _headcount_short(
    m: AdequacyMonth, share: float, target: StaffingTarget, min_share: float
) -> bool:
    """Understaffed month: the model and the measurements agree that heads were short.

    Erlang must expect the target missed in enough intervals, the measured service
    level must miss it too (a model alone raises no finding), and agents must have
    been busy: when they idled most of their logged-in time, a missed target points to
    routing or skills (see the parity audit), not to headcount.
    """
    modelled = share >= min_share and m.expected_service_level < target.service_level
    measured = m.measured_service_level is None or m.measured_service_level < target.service_level
    busy = m.measured_occupancy is None or m.measured_occupancy >= MIN_BUSY_OCCUPANCY
    return modelled and measured and busy


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"
