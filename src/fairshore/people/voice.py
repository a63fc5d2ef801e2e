"""The worker voice: anonymous grievances, their workflow, deadlines and safe aggregates.

Anonymity by construction: a grievance holds a category, free text, an optional site
and dates (never a time of day); no name, account, IP address or device. The reporter
gets a receipt code of 160 random bits; only its SHA-256 digest is stored. A fast
unsalted digest is safe here because the code is a random secret, not a password
(nothing to guess from), and it lets the case be found by an indexed lookup; a salted
argon2 hash would force comparing the code with every stored case.

Workflow: received -> acknowledged -> investigating -> resolved, each step once and
in order. The vendor must acknowledge within 2 days for harassment, retaliation,
discrimination and health and safety, 7 days otherwise, and resolve within 30 days;
a case not acknowledged in time escalates to the client as a finding.

Aggregates show no group of fewer than 5 reports (k-anonymity): small groups are
pooled into one unnamed row, shown only when the pool reaches 5, and the total is
hidden whenever subtracting the shown groups would reveal a pool under 5.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fairshore.errors import GovernanceError, InputError
from fairshore.governance.model import Finding

Category = Literal[
    "pay",
    "hours",
    "harassment",
    "health_and_safety",
    "abusive_customers",
    "retaliation",
    "discrimination",
    "other",
]
CATEGORIES: tuple[Category, ...] = (
    "pay",
    "hours",
    "harassment",
    "health_and_safety",
    "abusive_customers",
    "retaliation",
    "discrimination",
    "other",
)
Status = Literal["received", "acknowledged", "investigating", "resolved"]
STATUSES: tuple[Status, ...] = ("received", "acknowledged", "investigating", "resolved")
NEXT: dict[Status, Status] = {
    "received": "acknowledged",
    "acknowledged": "investigating",
    "investigating": "resolved",
}
Author = Literal["vendor", "client", "reporter"]

URGENT: frozenset[str] = frozenset(
    {"harassment", "retaliation", "discrimination", "health_and_safety"}
)
ACK_DAYS_URGENT = 2
ACK_DAYS = 7
RESOLVE_DAYS = 30
K_ANONYMITY = 5
RECEIPT_BYTES = 20  # 160 bits
SUPPRESSED = "groups under 5 reports (pooled)"


class Reply(BaseModel):
    model_config = ConfigDict(frozen=True)

    author: Author
    body: str = Field(min_length=1, max_length=5000)
    written_on: date


class Grievance(BaseModel):
    """An anonymous case; ``id`` is random and is what vendor and client refer to."""

    model_config = ConfigDict(frozen=True)

    id: str
    engagement_id: str
    site_id: str | None
    category: Category
    body: str = Field(min_length=1, max_length=5000)
    status: Status = "received"
    submitted_on: date
    ack_due_on: date
    resolve_due_on: date
    acknowledged_on: date | None = None
    investigating_on: date | None = None
    resolved_on: date | None = None
    escalated_on: date | None = None
    replies: list[Reply] = Field(default_factory=list)


class AggregateRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    group: str
    reports: int | None
    suppressed: bool


class VoiceAggregate(BaseModel):
    """Report counts by one dimension with small groups suppressed."""

    model_config = ConfigDict(frozen=True)

    by: str
    k: int
    total: int | None
    rows: list[AggregateRow]


def new_receipt() -> str:
    """A receipt code: 160 random bits in base32, grouped by four (``ABCD-EFGH-...``)."""
    raw = base64.b32encode(secrets.token_bytes(RECEIPT_BYTES)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def receipt_digest(code: str) -> str:
    """The stored form of a receipt code: SHA-256 of the code without dashes or spaces."""
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(plain.encode("ascii", errors="ignore")).hexdigest()


def new_case_id() -> str:
    return secrets.token_hex(8)


def open_grievance(
    *, engagement_id: str, category: Category, body: str, site_id: str | None, today: date
) -> Grievance:
    """A received grievance with its deadlines."""
    ack = ACK_DAYS_URGENT if category in URGENT else ACK_DAYS
    return Grievance(
        id=new_case_id(),
        engagement_id=engagement_id,
        site_id=site_id,
        category=category,
        body=body.strip(),
        submitted_on=today,
        ack_due_on=today + timedelta(days=ack),
        resolve_due_on=today + timedelta(days=RESOLVE_DAYS),
    )


def advance(case: Grievance, to: Status, *, today: date) -> Grievance:
    """Move a case one step along the workflow; any other move is refused."""
    if NEXT.get(case.status) != to:
        allowed = NEXT.get(case.status)
        hint = f"the next step is {allowed!r}" if allowed else "the case is closed"
        raise GovernanceError(f"case {case.id} cannot go from {case.status!r} to {to!r}: {hint}")
    return case.model_copy(update={"status": to, f"{to}_on": today})


def overdue_findings(case: Grievance, *, today: date) -> list[Finding]:
    """Findings for a case past its deadlines (no text, no site: nothing that identifies)."""
    out = []
    evidence: dict[str, object] = {
        "case_id": case.id,
        "category": case.category,
        "submitted_on": case.submitted_on.isoformat(),
        "status": case.status,
    }
    if case.acknowledged_on is None and today > case.ack_due_on:
        out.append(
            Finding(
                key=f"voice:{case.engagement_id}:{case.id}:unacknowledged",
                source="voice",
                engagement_id=case.engagement_id,
                severity="critical" if case.category in URGENT else "major",
                title=f"Grievance ({case.category}) not acknowledged in time: escalated",
                detail=(
                    f"Due {case.ack_due_on}, still unacknowledged on {today} "
                    f"({(today - case.ack_due_on).days} days late)."
                ),
                evidence=evidence | {"ack_due_on": case.ack_due_on.isoformat()},
                observed_on=today,
            )
        )
    if case.resolved_on is None and today > case.resolve_due_on:
        out.append(
            Finding(
                key=f"voice:{case.engagement_id}:{case.id}:unresolved",
                source="voice",
                engagement_id=case.engagement_id,
                severity="major",
                title=f"Grievance ({case.category}) not resolved in {RESOLVE_DAYS} days",
                detail=f"Due {case.resolve_due_on}, status {case.status!r} on {today}.",
                evidence=evidence | {"resolve_due_on": case.resolve_due_on.isoformat()},
                observed_on=today,
            )
        )
    return out


def aggregate(cases: list[Grievance], *, by: str, k: int = K_ANONYMITY) -> VoiceAggregate:
    """Counts of cases by ``category``, ``status``, ``site`` or ``month``, k-anonymous.

    Groups under ``k`` are pooled into one unnamed row, whose count is shown only when
    the pool itself reaches ``k``; the total is hidden when it would reveal a pool
    under ``k`` by subtraction.
    """
    counts: dict[str, int] = {}
    for case in cases:
        key = _dimension(case, by)
        counts[key] = counts.get(key, 0) + 1
    pooled = sum(n for n in counts.values() if n < k)
    rows = [
        AggregateRow(group=g, reports=n, suppressed=False)
        for g, n in sorted(counts.items())
        if n >= k
    ]
    if pooled:
        rows.append(
            AggregateRow(group=SUPPRESSED, reports=pooled if pooled >= k else None, suppressed=True)
        )
    total = sum(counts.values())
    hide_total = total < k or 0 < pooled < k
    return VoiceAggregate(by=by, k=k, total=None if hide_total else total, rows=rows)


def _dimension(case: Grievance, by: str) -> str:
    if by == "category":
        return case.category
    if by == "status":
        return case.status
    if by == "site":
        return case.site_id or "not given"
    if by == "month":
        return f"{case.submitted_on:%Y-%m}"
    raise InputError(f"cannot group grievances by {by!r}: use category, status, site or month")


CHANNEL_CODE_BYTES = 5  # 40 bits: the code is public (on posters), it only has to be unique


class VoiceChannel(BaseModel):
    """An engagement's public worker-voice channel: its code, opened and closed dates."""

    model_config = ConfigDict(frozen=True)

    code: str
    organisation_id: str
    engagement_id: str
    opened_on: date
    closed_on: date | None = None


def new_channel_code() -> str:
    """A public channel code: 40 random bits in base32 as ``ABCD-EFGH``."""
    raw = base64.b32encode(secrets.token_bytes(CHANNEL_CODE_BYTES)).decode("ascii")
    return f"{raw[:4]}-{raw[4:8]}"


def normalise_channel_code(code: str) -> str:
    """A typed code as stored: upper case, ``ABCD-EFGH`` (spaces and dashes optional)."""
    plain = "".join(ch for ch in code.upper() if ch.isalnum())[:16]
    return f"{plain[:4]}-{plain[4:]}" if len(plain) > 4 else plain
