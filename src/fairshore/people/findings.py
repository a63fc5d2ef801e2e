"""Findings raised from a welfare report, against standards and the contract's clauses.

Keys name the condition (engagement, site, rule; never the month): an occupancy
problem over several months is one finding, each month an occurrence of it.
"""

from __future__ import annotations

from fairshore import numbers
from fairshore.governance.model import Finding, occupancy_key
from fairshore.metrics.periods import Period
from fairshore.people.model import Hours, Occupancy, Pay, WelfareThresholds, Workforce


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def pay_findings(engagement_id: str, pay: Pay, period: Period) -> list[Finding]:
    """Agents paid below the minimum wage (critical) or the living wage (major)."""
    out: list[Finding] = []
    for site in pay.sites:
        b = site.benchmark
        if b is None or site.agents == 0:
            continue
        evidence: dict[str, object] = {
            "site_id": site.site_id,
            "location": site.location,
            "currency": site.currency,
            "agents_compared": site.agents,
            "share_below_living_wage": site.share_below_living_wage,
            "share_below_minimum": site.share_below_minimum,
            "mean_gap": site.mean_gap,
            "mean_gap_pct": site.mean_gap_pct,
            "floor_monthly": b.floor_monthly,
            "floor_kind": b.floor_kind,
            "benchmark": b.living_wage.model_dump(mode="json") if b.living_wage else None,
            "minimum_wage": b.minimum_wage.model_dump(mode="json") if b.minimum_wage else None,
            "warnings": site.warnings,
        }
        if site.share_below_minimum:
            out.append(
                Finding(
                    key=f"pay:{engagement_id}:{site.site_id}:minimum_wage",
                    source="pay",
                    engagement_id=engagement_id,
                    severity="critical",
                    title=f"Agents paid below the statutory minimum wage at {site.site_id}",
                    detail=(
                        f"{_pct(site.share_below_minimum)} of {site.agents} agents earn less "
                        f"than the minimum wage of {site.location} "
                        f"({b.minimum_wage.monthly if b.minimum_wage else 0:,.0f} "
                        f"{site.currency}/month)."
                    ),
                    evidence=evidence,
                    period=period.label,
                    observed_on=period.last_day,
                )
            )
        if site.agents_below_living_wage and b.floor_kind is not None:
            kind = (
                b.living_wage.kind
                if b.floor_kind == "living_wage" and b.living_wage
                else "minimum wage floor"
            )
            source = b.living_wage.source if b.living_wage else ""
            year = b.living_wage.year if b.living_wage else None
            out.append(
                Finding(
                    key=f"pay:{engagement_id}:{site.site_id}:living_wage",
                    source="pay",
                    engagement_id=engagement_id,
                    severity="major" if (site.share_below_living_wage or 0) >= 0.1 else "minor",
                    title=f"Agents paid below the living wage at {site.site_id}",
                    detail=(
                        f"{site.agents_below_living_wage} of {site.agents} agents "
                        f"({_pct(site.share_below_living_wage)}) earn less than the {kind} "
                        f"of {site.location}, {b.floor_monthly:,.0f} {site.currency}/month "
                        f"({source}, {year or 'year unknown'}); mean gap "
                        f"{site.mean_gap or 0:,.0f} {site.currency} ({_pct(site.mean_gap_pct)})."
                        + (f" Caveats: {'; '.join(site.warnings)}." if site.warnings else "")
                    ),
                    evidence=evidence,
                    period=period.label,
                    observed_on=period.last_day,
                )
            )
    return out


def occupancy_findings(
    engagement_id: str, occ: Occupancy, thresholds: WelfareThresholds
) -> list[Finding]:
    """One finding per month above the burnout threshold (85 %) or the contract cap."""
    out = []
    for m in occ.monthly:
        if m.month not in occ.months_over_threshold or m.occupancy is None:
            continue
        over_cap = occ.cap is not None and m.occupancy > occ.cap
        out.append(
            Finding(
                key=occupancy_key(engagement_id),
                source="people",
                engagement_id=engagement_id,
                severity="major",
                title=f"Occupancy {_pct(m.occupancy)} in {m.month:%Y-%m}: burnout risk",
                detail=(
                    f"Handle time {m.handle_hours:,.0f} h over logged-in time "
                    f"{m.logged_in_hours:,.0f} h; burnout threshold "
                    f"{_pct(thresholds.burnout_occupancy)}"
                    + (f", contract cap {_pct(occ.cap)} exceeded" if over_cap else "")
                    + "."
                ),
                evidence=m.model_dump(mode="json") | {"cap": occ.cap},
                period=f"{m.month:%Y-%m}",
                observed_on=m.month,
                value=m.occupancy,
            )
        )
    return out


def hours_findings(engagement_id: str, hours: Hours, period: Period) -> list[Finding]:
    """SA8000 working-hours breaches over the period."""
    if hours.agents_in_breach == 0:
        return []
    totals = {
        "regular_over_48": sum(m.regular_over_limit for m in hours.monthly),
        "overtime_over_12": sum(m.overtime_over_limit for m in hours.monthly),
        "longest_week_over_60": sum(m.longest_week_over_limit for m in hours.monthly),
        "too_few_days_off": sum(m.too_few_days_off for m in hours.monthly),
    }
    return [
        Finding(
            key=f"people:{engagement_id}:working_hours",
            source="people",
            engagement_id=engagement_id,
            severity="major",
            title="Working hours beyond SA8000 limits",
            detail=(
                f"{hours.agents_in_breach} agents in breach in {period.label}: "
                + ", ".join(f"{k.replace('_', ' ')}: {v} agent-months" for k, v in totals.items())
            ),
            evidence=totals | {"agent_months": hours.agent_months},
            period=period.label,
            observed_on=period.last_day,
        )
    ]


def workforce_findings(
    engagement_id: str,
    workforce: Workforce,
    hours: Hours,
    period: Period,
    thresholds: WelfareThresholds,
) -> list[Finding]:
    """Span of control, and the contract's attrition, training and in-house clauses."""
    out = []

    def add(rule: str, severity: str, title: str, detail: str, evidence: dict[str, object]) -> None:
        out.append(
            Finding(
                key=f"people:{engagement_id}:{rule}",
                source="people",
                engagement_id=engagement_id,
                severity=severity,
                title=title,
                detail=detail,
                evidence=evidence,
                period=period.label,
                observed_on=period.last_day,
            )
        )

    span = workforce.span
    if span.over_limit:
        add(
            "supervisor_span",
            "minor",
            f"{len(span.over_limit)} supervisors lead more than {thresholds.max_span} agents",
            f"Largest span {span.max_span}; a span above 1:{thresholds.max_span} is a red flag.",
            {"over_limit": span.over_limit, "mean_span": span.mean_span},
        )
    ttm = workforce.overall.trailing  # a verdict on twelve months, never on one annualised
    if (
        thresholds.max_attrition is not None
        and ttm is not None
        and ttm.complete
        and ttm.rate is not None
        and ttm.rate > thresholds.max_attrition
    ):
        add(
            "attrition",
            "major",
            f"Attrition {_pct(ttm.rate)} over the twelve months to {ttm.last_month:%Y-%m} "
            "above the contract ceiling",
            f"Ceiling {_pct(thresholds.max_attrition)}; {ttm.leavers} leavers over an average "
            f"headcount of {ttm.average_headcount:.1f} from {ttm.first_month:%Y-%m} "
            f"(SHRM annual turnover).",
            ttm.model_dump(mode="json"),
        )
    mean = hours.training_hours_mean
    if (
        thresholds.min_training_hours is not None
        and mean is not None
        and mean < thresholds.min_training_hours
    ):
        add(
            "training",
            "minor",
            f"Training {mean:.1f} h per agent-month below the contract minimum",
            f"Minimum {numbers.hours(thresholds.min_training_hours)} per agent per month.",
            {"training_hours_mean": mean, "sample": hours.training_sample},
        )
    share = workforce.in_house_share
    if (
        thresholds.min_in_house_share is not None
        and share is not None
        and share < thresholds.min_in_house_share
    ):
        add(
            "in_house_share",
            "major",
            f"Only {_pct(share)} of agents are employees",
            f"Contract floor {_pct(thresholds.min_in_house_share)}.",
            {"employment_model": [e.model_dump() for e in workforce.employment_model]},
        )
    return out
