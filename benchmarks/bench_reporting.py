"""Rendering a report of N table rows to PDF (WeasyPrint), against rendering it to HTML.

Size: ``FAIRSHORE_BENCH_ROWS`` (default 500 rows over four tables, plus one chart).
The baseline is the HTML renderer on the same report (Jinja2 + inline SVG), which the
PDF renderer runs first: the ratio is what page layout costs on top of the markup.
"""

from __future__ import annotations

import os
import time
from datetime import date

from fairshore.reporting.charts import line_chart
from fairshore.reporting.model import KeyFigure, Report, Section, Table
from fairshore.reporting.render import get_renderer


def _report(rows: int) -> Report:
    per = max(1, rows // 4)
    sections = [
        Section(
            id=f"s{i}",
            title=f"Section {i}",
            light="amber",
            blocks=[
                KeyFigure(label="Figure", value=0.5, text="50.0 %", light="amber"),
                Table(
                    title=f"Table {i}",
                    columns=["month", "term", "target", "measured", "status", "credit"],
                    rows=[
                        [
                            f"2026-{1 + r % 12:02d}",
                            f"term-{r}",
                            ">= 80.0 %",
                            "78.1 %",
                            "breached",
                            1.5 * r,
                        ]
                        for r in range(per)
                    ],
                ),
            ],
        )
        for i in range(4)
    ]
    points = [
        {"month": f"2026-{m:02d}", "term": t, "pct_of_target": 90 + m + t}
        for m in range(1, 13)
        for t in range(3)
    ]
    sections.append(
        Section(
            id="chart",
            title="Trend",
            blocks=[
                line_chart(
                    "trend", points, x="month", y="pct_of_target", series="term", y_title="%"
                )
            ],
        )
    )
    return Report(
        kind="qbr",
        title="Benchmark",
        subtitle="synthetic",
        period="2026-Q3",
        start=date(2026, 7, 1),
        end=date(2026, 9, 30),
        generated_on=date(2026, 10, 1),
        sections=sections,
        batches=[],
        methodology={"fairshore": "bench"},
    )


def main() -> None:
    rows = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "500"))
    report = _report(rows)
    timings = {}
    for name in ("html", "pdf"):
        started = time.perf_counter()
        size = len(get_renderer(name).render(report, paper="a4"))
        timings[name] = time.perf_counter() - started
        print(f"{name}: {rows:,} rows in {timings[name]:.2f} s ({size:,} bytes)")
    print(f"PDF / HTML render time: {timings['pdf'] / timings['html']:.1f}x")


if __name__ == "__main__":
    main()
