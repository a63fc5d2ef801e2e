"""QBR sections on what customers and agents experienced: fairness, people and pay, staffing."""

from __future__ import annotations

from typing import Any

from fairshore import numbers
from fairshore.people.model import PeopleReport
from fairshore.reporting.figures import (
    figure,
    threshold_light,
    worst,
)
from fairshore.reporting.model import Block, Light, Note, Section, Table
from fairshore.reporting.qbr_inputs import QbrInputs, _missing
from fairshore.reporting.wellbeing import pulse_blocks, wellbeing_blocks

# --- fairness -----------------------------------------------------------------------------


def parity_section(inputs: QbrInputs) -> Section:
    """Gaps in service between customer groups (language, region, tier, accessibility)."""
    q = inputs.quarter
    frames = [(a, f) for a in inputs.parity for f in a.frames if f.groups]
    if not frames:
        return Section(
            id="parity",
            title="Fairness of service",
            blocks=[_missing("no interactions to compare between customer groups", q)],
        )
    found = [f for a in inputs.parity for f in a.findings]
    light: Light = (
        "red"
        if any(f.severity in ("critical", "major") for f in found)
        else "amber"
        if found
        else "green"
    )
    rows: list[list[Any]] = []
    for audit, frame in frames:
        judged = [g for g in frame.groups if g.status == "judged"]
        if len(judged) < 2:
            judged = [g for g in frame.groups if g.n > 0] or frame.groups
        best = min(judged, key=lambda g: g.value) if not frame.outcome.higher_is_better else None
        best = best or max(judged, key=lambda g: g.value)
        worst_group = (
            max(judged, key=lambda g: g.value)
            if not frame.outcome.higher_is_better
            else min(judged, key=lambda g: g.value)
        )
        rows.append(
            [
                audit.dimension,
                frame.outcome.name,
                len(frame.groups),
                best.group,
                round(best.value, 3),
                worst_group.group,
                round(worst_group.value, 3),
            ]
        )
    blocks: list[Block] = [
        figure(
            "Fairness gaps found",
            float(len(found)),
            str(len(found)),
            light,
            f"{len(inputs.parity)} segment dimensions audited",
        ),
        Table(
            title="Gaps found",
            columns=["severity", "title"],
            rows=[[f.severity, f.title] for f in found],
        )
        if found
        else Note(text="No gap between customer groups passed the finding rule this quarter."),
        Table(
            title="Best and worst served group per outcome",
            columns=["dimension", "outcome", "groups", "best", "value", "worst", "value"],
            rows=rows,
        ),
    ]
    notes = dict.fromkeys(n for a in inputs.parity for n in a.notes[:2])
    blocks += [Note(text=n) for n in notes]
    return Section(id="parity", title="Fairness of service", light=light, blocks=blocks)


# --- people and pay ------------------------------------------------------------------------


def people_figures(report: PeopleReport) -> dict[str, float | None]:
    """The people numbers the QBR shows (what the tests compare against the PDF)."""
    below = [s.share_below_living_wage for s in report.pay.sites]
    known = [b for b in below if b is not None]
    return {
        "occupancy": report.occupancy.overall,
        "attrition": report.workforce.overall.annual_rate,
        "in_house_share": report.workforce.in_house_share,
        "training_hours": report.hours.training_hours_mean,
        "below_living_wage": max(known) if known else None,
    }


def people_has_data(report: PeopleReport) -> bool:
    """True when agents logged time or were paid in the period."""
    logged = any(m.logged_in_hours > 0 for m in report.occupancy.monthly)
    return logged or any(s.agent_months > 0 for s in report.pay.sites)


def people_section(inputs: QbrInputs) -> Section:
    """Occupancy, attrition, employment model, training and pay against the living wage."""
    q = inputs.quarter
    report = inputs.people
    if report is None or not people_has_data(report):
        return Section(
            id="people",
            title="People and pay",
            blocks=[
                _missing("no roster or agent-month records", q, inputs.notes.get("people", ""))
            ],
        )
    v = people_figures(report)
    occ_cap = report.thresholds.max_occupancy or report.thresholds.burnout_occupancy
    hot_months = [m.strftime("%Y-%m") for m in report.occupancy.months_over_threshold]
    figs = [
        figure(
            "Occupancy",
            v["occupancy"],
            numbers.percent(v["occupancy"]),
            "red"
            if hot_months
            else threshold_light(
                v["occupancy"], amber=occ_cap - 0.05, red=occ_cap, higher_is_worse=True
            ),
            f"threshold {numbers.percent(occ_cap)}"
            + (f"; over it in {', '.join(hot_months)}" if hot_months else ""),
        ),
        figure(
            "Attrition (trailing 12 months)",
            v["attrition"],
            numbers.percent(v["attrition"]),
            threshold_light(v["attrition"], amber=0.3, red=0.5, higher_is_worse=True),
        ),
        figure(
            "In-house share",
            v["in_house_share"],
            numbers.percent(v["in_house_share"]),
            threshold_light(v["in_house_share"], amber=0.9, red=0.7, higher_is_worse=False),
        ),
        figure(
            "Training per agent-month",
            v["training_hours"],
            numbers.measure("training_hours", v["training_hours"]),
            "green",
        ),
        figure(
            "Agents below living wage",
            v["below_living_wage"],
            numbers.percent(v["below_living_wage"]),
            threshold_light(v["below_living_wage"], amber=0.0, red=0.05, higher_is_worse=True),
            "worst site",
        ),
    ]
    blocks: list[Block] = [*figs]
    blocks.append(
        Table(
            title="Pay against the living wage by site",
            columns=[
                "site",
                "location",
                "agents",
                "median pay",
                "currency",
                "below living wage",
                "lowest pay / benchmark",
            ],
            rows=[
                [
                    s.site_id,
                    s.location,
                    s.agents,
                    None if s.median_effective_pay is None else round(s.median_effective_pay, 0),
                    s.currency,
                    numbers.percent(s.share_below_living_wage),
                    None if s.lowest_ratio is None else round(s.lowest_ratio, 2),
                ]
                for s in report.pay.sites
            ],
        )
    )
    blocks.append(
        Table(
            title="Occupancy by month",
            columns=["month", "handle hours", "logged-in hours", "occupancy"],
            rows=[
                [
                    m.month.strftime("%Y-%m"),
                    round(m.handle_hours, 1),
                    round(m.logged_in_hours, 1),
                    numbers.percent(m.occupancy),
                ]
                for m in report.occupancy.monthly
            ],
        )
    )
    blocks += wellbeing_blocks(report.wellbeing, months=q.month_labels())
    blocks += pulse_blocks(report.pulse)
    blocks += [Note(text=g, kind="warning") for g in report.data_gaps]
    light = worst(f.light for f in figs)
    return Section(id="people", title="People and pay", light=light, blocks=blocks)


# --- staffing -----------------------------------------------------------------------------------


def staffing_section(inputs: QbrInputs) -> Section:
    """Whether rostered agents were enough for the offered load, month by month."""
    q = inputs.quarter
    months = [
        m
        for m in (inputs.staffing.months if inputs.staffing else [])
        if m.month in q.month_labels()
    ]
    if not months:
        return Section(
            id="staffing",
            title="Staffing adequacy",
            blocks=[_missing("no interval data to compare staffing with workload", q)],
        )
    judged = [m for m in months if m.judged]  # partial logged-in hours: no verdict
    intervals = sum(m.intervals for m in judged)
    under = sum(m.understaffed_intervals for m in judged)
    notes: list[Block] = [Note(text=m.note, kind="missing_data") for m in months if m.note]
    share = under / intervals if intervals else None
    light = threshold_light(share, amber=0.05, red=0.15, higher_is_worse=True)
    rows = [
        [
            m.month,
            m.intervals,
            m.understaffed_intervals,
            m.over_cap_intervals,
            numbers.percent(m.measured_service_level),
            numbers.percent(m.measured_occupancy),
            round(m.mean_agents, 1),
            round(m.mean_required_agents, 1),
        ]
        for m in months
    ]
    return Section(
        id="staffing",
        title="Staffing adequacy",
        light=light,
        blocks=[
            figure(
                "Understaffed intervals",
                share,
                numbers.percent(share) if judged else "not judged",
                light,
                f"{under} of {intervals}" if judged else "logged-in hours too partial",
            ),
            *notes,
            Table(
                title="Staffing by month",
                columns=[
                    "month",
                    "intervals",
                    "understaffed",
                    "over occupancy cap",
                    "service level",
                    "occupancy",
                    "agents",
                    "agents required",
                ],
                rows=rows,
                caption="Required agents from Erlang C for the contract's service-level target.",
            ),
        ],
    )
