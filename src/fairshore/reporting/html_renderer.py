"""HTML renderer: one self-contained page (inline CSS and SVG charts, no CDN)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from fairshore import numbers, web_paths
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


def _href(*, embedded: bool, base_url: str | None) -> Callable[[str | None], str | None]:
    """How a live page's path is linked: as it is inside the app, with the app's base URL
    in a file, not at all in a file when the base URL is not known."""

    def href(path: str | None) -> str | None:
        if path is None:
            return None
        if embedded:
            return path
        return None if base_url is None else web_paths.absolute(base_url, path)

    return href


def render_html(
    report: Report,
    *,
    paper: Paper,
    for_print: bool = False,
    embedded: bool = False,
    base_url: str | None = None,
) -> str:
    """The report as one HTML document, or with ``embedded`` as one ``<article>`` whose
    styles are scoped to it, for a page of the web app (same blocks, same words).

    Live pages (``Section.links``, ``Table.row_links``) are linked by their path in the
    app's page, from ``base_url`` in a document, and left out of a document without it.
    """
    template = _environment().get_template("report.html.j2")
    context: dict[str, Any] = {
        "href": _href(embedded=embedded, base_url=base_url),
        "report": report,
        "page_size": PAGE_SIZES[paper],
        "for_print": for_print,
        "embedded": embedded,
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

    def render(self, report: Report, *, paper: Paper, base_url: str | None = None) -> bytes:
        """UTF-8 HTML; live pages linked from ``base_url`` (none without it)."""
        return render_html(report, paper=paper, base_url=base_url).encode("utf-8")
