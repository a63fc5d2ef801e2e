"""Use cases: the spreadsheet exports (``fairshore export``): register and KPI tables."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from fairshore.bootstrap import Workspace
from fairshore.governance.model import SEVERITY_RANK, FindingRecord
from fairshore.governance.services import list_findings
from fairshore.metrics.services import compute_kpis
from fairshore.reporting import qbr
from fairshore.reporting.excel import write_workbook
from fairshore.reporting.model import Table


def _utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def findings_table(
    ws: Workspace, *, engagement_id: str | None = None, status: str | None = None
) -> Table:
    """The findings register as a table (what ``fairshore export findings`` writes): one
    row per condition, with the periods it was seen in and its credits over them."""
    records = list_findings(ws, engagement_id=engagement_id, status=status)
    return register_table(sorted(records, key=lambda r: (-SEVERITY_RANK[r.finding.severity], r.id)))


def register_table(records: list[FindingRecord]) -> Table:
    """Findings as a table in the order given (a register view exports what it shows)."""
    return Table(
        title="Findings",
        columns=["engagement", *qbr.FINDING_COLUMNS, "periods", "occurrences", "credit", "detail"],
        rows=[
            [
                r.finding.engagement_id,
                *row,
                ", ".join(r.periods) or r.finding.period,
                len(r.occurrences),
                r.credit,
                r.finding.detail,
            ]
            for r in records
            for row in qbr._finding_rows([r])
        ],
    )


def kpi_table(
    ws: Workspace,
    *,
    engagement_id: str | None = None,
    by: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Table:
    """KPIs per group as a table (what ``fairshore export kpis`` writes)."""
    table = compute_kpis(
        ws,
        engagement_id=engagement_id,
        by=by or ["month"],
        start=_utc(start) if start else None,
        end=_utc(end + timedelta(days=1)) if end else None,
    )
    records = [row.flat() for row in table.rows]
    columns = list(records[0]) if records else ["engagement_id"]
    return Table(
        title="KPIs",
        columns=columns,
        rows=[[_plain(rec.get(c)) for c in columns] for rec in records],
    )


def _plain(value: object) -> str | int | float | None:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def export_tables(tables: list[Table], path: Path) -> Path:
    """Write tables to an Excel workbook, one sheet each, formula injection neutralised."""
    return write_workbook(tables, path)
