"""PDF renderer: the HTML document laid out on A4 or Letter pages by WeasyPrint."""

from __future__ import annotations

from fairshore.reporting.html_renderer import render_html
from fairshore.reporting.model import Paper, Report


class PdfRenderer:
    """Print-ready PDF with vector charts."""

    name = "pdf"
    suffix = ".pdf"

    def render(self, report: Report, *, paper: Paper) -> bytes:
        """PDF bytes."""
        import weasyprint  # heavy (pango); loaded only when a PDF is asked for

        html = render_html(report, paper=paper, for_print=True)
        pdf: bytes = weasyprint.HTML(string=html).write_pdf()
        return pdf
