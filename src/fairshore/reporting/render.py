"""Renderers: one class per format behind a Protocol, found in :data:`RENDERERS`, a
registry built from an explicit list (nothing registers itself when imported)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from fairshore.errors import InputError
from fairshore.reporting.html_renderer import HtmlRenderer, render_html
from fairshore.reporting.model import Paper, Report
from fairshore.reporting.pdf_renderer import PdfRenderer


class Renderer(Protocol):
    """Turns a report into a document of one format."""

    name: str
    suffix: str

    def render(self, report: Report, *, paper: Paper) -> bytes:
        """The document's bytes."""
        ...


# WeasyPrint is imported only when a PDF is rendered (pdf_renderer).
RENDERERS: dict[str, type[Renderer]] = {r.name: r for r in (HtmlRenderer, PdfRenderer)}


def renderer_names() -> list[str]:
    """Every registered format."""
    return sorted(RENDERERS)


def get_renderer(name: str) -> Renderer:
    """A renderer for ``name`` (``html``, ``pdf``)."""
    try:
        return RENDERERS[name]()
    except KeyError:
        raise InputError(
            f"no renderer for {name!r}; choose one of {', '.join(sorted(RENDERERS))}"
        ) from None


def render_article(
    report: Report, *, paper: Paper = "a4", live: Mapping[str, str] | None = None
) -> bytes:
    """The report as one ``<article>`` with its styles scoped to it, for a page of the
    web app (the HTML renderer's blocks and words, without the document around them),
    each section in ``live`` linked to its live page. Not a registered format: it is no
    file anyone downloads."""
    return render_html(report, paper=paper, embedded=True, live=live).encode("utf-8")


def write_report(report: Report, path: Path, *, fmt: str, paper: Paper = "a4") -> Path:
    """Render ``report`` as ``fmt`` into ``path`` (parent folders created)."""
    data = get_renderer(fmt).render(report, paper=paper)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
