"""``fairshore report|export``: QBRs, the board pack, and Excel exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from fairshore.entrypoints.cli.context import JsonOption, PeriodOption, state
from fairshore.entrypoints.cli.lake import AsOfOption, pin_lake
from fairshore.entrypoints.cli.output import console, print_json, print_table
from fairshore.errors import InputError
from fairshore.reporting import services
from fairshore.reporting.model import Paper, Report

report_app = typer.Typer(
    help="Reports: quarterly business reviews, board pack, ESG summaries.", no_args_is_help=True
)
export_app = typer.Typer(help="Excel exports of KPI and findings tables.", no_args_is_help=True)

QuarterOption = typer.Option(help="Quarter, YYYY-Qn, e.g. 2026-Q3.")
PdfOption = typer.Option("--pdf", help="Write the report as PDF to this file.")
HtmlOption = typer.Option("--html", help="Write the report as HTML to this file.")
PaperOption = typer.Option("--paper", help="Page size: a4 or letter.")


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
    app.add_typer(export_app, name="export")


def _paper(value: str) -> Paper:
    if value == "a4":
        return "a4"
    if value == "letter":
        return "letter"
    raise InputError(f"--paper {value!r}: use a4 or letter")


def _summary(report: Report, written: list[Path]) -> dict[str, Any]:
    return {
        "kind": report.kind,
        "title": report.title,
        "period": report.period,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "sections": [
            {"id": s.id, "title": s.title, "light": s.light, "has_data": s.has_data}
            for s in report.sections
        ],
        "batches": [b.model_dump() for b in report.batches],
        "methodology": report.methodology,
        "lake_version": report.lake_version,
        "written": [str(p) for p in written],
    }


def _emit(
    report: Report,
    pdf: Path | None,
    html: Path | None,
    paper: str,
    as_json: bool,
    *,
    base_url: str | None,
) -> None:
    """Write the files asked for; their links to the app start with ``base_url``."""
    size = _paper(paper)
    written = [
        services.save_report(
            report,
            path if path.suffix.lower() == suffix else path.with_suffix(suffix),
            paper=size,
            base_url=base_url,
        )
        for path, suffix in ((pdf, ".pdf"), (html, ".html"))
        if path is not None
    ]
    data = _summary(report, written)
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{report.title}[/bold] · {report.period}")
    print_table("Sections", data["sections"], ["title", "light", "has_data"])
    console.print(f"{len(report.batches)} data batches used")
    for path in written:
        console.print(f"wrote {path}")
    if not written:
        console.print("[dim]Nothing written: add --pdf FILE and/or --html FILE.[/dim]")


@report_app.command("qbr")
def qbr(
    ctx: typer.Context,
    engagement: Annotated[str, typer.Option(help="Engagement id.")],
    quarter: Annotated[str, QuarterOption],
    pdf: Annotated[Path | None, PdfOption] = None,
    html: Annotated[Path | None, HtmlOption] = None,
    paper: Annotated[str, PaperOption] = "a4",
    as_of: Annotated[str | None, AsOfOption] = None,
    as_json: bool = JsonOption,
) -> None:
    """Quarterly business review of one engagement (``--as-of``: from the lake as it was)."""
    ws = pin_lake(state(ctx).workspace(), as_of)
    report = services.qbr_report(ws, engagement_id=engagement, quarter=quarter)
    _emit(report, pdf, html, paper, as_json, base_url=ws.settings.known_base_url)


@report_app.command("board")
def board(
    ctx: typer.Context,
    quarter: Annotated[str, QuarterOption],
    pdf: Annotated[Path | None, PdfOption] = None,
    html: Annotated[Path | None, HtmlOption] = None,
    paper: Annotated[str, PaperOption] = "a4",
    tco_scenario: Annotated[
        Path | None, typer.Option(help="Cost scenario YAML (default: the packaged demo one).")
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Portfolio board pack: engagements side by side, vendors, TCO, top risks."""
    ws = state(ctx).workspace()
    report = services.board_report(ws, quarter=quarter, tco_scenario=tco_scenario)
    _emit(report, pdf, html, paper, as_json, base_url=ws.settings.known_base_url)


@report_app.command("esg")
def esg(
    ctx: typer.Context,
    vendor: Annotated[str, typer.Option(help="Vendor id.")],
    year: Annotated[int | None, typer.Option(help="Calendar year, e.g. 2026.")] = None,
    period: Annotated[str | None, PeriodOption] = None,
    pdf: Annotated[Path | None, PdfOption] = None,
    html: Annotated[Path | None, HtmlOption] = None,
    paper: Annotated[str, PaperOption] = "a4",
    as_json: bool = JsonOption,
) -> None:
    """ESG summary of one vendor: labour measured, environment declared, evidence status."""
    if (year is None) == (period is None):
        raise InputError("give either --year YYYY or --period ... (one of them)")
    ws = state(ctx).workspace()
    report = services.esg_report(ws, vendor_id=vendor, period=period or str(year))
    _emit(report, pdf, html, paper, as_json, base_url=ws.settings.known_base_url)


def _xlsx(out: Path) -> Path:
    if out.suffix.lower() != ".xlsx":
        raise InputError(f"--out {out}: the file name must end in .xlsx")
    return out


def _date(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{flag} {value!r} is not a date: use YYYY-MM-DD") from None


@export_app.command("kpis")
def export_kpis(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option(help="Excel file to write (.xlsx).")],
    engagement: Annotated[str | None, typer.Option(help="Engagement id (default: all).")] = None,
    by: Annotated[
        str, typer.Option(help="Comma-separated grouping, e.g. month,channel.")
    ] = "month",
    start: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD.")] = None,
    as_json: bool = JsonOption,
) -> None:
    """KPIs per group into an Excel workbook (formula injection neutralised)."""
    table = services.kpi_table(
        state(ctx).workspace(),
        engagement_id=engagement,
        by=[b.strip() for b in by.split(",") if b.strip()],
        start=_date(start, "--start"),
        end=_date(end, "--end"),
    )
    path = services.export_tables([table], _xlsx(out))
    _done(path, len(table.rows), as_json)


@export_app.command("findings")
def export_findings(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option(help="Excel file to write (.xlsx).")],
    engagement: Annotated[str | None, typer.Option(help="Only this engagement.")] = None,
    status: Annotated[
        str | None,
        typer.Option(help="open, action_planned, awaiting_verification, closed, active, overdue."),
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """The findings register into an Excel workbook (formula injection neutralised)."""
    table = services.findings_table(state(ctx).workspace(), engagement_id=engagement, status=status)
    path = services.export_tables([table], _xlsx(out))
    _done(path, len(table.rows), as_json)


def _done(path: Path, rows: int, as_json: bool) -> None:
    if as_json:
        print_json({"out": str(path), "rows": rows})
    else:
        console.print(f"wrote {rows} rows to {path}")
