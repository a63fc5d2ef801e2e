"""ESG labour and human-rights indicators, measured from the vendor's own data."""

from __future__ import annotations

from typing import Any

from fairshore import numbers
from fairshore.numbers import NO_DATA
from fairshore.people.model import LocationBenchmark
from fairshore.reporting.esg_inputs import (
    SA8000_HOURS,
    SPAN_LIMIT,
    STATUS_WORDS,
    EngagementData,
    EsgInputs,
    EvidenceStatus,
    Indicator,
    _missing,
)
from fairshore.reporting.figures import figure, threshold_light, worst
from fairshore.reporting.model import Block, KeyFigure, Note, Section, Table

ATTRITION = "Attrition (trailing 12 months)"

# --- measured labour indicators ---------------------------------------------------------


def labour_indicators(data: EngagementData) -> list[Indicator]:
    """The measured labour and human-rights figures of one engagement."""
    report = data.people
    if report is None:
        return []
    eid = data.engagement_id
    out: list[Indicator] = []
    for site in report.pay.sites:
        standard = _floor_text(site.benchmark)
        basis = f"site {site.site_id}, {site.agents} agents, full months"
        out.append(
            Indicator(
                eid,
                "Pay",
                "Agents paid below the living wage",
                site.share_below_living_wage,
                numbers.percent(site.share_below_living_wage),
                "SA8000 remuneration; ETI 5 living wage: " + standard,
                "measured" if site.share_below_living_wage is not None else "not_available",
                threshold_light(
                    site.share_below_living_wage, amber=0.0, red=0.05, higher_is_worse=True
                ),
                basis,
            )
        )
        out.append(
            Indicator(
                eid,
                "Pay",
                "Lowest pay / living wage",
                site.lowest_ratio,
                NO_DATA if site.lowest_ratio is None else f"{site.lowest_ratio:.2f}",
                "≥ 1.00 (" + standard + ")",
                "measured" if site.lowest_ratio is not None else "not_available",
                threshold_light(site.lowest_ratio, amber=1.0, red=0.9, higher_is_worse=False),
                basis,
            )
        )
    hours = report.hours
    out.append(
        Indicator(
            eid,
            "Working hours",
            "Agent-months over SA8000 hour limits",
            hours.breach_share,
            numbers.percent(hours.breach_share),
            SA8000_HOURS,
            "measured" if hours.breach_share is not None else "not_available",
            threshold_light(hours.breach_share, amber=0.0, red=0.05, higher_is_worse=True),
            f"{hours.agent_months} agent-months; {hours.agents_in_breach} agents in breach",
        )
    )
    occ = report.occupancy
    cap = occ.cap or occ.burnout_threshold
    hot = [m.strftime("%Y-%m") for m in occ.months_over_threshold]
    out.append(
        Indicator(
            eid,
            "Working conditions",
            "Occupancy (handle / logged-in time)",
            occ.overall,
            numbers.percent(occ.overall),
            f"≤ {cap * 100:.0f} % (burnout threshold)",
            "measured" if occ.overall is not None else "not_available",
            "red"
            if hot
            else threshold_light(occ.overall, amber=cap - 0.05, red=cap, higher_is_worse=True),
            f"{occ.logged_in_hours:,.0f} logged-in hours"
            + (f"; over the threshold in {', '.join(hot)}" if hot else ""),
        )
    )
    minimum = report.thresholds.min_training_hours
    out.append(
        Indicator(
            eid,
            "Development",
            "Training hours per agent-month",
            hours.training_hours_mean,
            NO_DATA if hours.training_hours_mean is None else f"{hours.training_hours_mean:.1f} h",
            f"contract minimum {numbers.hours(minimum)}"
            if minimum is not None
            else "no contract minimum",
            "measured" if hours.training_hours_mean is not None else "not_available",
            threshold_light(
                hours.training_hours_mean, amber=minimum, red=minimum, higher_is_worse=False
            )
            if minimum is not None
            else ("green" if hours.training_hours_mean is not None else "grey"),
            f"{hours.training_sample} agent-months reported",
        )
    )
    ttm = report.workforce.overall.trailing  # SHRM annual turnover; part of a year: no value
    rate = ttm.rate if ttm is not None and ttm.complete else None
    out.append(
        Indicator(
            eid,
            "Employment",
            ATTRITION,
            rate,
            numbers.percent(rate),
            "≤ 30 % watch, > 50 % action (report rule)",
            "measured" if rate is not None else "not_available",
            threshold_light(rate, amber=0.3, red=0.5, higher_is_worse=True),
            "no roster"
            if ttm is None
            else f"{ttm.leavers} leavers, average headcount {ttm.average_headcount:,.1f}, "
            f"{ttm.first_month:%Y-%m}..{ttm.last_month:%Y-%m}"
            + (
                ""
                if ttm.complete
                else f"; insufficient data: {ttm.months_with_headcount} of 12 months"
            ),
        )
    )
    share = report.workforce.in_house_share
    out.append(
        Indicator(
            eid,
            "Employment",
            "Agents employed in-house",
            share,
            numbers.percent(share),
            "ETI 8 regular employment",
            "measured" if share is not None else "not_available",
            threshold_light(share, amber=0.9, red=0.7, higher_is_worse=False),
            ", ".join(f"{e.employment_type} {e.agents}" for e in report.workforce.employment_model),
        )
    )
    span = report.workforce.span
    out.append(
        Indicator(
            eid,
            "Working conditions",
            "Largest supervisor span",
            None if span.max_span is None else float(span.max_span),
            NO_DATA if span.max_span is None else f"1:{span.max_span}",
            f"≤ 1:{SPAN_LIMIT} (BPO scorecard red flag)",
            "measured" if span.max_span is not None else "not_available",
            "grey"
            if span.max_span is None
            else ("amber" if span.max_span > SPAN_LIMIT else "green"),
            f"{span.supervisors} team leads",
        )
    )
    return out


def _floor_text(bench: LocationBenchmark | None) -> str:
    if bench is None or bench.floor_monthly is None or bench.floor_kind is None:
        return "living wage (no benchmark for the location)"
    chosen = bench.living_wage if bench.floor_kind == "living_wage" else bench.minimum_wage
    source = f" ({chosen.source} {chosen.year or ''})".replace(" )", ")") if chosen else ""
    kind = bench.floor_kind.replace("_", " ")
    return f"{kind} {bench.floor_monthly:,.0f} {bench.currency}/month{source}"


def _status(status: EvidenceStatus) -> str:
    return STATUS_WORDS[status]


def labour_section(inputs: EsgInputs) -> Section:
    """Pay, hours, occupancy, training, attrition, employment: measured from data."""
    indicators = [i for e in inputs.engagements for i in labour_indicators(e)]
    if not indicators:
        why = inputs.notes.get("people", "")
        return Section(
            id="labour",
            title="Labour and human rights (measured)",
            blocks=[
                _missing(
                    f"no roster, pay or hours data of {inputs.vendor_id}'s agents was ingested"
                    + (f" ({why})" if why else ""),
                    inputs,
                )
            ],
        )
    headline: list[KeyFigure] = []
    for label in (
        "Agents paid below the living wage",
        "Agent-months over SA8000 hour limits",
        "Occupancy (handle / logged-in time)",
        "Training hours per agent-month",
        ATTRITION,
        "Agents employed in-house",
    ):
        found = [i for i in indicators if i.label == label and i.value is not None]
        if not found:
            headline.append(figure(label, None, NO_DATA, "grey", "measured"))
            continue
        order = {"red": 3, "amber": 2, "green": 1, "grey": 0}
        pick = max(found, key=lambda i: order[i.light])
        detail = "measured" + (f", {pick.engagement_id}" if len(inputs.engagements) > 1 else "")
        headline.append(figure(label, pick.value, pick.text, pick.light, detail))
    rows: list[list[Any]] = [
        [i.engagement_id, i.area, i.label, i.text, i.standard, _status(i.status), i.basis]
        for i in indicators
    ]
    blocks: list[Block] = [
        *headline,
        Table(
            title="Labour and human-rights indicators",
            columns=["engagement", "area", "indicator", "value", "standard", "evidence", "basis"],
            rows=rows,
            caption="Measured from the vendor's roster, pay and interaction data "
            "(docs/people.md). Standards: SA8000, ETI Base Code, living-wage benchmarks.",
        ),
    ]
    for e in inputs.engagements:
        if e.people is None:
            blocks.append(
                _missing(f"no roster or agent-month records of {e.engagement_id}", inputs)
            )
        else:
            blocks += [Note(text=g, kind="warning") for g in e.people.data_gaps[:3]]
    light = worst(i.light for i in indicators)
    return Section(
        id="labour", title="Labour and human rights (measured)", light=light, blocks=blocks
    )
