"""The wellbeing index and the worker pulse as report blocks (QBR and ESG summary alike).

Both reports show the people report's own results (``PeopleReport.wellbeing`` and
``.pulse``); nothing is recomputed here, only laid out, each part with its benchmark
and the benchmark's source.
"""

from __future__ import annotations

from collections.abc import Sequence

from fairshore import numbers
from fairshore.metrics.periods import period_between
from fairshore.people.pulse import PulseReport
from fairshore.people.wellbeing import PARTS, Wellbeing, WellbeingPart
from fairshore.reporting.esg_inputs import EsgInputs
from fairshore.reporting.figures import figure, threshold_light, worst
from fairshore.reporting.model import Block, Cell, KeyFigure, Note, Section, Table

SHARES = frozenset(
    {"overtime_share", "weeks_over_48h", "occupancy", "shrinkage", "new_hire_attrition"}
)


def _figure(part: str, value: float | None) -> str:
    if value is None:
        return numbers.NO_DATA
    return numbers.percent(value) if part in SHARES else f"{value:.1f}"


def _cell(p: WellbeingPart) -> Cell:
    text = _figure(p.part, p.value)
    return f"{text} (over)" if p.within is False else text


def wellbeing_blocks(
    result: Wellbeing | None, *, months: Sequence[str] | None = None, label: str = ""
) -> list[Block]:
    """The index by site and month (``months``: ``YYYY-MM`` labels to keep), its
    benchmarks with their sources, and a key figure of the lowest site's last month."""
    rows = [
        (s.site_id, m)
        for s in (result.sites if result else [])
        for m in s.months
        if months is None or f"{m.month:%Y-%m}" in months
    ]
    if result is None or not rows:
        return [Note(text=f"{label}no agent-month data for a wellbeing index", kind="missing_data")]
    last = max(m.month for _, m in rows)
    lows = [(site, m) for site, m in rows if m.month == last and m.index is not None]
    low = min(lows, key=lambda r: r[1].index or 0) if lows else None
    value = None if low is None else low[1].index
    return [
        figure(
            f"{label}Wellbeing index, lowest site",
            value,
            f"{value or 0:.0f} / 100",
            threshold_light(value, amber=90, red=75, higher_is_worse=False),
            f"{low[0]}, {last:%Y-%m}" if low else "",
        ),
        Table(
            title=f"{label}Wellbeing index by site and month",
            columns=["site", "month", "index", "change", *[p.replace("_", " ") for p in PARTS]],
            rows=[
                [
                    site,
                    f"{m.month:%Y-%m}",
                    None if m.index is None else round(m.index, 1),
                    None if m.change is None else round(m.change, 1),
                    *[_cell(p) for p in m.parts],
                ]
                for site, m in rows
            ],
            caption="100 = every part within its benchmark; a part over it scores benchmark / "
            f"figure; {result.worsening_months} falls in a row are a finding.",
        ),
        Table(
            title="Wellbeing benchmarks and their sources",
            columns=["part", "benchmark", "unit", "kind", "source"],
            rows=[
                [b.part.replace("_", " "), _figure(b.part, b.limit), b.unit, b.kind, b.source]
                for b in result.benchmarks
            ],
        ),
    ]


def pulse_blocks(pulse: PulseReport | None, *, label: str = "") -> list[Block]:
    """The eNPS by quarter (and site where k allows), beside what the vendor declared."""
    if pulse is None or not pulse.quarters:
        return [Note(text=f"{label}no worker pulse answers", kind="missing_data")]
    rows: list[list[Cell]] = [
        [g.quarter, g.site_id or "all sites", "suppressed (fewer than k)", None, None, None]
        if g.suppressed
        else [
            g.quarter,
            g.site_id or "all sites",
            g.responses,
            None if g.enps is None else round(g.enps, 1),
            numbers.percent(g.promoters),
            numbers.percent(g.detractors),
        ]
        for g in [*pulse.quarters, *pulse.sites]
    ]
    declared = (
        f"declared eNPS {pulse.declared_enps:.0f} ({pulse.declared_source})"
        + ("" if pulse.gap is None else f"; measured minus declared {pulse.gap:+.0f} points")
        if pulse.declared_enps is not None
        else pulse.declared_source
    )
    return [
        Table(
            title=f"{label}Worker pulse (eNPS)",
            columns=["quarter", "site", "answers", "eNPS", "promoters", "detractors"],
            rows=rows,
            caption=f"“{pulse.question}” 0-10, anonymous; groups under {pulse.k} answers are "
            "suppressed; eNPS = % promoters (9-10) - % detractors (0-6).",
        ),
        Note(text=f"{label}vendor's declaration: {declared}", kind="info"),
    ]


def wellbeing_section(inputs: EsgInputs) -> Section:
    """ESG: each measured engagement's wellbeing index and worker pulse."""
    blocks: list[Block] = []
    for data in inputs.measured:
        report = data.people
        if report is None:
            continue
        label = f"{data.engagement_id}: "
        blocks += wellbeing_blocks(report.wellbeing, months=_months(inputs), label=label)
        blocks += pulse_blocks(report.pulse, label=label)
    if not blocks:
        blocks = [Note(text="no roster or agent-month records in the period", kind="missing_data")]
    light = worst(b.light for b in blocks if isinstance(b, KeyFigure))
    return Section(id="wellbeing", title="Wellbeing and worker pulse", light=light, blocks=blocks)


def _months(inputs: EsgInputs) -> list[str]:
    return [m.label for m in period_between(inputs.start, inputs.end).months()]
