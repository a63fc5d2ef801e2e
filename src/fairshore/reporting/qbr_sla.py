"""QBR sections on the contract: SLA terms per month, and what changed since last quarter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from fairshore import numbers, web_paths
from fairshore.contracts.model import Evaluation
from fairshore.metrics.evidence import DRILLABLE
from fairshore.metrics.periods import Period, parse_period
from fairshore.reporting.charts import line_chart
from fairshore.reporting.figures import figure, sla_light
from fairshore.reporting.model import Block, Note, Section, Table
from fairshore.reporting.qbr_findings import quarter_findings
from fairshore.reporting.qbr_inputs import QbrInputs, _missing
from fairshore.reporting.qbr_outcomes import people_figures


@dataclass(frozen=True)
class SlaSummary:
    """The quarter's SLA outcome in numbers (also what the tests compare)."""

    months: int
    term_months: int
    breached: int
    insufficient: int
    net_credit: float
    currency: str
    fee: float = 0.0


def sla_summary(evaluations: list[Evaluation]) -> SlaSummary:
    """Counts of judged term-months and the credits of a list of monthly evaluations."""
    statuses = [t.status for e in evaluations for t in e.terms]
    return SlaSummary(
        months=len(evaluations),
        term_months=len(statuses),
        breached=statuses.count("breached"),
        insufficient=statuses.count("insufficient_data") + statuses.count("not_measurable"),
        net_credit=round(sum(e.net_credit for e in evaluations), 2),
        currency=evaluations[0].currency if evaluations else "",
        fee=round(sum(e.fee for e in evaluations), 2),
    )


def sla_section(inputs: QbrInputs) -> Section:
    """SLA terms per month with measured value, target, status and credit; and the trend."""
    q = inputs.quarter
    if not inputs.sla:
        return Section(
            id="sla",
            title="Service levels and credits",
            blocks=[
                _missing(
                    "no SLA evaluation covers this quarter",
                    q,
                    inputs.notes.get("sla", "Run `fairshore sla evaluate` once data is in."),
                )
            ],
        )
    summary = sla_summary(inputs.sla)
    light = sla_light(summary)
    rows: list[list[Any]] = []
    links: list[str | None] = []  # a judged month of a contact measure: the contacts behind it
    back = web_paths.qbr(inputs.engagement_id, q.label)
    for e in inputs.sla:
        for t in e.terms:
            if t.status == "not_measurable" and t.value is None:
                continue  # clauses with nothing to measure (audit rights ...): listed below
            drillable = t.metric in DRILLABLE and t.status != "insufficient_data"
            links.append(
                web_paths.term_evidence(inputs.engagement_id, t.term_id, e.period, back=back)
                if drillable and parse_period(e.period).kind == "month"
                else None
            )
            rows.append(
                [
                    e.period,
                    t.term_id,
                    f"{t.comparator} {numbers.measure(t.metric, t.target, target=t.target)}",
                    numbers.measure(t.metric, t.value, target=t.target),
                    t.status.replace("_", " "),
                    t.sample_size,
                    round(t.credit, 2),
                ]
            )
    first = inputs.sla[0]
    unmeasured = sorted(
        {t.term_id for e in inputs.sla for t in e.terms if t.status == "not_measurable"}
    )
    blocks: list[Block] = [
        figure(
            "Term-months breached",
            float(summary.breached),
            f"{summary.breached} of {summary.term_months}",
            light,
            f"{summary.months} months evaluated",
        ),
        figure(
            "Net service credit",
            summary.net_credit,
            numbers.money(summary.net_credit, summary.currency),
            "amber" if summary.net_credit > 0 else "green",
            f"contract {first.contract_id} v{first.contract_version}",
        ),
        Table(
            title="SLA terms by month",
            columns=["month", "term", "target", "measured", "status", "sample", "credit"],
            rows=rows,
            caption=f"Credits in {summary.currency}, after the cap and earn-back.",
            row_links=links,
            link_column=3,  # the measured value
        ),
    ]
    if unmeasured:
        blocks.append(
            Note(text="Not measurable from the data received: " + ", ".join(unmeasured) + ".")
        )
    trend = _trend_points(inputs.sla_history, until=q.month_labels()[-1])
    if trend:
        blocks.append(
            line_chart(
                "Trend: measured value as % of target (last 12 months)",
                trend,
                x="month",
                y="pct_of_target",
                series="term",
                y_title="% of target",
                rule_at=100.0,  # the target itself, the line each term is measured against
            )
        )
    return Section(id="sla", title="Service levels and credits", light=light, blocks=blocks)


def _trend_points(history: list[Evaluation], *, until: str) -> list[dict[str, Any]]:
    months = sorted({e.period for e in history if e.period <= until})[-12:]
    points = []
    for e in history:
        if e.period not in months:
            continue
        for t in e.terms:
            if t.value is None or t.target == 0 or t.kind != "service":
                continue
            points.append(
                {
                    "month": e.period,
                    "term": t.term_id,
                    "pct_of_target": round(100.0 * t.value / t.target, 1),
                }
            )
    return points


# --- change since last quarter -------------------------------------------------------------------


def changes_section(inputs: QbrInputs) -> Section:
    """This quarter against the one before, figure by figure."""
    q, prev = inputs.quarter, inputs.quarter.previous()
    now_sla = sla_summary(inputs.sla)
    before_sla = sla_summary([e for e in inputs.sla_history if e.period in prev.month_labels()])
    now_people = people_figures(inputs.people) if inputs.people else {}
    before_people = people_figures(inputs.people_previous) if inputs.people_previous else {}
    now_f, before_f = quarter_findings(inputs.findings, q), quarter_findings(inputs.findings, prev)

    def row(label: str, before: float | None, now: float | None, kind: str) -> list[Any]:
        # A change of a rate is in percentage points, not a percentage of the rate.
        text: Callable[[float | None], str]
        if kind == "share":
            text, change = numbers.percent, numbers.change(before, now, share=True)
        elif kind == "money":
            currency = now_sla.currency or before_sla.currency
            text = partial(numbers.money, currency=currency)
            delta = None if before is None or now is None else now - before
            change = numbers.money(delta, currency, sign=True)
        else:
            text, change = numbers.count, numbers.change(before, now, share=False)
        return [label, text(before), text(now), change]

    rows = [
        row(
            "Contacts",
            float(inputs.interactions_previous) if inputs.interactions_previous else None,
            float(inputs.interactions_in_quarter) if inputs.interactions_in_quarter else None,
            "count",
        ),
        row(
            "Term-months breached",
            float(before_sla.breached) if before_sla.months else None,
            float(now_sla.breached) if now_sla.months else None,
            "count",
        ),
        row(
            "Net service credit",
            before_sla.net_credit if before_sla.months else None,
            now_sla.net_credit if now_sla.months else None,
            "money",
        ),
        row("Occupancy", before_people.get("occupancy"), now_people.get("occupancy"), "share"),
        row(
            "Attrition (trailing 12 months)",
            before_people.get("attrition"),
            now_people.get("attrition"),
            "share",
        ),
        row("Findings raised", float(len(before_f.raised)), float(len(now_f.raised)), "count"),
        row("Findings closed", float(len(before_f.closed)), float(len(now_f.closed)), "count"),
        row(
            "Findings open at quarter end",
            float(len(before_f.open_at_end)),
            float(len(now_f.open_at_end)),
            "count",
        ),
    ]
    blocks: list[Block] = [
        Table(
            title=f"{prev.label} → {q.label}",
            columns=["figure", prev.label, q.label, "change"],
            rows=rows,
        )
    ]
    terms = term_changes(inputs.sla_history, before=prev, now=q)
    changed = [t for t in terms if _outcome_class(t[1]) != _outcome_class(t[2])]
    if changed:
        blocks.append(
            Table(
                title="SLA terms whose outcome changed",
                columns=["term", prev.label, q.label],
                rows=[list(t) for t in changed],
                caption="Outcome per term over the quarter's months: breached months of "
                "months judged.",
            )
        )
    elif terms:
        blocks.append(Note(text="Every SLA term has the same outcome as the quarter before."))
    new_ids = {r.id for r in now_f.raised}
    closed_ids = {r.id for r in now_f.closed}
    if new_ids or closed_ids:
        blocks.append(
            Table(
                title="New and closed findings",
                columns=["change", "id", "severity", "title"],
                rows=[
                    [
                        "new" if r.id in new_ids else "closed",
                        r.id,
                        r.finding.severity,
                        r.finding.title,
                    ]
                    for r in now_f.shown
                    if r.id in new_ids or r.id in closed_ids
                ],
            )
        )
    if not inputs.interactions_previous:
        blocks.append(_missing("nothing to compare with", prev))
    return Section(id="changes", title="What changed since last quarter", blocks=blocks)


def _term_outcome(evaluations: list[Evaluation], term_id: str) -> str:
    statuses = [t.status for e in evaluations for t in e.terms if t.term_id == term_id]
    judged = [st for st in statuses if st in ("met", "breached")]
    if not judged:
        return "not judged" if statuses else "no data"
    breached = judged.count("breached")
    return (
        f"breached {breached} of {len(judged)}"
        if breached
        else f"met {len(judged)} of {len(judged)}"
    )


def _outcome_class(text: str) -> str:
    return text.split(" ", 1)[0]  # breached / met / not judged / no data


def term_changes(
    history: list[Evaluation], *, before: Period, now: Period
) -> list[tuple[str, str, str]]:
    """Each SLA term's outcome in the quarter before and in this one."""
    prev = [e for e in history if e.period in before.month_labels()]
    cur = [e for e in history if e.period in now.month_labels()]
    ids = sorted({t.term_id for e in prev + cur for t in e.terms if t.kind == "service"})
    return [(t, _term_outcome(prev, t), _term_outcome(cur, t)) for t in ids]
