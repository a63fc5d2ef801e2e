"""A QBR's page then its PDF, as rendered before the PDF fixes (baseline) and now.

The report is built by hand like a QBR of the 0.05 demo (five sections of tables, a
12-month line chart) with ``FAIRSHORE_BENCH_BATCHES`` data batches in its provenance
table (default 22, as the demo's board pack). The web app renders the page, then the
PDF, from one kept report. The baseline is the old path measured in this run: each
render draws its charts with vl-convert again, and the provenance table is laid out
with automatic widths (its hashes broken anywhere: a text layout per character to find
the narrowest column). Printed: the one-off costs of a process's first PDF, both paths'
best of three, and the ratio now/old.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import date

from fairshore import vegalite
from fairshore.reporting.charts import line_chart
from fairshore.reporting.html_renderer import render_html
from fairshore.reporting.model import DataBatch, KeyFigure, Report, Section, Table
from fairshore.reporting.render import get_renderer, render_article

# The lines the fix added to the report's style sheet (the old path is the page without them).
FIXED_PROVENANCE = re.compile(r"^\.provenance \{ table-layout: fixed; \}.*$", re.M)


def _report(batches: int) -> Report:
    points = [
        {"month": f"2026-{m:02d}", "term": t, "pct": 80.0 + m + 7 * i}
        for m in range(1, 13)
        for i, t in enumerate(("service level", "asa", "fcr", "csat", "abandon"))
    ]
    rows = [
        [f"2026-{m:02d}", f"term {t}", ">= 80.0 %", f"{70 + t}.{m} %", "met", 125.5 * m]
        for m in range(7, 10)
        for t in range(17)
    ]
    sections = [
        Section(
            id=f"s{i}",
            title=f"Section {i}",
            light="amber",
            blocks=[
                KeyFigure(label="Service level", value=0.781, text="78.1 %", light="amber"),
                Table(
                    title=f"Table {i}",
                    columns=["month", "term", "target", "measured", "status", "credit"],
                    rows=rows,
                ),
            ],
        )
        for i in range(5)
    ]
    trend = line_chart("Trend", points, x="month", y="pct", series="term", y_title="%", rule_at=100)
    sections.append(Section(id="trend", title="Trend", blocks=[trend]))
    return Report(
        kind="qbr",
        title="Quarterly business review",
        subtitle="benchmark",
        period="2026-Q3",
        start=date(2026, 7, 1),
        end=date(2026, 9, 30),
        generated_on=date(2026, 10, 1),
        sections=sections,
        batches=[
            DataBatch(
                batch_id=f"b-{b:024x}",
                engagement_id="telco-mnl",
                table="interactions",
                sha256=f"{b * 7919:064x}",
                rows=1000 + b,
            )
            for b in range(batches)
        ],
        methodology={"fairshore": "bench"},
    )


def _old_path(report: Report) -> bytes:
    """Page, then PDF, each drawing the chart again, provenance widths automatic."""
    import weasyprint

    vegalite._svg.cache_clear()
    render_article(report)
    vegalite._svg.cache_clear()
    html = FIXED_PROVENANCE.sub("", render_html(report, paper="a4", for_print=True))
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def _new_path(report: Report) -> bytes:
    vegalite._svg.cache_clear()
    render_article(report)
    return get_renderer("pdf").render(report, paper="a4")


def _best(work: Callable[[], object], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _once(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    report = _report(int(os.environ.get("FAIRSHORE_BENCH_BATCHES", "22")))
    print("one-off costs of a process's first PDF:")
    print(f"  import weasyprint {_once(lambda: __import__('weasyprint')):.2f} s")
    spec = report.section("trend").blocks[0].model_dump()["spec"]
    print(f"  first chart drawn (vl-convert starts) {_once(lambda: vegalite.to_svg(spec)):.2f} s")
    assert FIXED_PROVENANCE.search(render_html(report, paper="a4", for_print=True))
    old = _best(lambda: _old_path(report))
    new = _best(lambda: _new_path(report))
    print(f"page then PDF, old path (baseline): {old:.2f} s")
    print(f"page then PDF, now: {new:.2f} s")
    print(f"ratio now/old: {new / old:.2f}")


if __name__ == "__main__":
    main()
