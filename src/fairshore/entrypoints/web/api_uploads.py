"""``/api/v1/uploads``: vendors' automated uploads (API tokens with the ``upload`` scope)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import BaseModel

from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.deps import require, visible_batch, workspace
from fairshore.entrypoints.web.pages_uploads import PAGE_ROWS, ingest_upload
from fairshore.interactions.model import BatchDetail

router = APIRouter(prefix="/api/v1", tags=["uploads"])
WS = Annotated[Workspace, Depends(workspace)]


class QuarantinedRowPublic(BaseModel):
    row: int
    reason: str
    detail: str | None
    values: dict[str, str | None]


class BatchReportPublic(BaseModel):
    batch_id: str
    status: str
    engagement_id: str
    table: str
    format: str | None
    files: list[str]
    rows_read: int
    rows_accepted: int
    rows_quarantined: int
    reasons: dict[str, int]
    warnings: dict[str, int]
    time_min: datetime | None
    time_max: datetime | None
    error: str | None
    quarantine: list[QuarantinedRowPublic]
    quarantine_total: int


def _public(detail: BatchDetail) -> BatchReportPublic:
    report = detail.report
    return BatchReportPublic(
        **report.model_dump(
            include={
                "batch_id",
                "status",
                "engagement_id",
                "table",
                "format",
                "files",
                "rows_read",
                "rows_accepted",
                "rows_quarantined",
                "reasons",
                "warnings",
                "time_min",
                "time_max",
                "error",
            }
        ),
        quarantine=[QuarantinedRowPublic(**r.model_dump()) for r in detail.quarantine],
        quarantine_total=detail.quarantine_total,
    )


@router.post("/uploads", response_model=BatchReportPublic, status_code=201)
def api_upload(
    ws: WS,
    who: Annotated[Principal, Depends(require("upload"))],
    engagement_id: Annotated[str, Form(max_length=64)],
    table: Annotated[str, Form(max_length=40)],
    files: Annotated[list[UploadFile], File()],
    format: Annotated[str | None, Form(max_length=20)] = None,
    mapping_name: Annotated[str | None, Form(max_length=60)] = None,
    mapping_file: Annotated[UploadFile | None, File()] = None,
) -> BatchReportPublic:
    """Ingest one batch (one or more files) and return its report with the first
    quarantined rows; ``status`` is ``accepted``, ``duplicate`` or ``rejected``."""
    report = ingest_upload(
        ws,
        who,
        engagement_id=engagement_id,
        table=table,
        format=format or None,
        mapping_name=mapping_name or None,
        mapping_file=mapping_file,
        files=files,
    )
    return _public(visible_batch(ws, who, report.batch_id, limit=PAGE_ROWS))


@router.get("/uploads/{batch_id}", response_model=BatchReportPublic)
def api_batch(
    batch_id: str, ws: WS, who: Annotated[Principal, Depends(require("read"))]
) -> BatchReportPublic:
    """A batch's report with its first quarantined rows."""
    return _public(visible_batch(ws, who, batch_id, limit=PAGE_ROWS))
