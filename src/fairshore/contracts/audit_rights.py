"""The ``audit_rights`` clause provider: the audit register's requests, month by month.

A request belongs to the month notice was given (``requested_on``) and is judged by
``governance.audit_access`` with the notice days of the contract in effect then, as of
the workspace's today (a request still unanswered after its due day is late, whenever
it was made). The clause's value is the share of the month's answered requests the
vendor gave access to in time (1.0 = complied); refused and late ones are its evidence.

A month without a request is met with sample 0: the right was not exercised, so the
vendor cannot have denied it, as a month without a breach incident meets the
notification clause. A month whose only requests are not yet due has no verdict
(insufficient data).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from fairshore.contracts.model import EVIDENCE_ROWS, ClauseMeasurement, EvidenceRow
from fairshore.contracts.services import clauses_in_effect
from fairshore.governance.audit_access import AccessVerdict, access_verdict
from fairshore.governance.model import AuditRequest
from fairshore.governance.services import list_audit_requests

if TYPE_CHECKING:
    from fairshore.bootstrap import Workspace

Span = tuple[date, date]


def measure_audit_rights(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """``audit_rights`` over days [start, end]: share of requests given access in time."""
    return measure_audit_rights_periods(ws, engagement_id, [(start, end)])[0]


def measure_audit_rights_periods(
    ws: Workspace, engagement_id: str, spans: Sequence[Span]
) -> list[ClauseMeasurement | None]:
    """:func:`measure_audit_rights` of each span, in the order given (the register read once)."""
    if not spans:
        return []
    requests = list_audit_requests(ws, engagement_id)
    today = ws.today()
    out: list[ClauseMeasurement | None] = []
    for (start, end), clauses in zip(
        spans, clauses_in_effect(ws, engagement_id, spans), strict=True
    ):
        rights = clauses.audit_rights if clauses else None
        if rights is None or not rights.allowed:
            out.append(None)
            continue
        mine = [r for r in requests if start <= r.requested_on <= end]
        out.append(audit_rights_measurement(mine, notice_days=rights.notice_days, as_of=today))
    return out


def audit_rights_measurement(
    requests: Sequence[AuditRequest], *, notice_days: int, as_of: date
) -> ClauseMeasurement:
    """``audit_rights`` of one period's requests (see the module's rules)."""
    if not requests:
        return ClauseMeasurement(
            value=1.0, sample_size=0, detail="no audit request in the period: nothing refused"
        )
    verdicts = [access_verdict(r, notice_days=notice_days, as_of=as_of) for r in requests]
    judged = [v for v in verdicts if v.kept is not None]
    pending = [v for v in verdicts if v.kept is None]
    waiting = ", ".join(f"#{v.request.id} due {v.due_on}" for v in pending)
    if not judged:
        return ClauseMeasurement(
            value=None,
            sample_size=0,
            detail=f"{len(pending)} request(s) awaiting access ({waiting})",
            insufficient="no request due yet",
        )
    kept = [v for v in judged if v.kept]
    broken = [v for v in judged if not v.kept]
    detail = f"{len(kept)} of {len(judged)} audit request(s) given access within {notice_days} days"
    if broken:
        detail += "; " + ", ".join(f"#{v.request.id} {v.outcome}" for v in broken)
    if pending:
        detail += f"; {len(pending)} awaiting access ({waiting})"
    return ClauseMeasurement(
        value=len(kept) / len(judged),
        sample_size=len(judged),
        detail=detail,
        evidence=tuple(_row(v) for v in broken[:EVIDENCE_ROWS]),
    )


def _row(v: AccessVerdict) -> EvidenceRow:
    r = v.request
    return {
        "request_id": r.id,
        "requested_on": r.requested_on.isoformat(),
        "audit_from": r.audit_from.isoformat() if r.audit_from else None,
        "due_on": v.due_on.isoformat(),
        "access": r.access,
        "decided_on": r.decided_on.isoformat() if r.decided_on else None,
        "days_to_grant": v.days_to_grant,
        "outcome": v.outcome,
        "note": r.note,
    }
