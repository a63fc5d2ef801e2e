"""A report's PDF says what its HTML says, and draws each chart once for both.

The PDF is laid out by WeasyPrint from the print HTML; its text is read back with pypdf
(a reader no one here wrote) and every figure, table cell and batch digest of the HTML
must be in it. The provenance table has fixed column widths (a speed fix): the digests,
broken over lines, must still read whole.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from fairshore import vegalite
from fairshore.reporting.charts import line_chart
from fairshore.reporting.model import DataBatch, KeyFigure, Report, Section, Table
from fairshore.reporting.render import get_renderer, render_article

VENDORED = Path(vegalite.__file__).parent / "entrypoints/web/static/vendor/vega-lite.min.js"


def _report() -> Report:
    points = [
        {"month": f"2026-{m:02d}", "term": t, "pct": 90.0 + m + 3 * i}
        for m in range(1, 13)
        for i, t in enumerate(("service level", "asa"))
    ]
    sla = Table(
        title="SLA terms by month",
        columns=["month", "term", "target", "measured", "status", "credit"],
        rows=[
            [f"2026-{m:02d}", "service level", ">= 80.0 %", f"{70 + m}.5 %", "met", 1250.5 * m]
            for m in range(7, 10)
        ]
        + [["2026-09", "asa", "<= 30 s", None, "insufficient", 0]],
    )
    blocks = [
        KeyFigure(label="Service level", value=0.781, text="78.1 %", light="amber"),
        KeyFigure(label="Credits", value=4321.0, text="4,321.00 EUR", light="red"),
        sla,
        line_chart("Trend", points, x="month", y="pct", series="term", y_title="%", rule_at=100),
    ]
    batches = [
        DataBatch(
            batch_id=f"b-{i:024x}",
            engagement_id="telco-mnl",
            table="interactions",
            sha256=f"{i:064x}".replace("0", "ab"[i % 2])[:64],
            rows=1000 + i,
        )
        for i in range(1, 4)
    ]
    return Report(
        kind="qbr",
        title="Quarterly business review",
        subtitle="Telco MNL",
        period="2026-Q3",
        start=date(2026, 7, 1),
        end=date(2026, 9, 30),
        generated_on=date(2026, 10, 1),
        sections=[Section(id="sla", title="Service levels", light="amber", blocks=blocks)],
        batches=batches,
        methodology={"fairshore": "test"},
    )


class _Cells(HTMLParser):
    """The text of every table cell and key-figure value, outside the chart's SVG."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th") or ("class", "value") in attrs:
            self._open.append("")

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "div") and self._open:
            self.texts.append(self._open.pop())


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_pdf_holds_every_figure_and_cell_of_the_html() -> None:
    report = _report()
    parser = _Cells()
    parser.feed(get_renderer("html").render(report, paper="a4").decode())
    reader = PdfReader(BytesIO(get_renderer("pdf").render(report, paper="a4")))
    pdf = _squeezed("".join(page.extract_text() or "" for page in reader.pages))
    assert len(parser.texts) > 40
    missing = [t for t in parser.texts if _squeezed(t) not in pdf]
    assert not missing
    for wanted in ("78.1 %", "4,321.00 EUR", "8,754", report.batches[2].sha256 or ""):
        assert _squeezed(wanted) in pdf


def test_a_chart_is_drawn_once_for_the_page_and_the_pdf() -> None:
    report = _report()
    vegalite._svg.cache_clear()
    page = render_article(report).decode()
    pdf = get_renderer("pdf").render(report, paper="a4")
    info = vegalite._svg.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    assert "<svg" in page and pdf.startswith(b"%PDF")


def test_report_charts_are_written_for_the_web_apps_vega_lite() -> None:
    from fairshore.entrypoints.web.charts import VEGA_LITE

    chart = _report().sections[0].blocks[-1]
    assert chart.spec["$schema"] == VEGA_LITE  # type: ignore[union-attr]
    bundled = re.search(r'var n="(\d+\.\d+)\.\d+"', VENDORED.read_text(encoding="utf-8"))
    assert bundled and bundled.group(1) == vegalite.VERSION
    assert f"/v{vegalite.VERSION.split('.')[0]}.json" in VEGA_LITE
