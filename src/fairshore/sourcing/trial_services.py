"""Use cases of trial periods (pilots): evaluate the criteria, record the decision."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from fairshore.adapters.db import governance_trials_repository as repo
from fairshore.bootstrap import Workspace
from fairshore.contracts.model import ServiceTerm
from fairshore.engagements.services import get_engagement
from fairshore.errors import InputError
from fairshore.metrics.model import KpiOptions, KpiRow
from fairshore.metrics.services import compute_kpis
from fairshore.sourcing.trials import (
    Pilot,
    TrialDecision,
    TrialResult,
    check_decision,
    judge_pilot,
    parse_pilot,
)


def read_pilot(path: Path) -> tuple[Pilot, str]:
    """Read and validate a pilot file; return it with the sha256 of its text."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read pilot file {path}: {exc}") from None
    return parse_pilot(text, source=path.name), hashlib.sha256(text.encode()).hexdigest()


def _measure(ws: Workspace, pilot: Pilot) -> dict[str, KpiRow | None]:
    """KPI row per criterion over the pilot window: one query per distinct options + scope.

    Criteria sharing options and scope share a query, as contract terms do
    (``contracts.services._measure_terms``); the window is [start, end + 1 day) in UTC.
    """
    start = datetime.combine(pilot.start, time.min, tzinfo=UTC)
    end = datetime.combine(pilot.end + timedelta(days=1), time.min, tzinfo=UTC)
    groups: list[tuple[tuple[KpiOptions, dict[str, list[str]]], list[ServiceTerm]]] = []
    for term in (*pilot.success, *pilot.exit):
        key = (term.options, term.scope)
        for existing, terms in groups:
            if existing == key:
                terms.append(term)
                break
        else:
            groups.append((key, [term]))
    rows: dict[str, KpiRow | None] = {}
    for (options, scope), terms in groups:
        table = compute_kpis(
            ws,
            engagement_id=pilot.engagement,
            start=start,
            end=end,
            options=options,
            where=scope or None,
        )
        row = table.rows[0] if table.rows else None
        rows |= dict.fromkeys((t.id for t in terms), row)
    return rows


def evaluate_pilot(ws: Workspace, pilot: Pilot) -> TrialResult:
    """Measure and judge every criterion of ``pilot`` over its window."""
    get_engagement(ws, pilot.engagement)
    return judge_pilot(pilot, _measure(ws, pilot))


def evaluate_trial(ws: Workspace, path: Path) -> TrialResult:
    """Evaluate the pilot file at ``path`` (nothing is stored)."""
    return evaluate_pilot(ws, read_pilot(path)[0])


def _decision(row: dict[str, object]) -> TrialDecision:
    at = row["decided_at"]
    if isinstance(at, datetime) and at.tzinfo is None:  # SQLite drops the zone; stored UTC
        row = {**row, "decided_at": at.replace(tzinfo=UTC)}
    return TrialDecision.model_validate(
        {
            "id": row["id"],
            "pilot_id": row["pilot_id"],
            "engagement_id": row["engagement_id"],
            "start": row["pilot_start"],
            "end": row["pilot_end"],
            "outcome": row["outcome"],
            "decision": row["decision"],
            "decided_by": row["decided_by"],
            "decided_at": row["decided_at"],
            "note": row["note"],
            "result": row["figures"],
        }
    )


def decide_trial(
    ws: Workspace,
    path: Path,
    *,
    decision: str,
    decided_by: str,
    note: str | None = None,
    now: datetime | None = None,
) -> TrialDecision:
    """Evaluate the pilot again and record the decision with the figures it rests on.

    A decision that goes against the measured outcome (e.g. ``pass`` when an exit
    criterion was breached) is refused without a note saying why.
    """
    if not decided_by.strip():
        raise InputError("say who decides (--by NAME)")
    pilot, sha = read_pilot(path)
    result = evaluate_pilot(ws, pilot)
    chosen = check_decision(decision, result.outcome, note=note)
    moment = now or datetime.now(UTC)
    values = {
        "engagement_id": pilot.engagement,
        "pilot_id": pilot.id,
        "pilot_start": pilot.start,
        "pilot_end": pilot.end,
        "pilot_sha256": sha,
        "outcome": result.outcome,
        "decision": chosen,
        "decided_by": decided_by.strip(),
        "decided_at": moment,
        "figures": result.model_dump(mode="json"),
        "note": note.strip() if note else None,
    }
    with ws.db.begin() as conn:
        decision_id = repo.insert_decision(conn, ws.organisation_id, values)
    return _decision({"id": decision_id, **values})


def list_trial_decisions(ws: Workspace, *, engagement_id: str | None = None) -> list[TrialDecision]:
    """Every recorded pilot decision, newest first."""
    with ws.db.begin() as conn:
        rows = repo.list_decisions(conn, ws.organisation_id, engagement_id)
    return [_decision(r) for r in rows]
