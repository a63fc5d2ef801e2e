"""QBR sections on the findings register and audits, and the register rows reports share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from fairshore.governance.model import SEVERITY_RANK, FindingRecord
from fairshore.metrics.periods import Period
from fairshore.reporting.figures import (
    figure,
    findings_light,
)
from fairshore.reporting.model import Block, Light, Note, Section, Table
from fairshore.reporting.qbr_inputs import QbrInputs
from fairshore.reporting.timeline import (
    closed_between,
    finding_span,
    is_dated,
    open_at,
    raised_between,
)


def _finding_rows(records: list[FindingRecord]) -> list[list[Any]]:
    ordered = sorted(records, key=lambda r: (-SEVERITY_RANK[r.finding.severity], r.id))
    return [
        [
            r.id,
            r.finding.severity,
            r.finding.source,
            r.finding.title,
            r.display_status.replace("_", " "),
            r.owner,
            r.due_on.isoformat(),
            r.corrective_action,
        ]
        for r in ordered
    ]


FINDING_COLUMNS = ["id", "severity", "source", "title", "status", "owner", "due", "action"]


@dataclass(frozen=True)
class QuarterFindings:
    """The register as it stood for a quarter (what the tests compare)."""

    raised: list[FindingRecord]
    open_at_end: list[FindingRecord]
    closed: list[FindingRecord]

    @property
    def shown(self) -> list[FindingRecord]:
        """Every finding of the quarter once: raised, open at the end, or closed in it."""
        seen: dict[int, FindingRecord] = {}
        for r in [*self.raised, *self.open_at_end, *self.closed]:
            seen.setdefault(r.id, r)
        return list(seen.values())


def quarter_findings(records: list[FindingRecord], quarter: Period) -> QuarterFindings:
    """Findings raised in the quarter, open at its end, and closed in it."""
    return QuarterFindings(
        raised=[r for r in records if raised_between(r, quarter.start, quarter.last_day)],
        open_at_end=[r for r in records if open_at(r, quarter.last_day)],
        closed=[r for r in records if closed_between(r, quarter.start, quarter.last_day)],
    )


def _period_text(r: FindingRecord) -> str:
    if r.finding.period:
        return r.finding.period
    span = finding_span(r)
    if span is None or not is_dated(r):
        return "undated (all data)"
    return span[0].isoformat()


def _role(r: FindingRecord, qf: QuarterFindings) -> str:
    parts = []
    if any(x.id == r.id for x in qf.raised):
        parts.append("raised")
    if any(x.id == r.id for x in qf.open_at_end):
        parts.append("open at end")
    if any(x.id == r.id for x in qf.closed):
        parts.append("closed")
    return ", ".join(parts)


def findings_section(inputs: QbrInputs) -> Section:
    """Findings of the quarter (raised, open at its end, closed) and corrective actions."""
    q = inputs.quarter
    qf = quarter_findings(inputs.findings, q)
    active = qf.open_at_end
    light = findings_light(active)
    overdue = [r for r in active if r.overdue]
    blocks: list[Block] = [
        figure("Raised in the quarter", float(len(qf.raised)), str(len(qf.raised)), "green"),
        figure(
            "Open at quarter end",
            float(len(active)),
            str(len(active)),
            light,
            f"as of {q.last_day.isoformat()}",
        ),
        figure("Overdue", float(len(overdue)), str(len(overdue)), "red" if overdue else "green"),
        figure("Closed in the quarter", float(len(qf.closed)), str(len(qf.closed)), "green"),
    ]
    shown = qf.shown
    if shown:
        ordered = sorted(shown, key=lambda r: (-SEVERITY_RANK[r.finding.severity], r.id))
        blocks.append(
            Table(
                title=f"Findings of {q.label}",
                columns=["id", "severity", "source", "title", "period or date", "in the quarter"],
                rows=[
                    [
                        r.id,
                        r.finding.severity,
                        r.finding.source,
                        r.finding.title,
                        _period_text(r),
                        _role(r, qf),
                    ]
                    for r in ordered
                ],
            )
        )
        blocks.append(
            Table(
                title="Corrective actions",
                columns=["id", "title", "action", "owner", "verification", "due", "status"],
                rows=[
                    [
                        r.id,
                        r.finding.title,
                        r.corrective_action or "not yet planned",
                        r.owner or "unassigned",
                        r.verification_method or "—",
                        r.due_on.isoformat(),
                        r.display_status.replace("_", " "),
                    ]
                    for r in ordered
                    if r.status != "closed" or any(x.id == r.id for x in qf.closed)
                ],
                caption=f"Status and overdue as of {q.last_day.isoformat()}; an action is overdue "
                "when its finding is still open after the due date.",
            )
        )
    else:
        blocks.append(Note(text=f"No finding was raised, open or closed in {q.label}."))
    return Section(
        id="findings", title="Findings and corrective actions", light=light, blocks=blocks
    )


def audit_section(inputs: QbrInputs) -> Section:
    """The audits on record and their nonconformities still open."""
    if not inputs.audits:
        return Section(
            id="audit",
            title="Audit status",
            light="amber",
            blocks=[
                Note(
                    text="No audit of this engagement is on record: plan one "
                    "(`fairshore audit plan`).",
                    kind="warning",
                )
            ],
        )
    rows = [
        [
            a.audited_on.isoformat(),
            a.auditor,
            a.scope,
            a.method,
            len(a.nonconformities),
            sum(1 for n in a.nonconformities if not n.closed),
        ]
        for a in sorted(inputs.audits, key=lambda a: a.audited_on, reverse=True)
    ]
    open_ncs = sum(1 for a in inputs.audits for n in a.nonconformities if not n.closed)
    light: Light = "amber" if open_ncs else "green"
    return Section(
        id="audit",
        title="Audit status",
        light=light,
        blocks=[
            figure("Open nonconformities", float(open_ncs), str(open_ncs), light),
            Table(
                title="Audits",
                columns=["date", "auditor", "scope", "method", "nonconformities", "open"],
                rows=rows,
            ),
        ],
    )


def findings_by_engagement(records: list[FindingRecord]) -> dict[str | None, list[FindingRecord]]:
    """Register records grouped by engagement."""
    out: dict[str | None, list[FindingRecord]] = defaultdict(list)
    for r in records:
        out[r.finding.engagement_id].append(r)
    return out
