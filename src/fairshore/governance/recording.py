"""The one road into the findings register: ``record_findings``.

Every detector (contract evaluation, parity, welfare and pay, staffing, privacy,
QA, vetting, certificates, worker voice, audits) returns ``Finding`` candidates; the
CLI, the web, scheduled runs and the demo hand them to ``record_findings``, and
nothing else writes findings. One condition is one finding: the candidate's ``key``
names the condition (engagement and measure, never the month), and each sighting is
kept as an occurrence (its period, the capability that saw it, the value and credit
measured then). Recording is idempotent: the same evaluation recorded twice changes
nothing but the time it was last seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fairshore.adapters.db import governance_repository as repo
from fairshore.adapters.db import owners_repository
from fairshore.bootstrap import Workspace
from fairshore.governance.model import Finding
from fairshore.governance.workflow import default_due_on, more_severe

SYSTEM = "fairshore"


@dataclass(frozen=True)
class RecordOutcome:
    """What recording a batch of detected findings did, by finding id.

    ``opened``: new conditions; ``reopened``: closed conditions that came back;
    ``updated``: active findings with a new or refreshed occurrence.
    """

    opened: list[int]
    updated: list[int]
    reopened: list[int] = field(default_factory=list)

    @property
    def findings(self) -> list[int]:
        """Every finding the batch touched, once each."""
        return list(dict.fromkeys([*self.opened, *self.reopened, *self.updated]))


def record_findings(
    ws: Workspace, detected: Iterable[Finding], *, now: datetime | None = None
) -> RecordOutcome:
    """Store detected conditions: open, attach an occurrence to, or re-open their finding.

    A closed finding re-opens (history ``reopened``) when its condition comes back in a
    period it was not seen in before, or, for a condition without periods, when it is
    seen again after the closing date; recording an old period again does not re-open.
    """
    now = now or datetime.now(UTC)
    opened: list[int] = []
    updated: list[int] = []
    reopened: list[int] = []
    with ws.db.begin() as conn:
        for finding in detected:
            row = repo.finding_by_key(conn, ws.organisation_id, finding.key)
            if row is None:
                opened.append(_open(conn, ws.organisation_id, finding, now=now))
            elif row["status"] == "closed":
                if _comes_back(conn, row, finding):
                    _reopen(conn, row, finding, now=now)
                    reopened.append(row["id"])
                else:  # an old period seen again: keep its figures fresh, nothing else
                    repo.upsert_occurrence(conn, row["id"], finding, now=now)
            else:
                _seen_again(conn, row, finding, now=now)
                updated.append(row["id"])
    return RecordOutcome(
        opened=list(dict.fromkeys(opened)),
        updated=[i for i in dict.fromkeys(updated) if i not in opened and i not in reopened],
        reopened=reopened,
    )


def _open(conn: repo.Connection, organisation_id: str, finding: Finding, *, now: datetime) -> int:
    due = default_due_on(finding.severity, opened_on=now.date())
    fid = repo.insert_finding(conn, organisation_id, finding, due_on=due, now=now)
    repo.upsert_occurrence(conn, fid, finding, now=now)
    changes = {"severity": finding.severity, "period": finding.period}
    owner = finding.engagement_id and owners_repository.default_owner(
        conn, organisation_id, finding.engagement_id
    )
    if owner:  # the engagement's default owner owns its new findings
        owners_repository.set_assignee(conn, fid, owner)
        changes["assignee"] = owner
    repo.add_history(conn, fid, at=now, actor=SYSTEM, event="opened", changes=changes)
    return fid


def _comes_back(conn: repo.Connection, row: dict[str, Any], finding: Finding) -> bool:
    if finding.period is not None:
        return not repo.occurrence_seen(
            conn, row["id"], period=finding.period, source=finding.source
        )
    closed_at = row["closed_at"]
    return (
        finding.observed_on is None or closed_at is None or finding.observed_on > closed_at.date()
    )


def _reopen(conn: repo.Connection, row: dict[str, Any], finding: Finding, *, now: datetime) -> None:
    values = _latest(row, finding) | {
        "status": "open",
        "severity": finding.severity,
        "due_on": default_due_on(finding.severity, opened_on=now.date()),
        "closed_at": None,
        "verification_method": None,
        "times_seen": row["times_seen"] + 1,
        "last_seen_at": now,
    }
    repo.update_finding_row(conn, row["id"], values)
    repo.upsert_occurrence(conn, row["id"], finding, now=now)
    changes = {"status": "open", "severity": finding.severity, "period": finding.period}
    repo.add_history(conn, row["id"], at=now, actor=SYSTEM, event="reopened", changes=changes)


def _seen_again(
    conn: repo.Connection, row: dict[str, Any], finding: Finding, *, now: datetime
) -> None:
    severity = more_severe(row["severity"], finding.severity)
    values = _latest(row, finding) | {
        "times_seen": row["times_seen"] + 1,
        "last_seen_at": now,
        "severity": severity,
    }
    repo.update_finding_row(conn, row["id"], values)
    new = repo.upsert_occurrence(conn, row["id"], finding, now=now)
    changes: dict[str, object] = {"severity": severity} if severity != row["severity"] else {}
    if new and finding.period is not None:
        changes["period"] = finding.period
    if new or changes:  # the same evaluation recorded twice leaves no trace
        repo.add_history(conn, row["id"], at=now, actor=SYSTEM, event="seen_again", changes=changes)


def _latest(row: dict[str, Any], finding: Finding) -> dict[str, Any]:
    """Title, detail, evidence and period of the newest sighting by the finding's own
    capability; an older period or another capability's view only adds an occurrence."""
    if finding.source != row["source"]:
        return {}
    if finding.period is not None and row["period"] and finding.period < row["period"]:
        return {}
    return {
        "title": finding.title,
        "detail": finding.detail,
        "evidence": finding.model_dump(mode="json")["evidence"],
        "period": finding.period,
    }
