"""Uploads: a vendor or analyst sends a vendor file and reads the batch report.

The file goes through ``intake`` (size cap, type allow-list, safe name, private
temporary folder) and then the real ingest (``interactions.services.ingest_files``);
the batch page shows what was read, accepted and quarantined, with each quarantined
row's reason, fifty rows a page.
"""

from __future__ import annotations

import io
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.cells import write_csv
from fairshore.entrypoints.web.audit_trail import audited_download, log_change
from fairshore.entrypoints.web.deps import (
    require,
    tenant,
    visible_batch,
    visible_engagement,
    workspace,
)
from fairshore.entrypoints.web.intake import (
    ANY_DATA,
    FORMAT_SUFFIXES,
    MAPPING_SUFFIXES,
    MAX_FILES,
    UPLOAD_MAX_BYTES,
    save_upload,
    scratch_folder,
)
from fairshore.entrypoints.web.pages import render, visible_engagements
from fairshore.errors import IngestError, InputError, NotFoundError
from fairshore.interactions import services as ingest
from fairshore.interactions.model import BatchReport
from fairshore.interactions.schema import TABLES

router = APIRouter()
WS = Annotated[Workspace, Depends(workspace)]
Reader = Annotated[Principal, Depends(require("read"))]
Uploader = Annotated[Principal, Depends(require("upload"))]
PAGE_ROWS = 50
CSV_MAX_ROWS = 100_000
MAPPED_FORMATS = ("acd", "zendesk", "zendesk-talk", "freshdesk")


def shipped_mappings() -> list[str]:
    """Names of the mappings that ship with Fairshore (``anonbank`` ...)."""
    folder = resources.files("fairshore.interactions.mappings")
    return sorted(p.name.rsplit(".", 1)[0] for p in folder.iterdir() if p.name.endswith(".yaml"))


def ingest_upload(
    ws: Workspace,
    who: Principal,
    *,
    engagement_id: str,
    table: str,
    format: str | None,
    mapping_name: str | None,
    mapping_file: UploadFile | None,
    files: list[UploadFile],
) -> BatchReport:
    """Check the sent files, ingest them as one batch, and log the upload."""
    visible_engagement(ws, who, engagement_id)
    if table not in TABLES:
        raise InputError(f"unknown table {table!r}; choose one of: {', '.join(TABLES)}")
    if format is not None and format not in FORMAT_SUFFIXES:
        raise InputError(f"unknown format {format!r}; choose one of: {', '.join(FORMAT_SUFFIXES)}")
    files = [f for f in files if f.filename]
    if not files:
        raise InputError("choose at least one file to upload")
    if len(files) > MAX_FILES:
        raise InputError(f"send at most {MAX_FILES} files in one batch")
    has_mapping_file = mapping_file is not None and bool(mapping_file.filename)
    if mapping_name and mapping_name not in shipped_mappings():
        raise InputError(f"unknown mapping {mapping_name!r}; upload it as a YAML file instead")
    if (mapping_name or has_mapping_file) and format not in (*MAPPED_FORMATS, None):
        raise InputError(f"a mapping is used only with {', '.join(MAPPED_FORMATS)} files")
    allowed = FORMAT_SUFFIXES[format] if format else ANY_DATA
    with scratch_folder(ws.folder("uploads")) as folder:
        paths = [
            save_upload(f.file, f.filename, folder, allowed=allowed, max_bytes=UPLOAD_MAX_BYTES)
            for f in files
        ]
        mapping: str | None = mapping_name or None
        if has_mapping_file:
            assert mapping_file is not None
            (folder / "mapping").mkdir()
            mapping = str(
                save_upload(
                    mapping_file.file,
                    mapping_file.filename,
                    folder / "mapping",
                    allowed=MAPPING_SUFFIXES,
                    max_bytes=1024 * 1024,
                )
            )
        report = ingest.ingest_files(
            tenant(ws, who),
            table=table,
            paths=paths,
            engagement_id=engagement_id,
            format=format,
            mapping=mapping,
            max_rows=ws.settings.upload_max_rows,
        )
    log_change(
        ws,
        who,
        "upload.ingest",
        f"batch:{report.batch_id}",
        engagement_id=engagement_id,
        table=table,
        format=report.format,
        status=report.status,
        files=report.files,
        rows_read=report.rows_read,
        rows_accepted=report.rows_accepted,
        rows_quarantined=report.rows_quarantined,
    )
    return report


def _form(request: Request, ws: Workspace, who: Principal, **extra: object) -> HTMLResponse:
    view = tenant(ws, who)
    engagements = visible_engagements(ws, who)
    ids = {e.id for e in engagements}
    batches = [b for b in ingest.list_batches(view) if b.engagement_id in ids][:20]
    context: dict[str, object] = {
        "engagements": engagements,
        "tables": list(TABLES),
        "formats": list(FORMAT_SUFFIXES),
        "mappings": shipped_mappings(),
        "batches": batches,
        "max_mb": UPLOAD_MAX_BYTES // (1024 * 1024),
        "accept": ",".join(ANY_DATA),
        "error": None,
        "chosen": {},
    }
    return render(request, "uploads.html", who, **(context | extra))


@router.get("/uploads", response_class=HTMLResponse)
def uploads_page(request: Request, ws: WS, who: Uploader) -> Response:
    return _form(request, ws, who)


@router.post("/uploads", response_class=HTMLResponse)
def upload(
    request: Request,
    ws: WS,
    who: Uploader,
    engagement_id: Annotated[str, Form(max_length=64)],
    table: Annotated[str, Form(max_length=40)],
    files: Annotated[list[UploadFile], File()],
    format: Annotated[str, Form(max_length=20)] = "",
    mapping_name: Annotated[str, Form(max_length=60)] = "",
    mapping_file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    htmx = request.headers.get("hx-request") == "true"
    try:
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
    except NotFoundError:
        raise
    except (InputError, IngestError) as exc:
        chosen = {"engagement_id": engagement_id, "table": table, "format": format}
        response = _form(request, ws, who, error=str(exc), chosen=chosen)
        response.status_code = 200 if htmx else 422  # htmx swaps only 2xx answers
        return response
    suffix = "?duplicate=1" if report.status == "duplicate" else ""
    target = f"/uploads/batches/{report.batch_id}{suffix}"
    if htmx:  # the page showed progress while the file went up; now go to the report
        return Response(status_code=200, headers={"hx-redirect": target})
    return RedirectResponse(target, status_code=303)


@router.get("/uploads/batches/{batch_id}", response_class=HTMLResponse)
def batch_page(
    request: Request, batch_id: str, ws: WS, who: Reader, page: int = 1, duplicate: int = 0
) -> Response:
    page = max(1, min(page, 10_000))
    detail = visible_batch(ws, who, batch_id, limit=page * PAGE_ROWS)
    rows = detail.quarantine[(page - 1) * PAGE_ROWS :]
    pages = max(1, -(-detail.quarantine_total // PAGE_ROWS))
    return render(
        request,
        "batch.html",
        who,
        report=detail.report,
        rows=rows,
        total=detail.quarantine_total,
        page=page,
        pages=pages,
        first_row=(page - 1) * PAGE_ROWS + 1,
        duplicate=bool(duplicate),
    )


@router.get("/uploads/batches/{batch_id}/quarantine.csv")
def quarantine_csv(
    batch_id: str, ws: WS, who: Annotated[Principal, Depends(require("export"))]
) -> Response:
    detail = visible_batch(ws, who, batch_id, limit=CSV_MAX_ROWS)
    columns = sorted({k for r in detail.quarantine for k in r.values})
    out = io.StringIO()
    write_csv(  # the vendor's own cells, as sent: a spreadsheet must not run them
        out,
        ["row", "reason", "detail", *columns],
        (
            [r.row, r.reason, r.detail, *(r.values.get(c) for c in columns)]
            for r in detail.quarantine
        ),
    )
    return audited_download(
        ws,
        who,
        out.getvalue().encode("utf-8"),
        filename=f"{batch_id}-quarantine.csv",
        target=f"batch:{batch_id}",
        rows=len(detail.quarantine),
    )
