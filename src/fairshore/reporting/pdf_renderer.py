"""PDF renderer: the HTML document laid out on A4 or Letter pages by WeasyPrint."""

from __future__ import annotations

from fairshore.reporting.html_renderer import render_html
from fairshore.reporting.model import Paper, Report


class PdfRenderer:
    """Print-ready PDF with vector charts."""

    name = "pdf"
    suffix = ".pdf"

    def render(self, report: Report, *, paper: Paper, base_url: str | None = None) -> bytes:
        """PDF bytes; live pages linked from ``base_url`` (none without it)."""
        import weasyprint  # heavy (pango); loaded only when a PDF is asked for

        html = render_html(report, paper=paper, for_print=True, base_url=base_url)
        pdf: bytes = weasyprint.HTML(string=html).write_pdf()
        return pdf
