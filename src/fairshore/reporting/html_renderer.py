"""HTML renderer: one self-contained page (inline CSS and SVG charts, no CDN)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from fairshore import numbers
from fairshore.reporting.charts import to_svg
from fairshore.reporting.model import LIGHT_WORDS, Chart, KeyFigure, Note, Paper, Report, Table

PAGE_SIZES: dict[Paper, str] = {"a4": "A4", "letter": "letter"}


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("fairshore.reporting", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _kind(block: object) -> str:
    for cls, name in ((KeyFigure, "figure"), (Table, "table"), (Chart, "chart"), (Note, "note")):
        if isinstance(block, cls):
            return name
    raise TypeError(type(block).__name__)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return numbers.number(value)
    return str(value)


def render_html(
    report: Report,
    *,
    paper: Paper,
    for_print: bool = False,
    embedded: bool = False,
    live: Mapping[str, str] | None = None,
) -> str:
    """The report as one HTML document, or with ``embedded`` as one ``<article>`` whose
    styles are scoped to it, for a page of the web app (same blocks, same words).
    ``live``: section id -> the address of the page its figures come from, linked
    beside the section's title."""
    template = _environment().get_template("report.html.j2")
    context: dict[str, Any] = {
        "report": report,
        "page_size": PAGE_SIZES[paper],
        "for_print": for_print,
        "embedded": embedded,
        "live": live or {},
        "kind": _kind,
        "cell": _cell,
        "svg": lambda chart: Markup(to_svg(chart)),  # noqa: S704 - SVG from vl-convert
        "light_word": LIGHT_WORDS,
    }
    return template.render(**context)


class HtmlRenderer:
    """Self-contained HTML for a browser or e-mail attachment."""

    name = "html"
    suffix = ".html"

    def render(self, report: Report, *, paper: Paper) -> bytes:
        """UTF-8 HTML."""
        return render_html(report, paper=paper).encode("utf-8")
