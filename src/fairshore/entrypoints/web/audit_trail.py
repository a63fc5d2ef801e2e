"""Every change and every data export made through the web lands in the audit log.

Routes call ``log_change`` after a change succeeded, and return downloads through
``audited_download`` (which logs the export before handing the bytes over). The log
is the hash-chained ``audit_log`` of ``accounts.services.log_event``.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response

from fairshore.accounts import services as accounts
from fairshore.accounts.model import Principal
from fairshore.bootstrap import Workspace
from fairshore.entrypoints.web.intake import safe_filename

MEDIA_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".json": "application/json",
}


def log_change(ws: Workspace, who: Principal, action: str, target: str, **details: Any) -> None:
    """Append one change made by ``who`` to the audit log."""
    accounts.log_event(
        ws,
        actor=who.email,
        action=action,
        target=target,
        details={k: v for k, v in details.items() if v is not None},
        organisation_id=who.organisation_id,
    )


def audited_download(
    ws: Workspace, who: Principal, content: bytes, *, filename: str, target: str, **details: Any
) -> Response:
    """A file download, logged as an ``export`` of ``target`` before it is sent."""
    name = safe_filename(filename)
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    log_change(ws, who, "export", target, filename=name, bytes=len(content), **details)
    return Response(
        content,
        media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"),
        headers={
            "content-disposition": f'attachment; filename="{name}"',
            "cache-control": "no-store",
        },
    )
