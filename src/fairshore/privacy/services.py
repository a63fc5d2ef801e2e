"""Use cases of data protection: share, check, redact, incidents, access anomalies."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from fairshore import numbers
from fairshore.adapters.db import privacy_repository as prepo
from fairshore.adapters.db import repositories as repo
from fairshore.bootstrap import Workspace
from fairshore.contracts.model import ClauseMeasurement
from fairshore.contracts.services import contracted_breach_window
from fairshore.errors import InputError, NotFoundError, PrivacyError
from fairshore.governance.model import Finding
from fairshore.interactions.schema import TABLES
from fairshore.metrics.periods import Period
from fairshore.privacy.anomalies import AccessAnomalyDetector
from fairshore.privacy.inbound import check_chunks
from fairshore.privacy.incident_import import parse_incident_fields
from fairshore.privacy.incidents import (
    DEFAULT_VENDOR_WINDOW_HOURS,
    clock_findings,
    incident_clocks,
    notification_delay_hours,
)
from fairshore.privacy.keys import pseudonym_key
from fairshore.privacy.minimisation import Minimiser
from fairshore.privacy.model import (
    AccessFlag,
    AnomalyThresholds,
    CheckReport,
    Incident,
    IncidentFields,
    IncidentStatusView,
    RedactionSummary,
    ShareManifest,
    SharingPolicy,
)
from fairshore.privacy.operators import OperatorParams, operator
from fairshore.privacy.policy import load_policy, policy_sha256
from fairshore.privacy.pseudonyms import PseudonymKey
from fairshore.privacy.redaction import Redactor
from fairshore.privacy.streams import ChunkWriter, read_chunks

Progress = Callable[[int], None]
# Column names whose values are the record's own personal data (known-value redaction).
KNOWN_VALUE_HINTS = ("name", "email", "phone", "account", "customer", "requester", "msisdn")


def workspace_key(ws: Workspace) -> PseudonymKey:
    """The pseudonym key of the workspace."""
    return pseudonym_key(ws.settings)


def _engagement(ws: Workspace, engagement_id: str) -> Any:
    with ws.db.begin() as conn:
        eng = repo.get_engagement(conn, ws.organisation_id, engagement_id)
    if eng is None:
        raise NotFoundError(f"no engagement {engagement_id!r}; see 'fairshore engagement list'")
    return eng


def _policy_for(ws: Workspace, engagement_id: str, policy_path: Path) -> SharingPolicy:
    policy = load_policy(policy_path)
    if policy.engagement_id != engagement_id:
        raise PrivacyError(
            f"the policy {policy_path.name} is for engagement {policy.engagement_id!r}, "
            f"not {engagement_id!r}"
        )
    with ws.db.begin() as conn:
        prepo.save_policy(
            conn,
            ws.organisation_id,
            engagement_id=engagement_id,
            version=policy.version,
            sha256=policy_sha256(policy),
            body=policy.model_dump(mode="json"),
        )
    return policy


# --- share ------------------------------------------------------------------------------


def share_extract(
    ws: Workspace,
    *,
    engagement_id: str,
    policy_path: Path,
    out_dir: Path,
    now: datetime | None = None,
) -> ShareManifest:
    """Write the minimised extract of the engagement's lake tables and its manifest.

    Each table named by the policy is read file by file from the lake, every column
    transformed by its rule, and written to ``out_dir/<table>/part-NNNNN.parquet``;
    ``out_dir/manifest.json`` records what was done to each field and why.
    """
    _engagement(ws, engagement_id)
    policy = _policy_for(ws, engagement_id, policy_path)
    key = workspace_key(ws)
    redactor = Redactor(operator(policy.free_text_operator, OperatorParams(key=key)))
    lake = ws.lake_reader
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    files: list[str] = []
    transforms = []
    redacted = 0
    for table, table_policy in policy.tables.items():
        minimiser = Minimiser(table, table_policy, key=key, redactor=redactor)
        columns: list[str] = []
        counts[table] = 0
        for i, path in enumerate(lake.files(table, engagement_id)):
            for j, batch in enumerate(pq.ParquetFile(path).iter_batches(batch_size=100_000)):
                data = pa.Table.from_batches([batch])
                columns = columns or data.column_names
                target = out_dir / table / f"part-{i:05d}-{j:03d}.parquet"
                target.parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(minimiser.apply(data), target)
                files.append(str(target.relative_to(out_dir)))
                counts[table] += data.num_rows
        transforms += minimiser.transforms(columns or TABLES[table].names)
        redacted += sum(minimiser.redacted.values())
    created = now or datetime.now(UTC)
    manifest = ShareManifest(
        engagement_id=engagement_id,
        policy_version=policy.version,
        policy_sha256=policy_sha256(policy),
        created_at=created,
        retention_days=policy.retention_days,
        delete_by=created + timedelta(days=policy.retention_days),
        processing_locations=policy.processing_locations,
        subprocessors_allowed=policy.subprocessors_allowed,
        key_id=key.key_id,
        tables=counts,
        files=files,
        transforms=transforms,
        redacted_values=redacted,
    )
    (out_dir / "manifest.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
    return manifest


# --- inbound check ----------------------------------------------------------------------


def check_inbound(
    ws: Workspace,
    *,
    path: Path,
    engagement_id: str,
    policy_path: Path,
    table: str | None = None,
) -> CheckReport:
    """Scan a file received from a vendor for fields the policy withholds and for PII."""
    _engagement(ws, engagement_id)
    policy = _policy_for(ws, engagement_id, policy_path)
    return check_chunks(
        read_chunks(path), policy=policy, source=path.name, table=table, engagement_id=engagement_id
    )


def check_findings(report: CheckReport) -> list[Finding]:
    """Governance findings of an inbound check (one per problem field)."""
    out = []
    for f in report.findings:
        severity = "major" if f.kind != "unknown_field" else "minor"
        out.append(
            Finding(
                key=f"privacy_check:{report.engagement_id}:{report.source}:{f.kind}:{f.field}",
                source="privacy_incident",
                engagement_id=report.engagement_id,
                severity=severity,
                title=f"Inbound file {report.source}: {f.kind.replace('_', ' ')} ({f.field})",
                detail=f.detail,
                evidence={"rows": f.rows, "entities": f.entities},
                observed_on=datetime.now(UTC).date(),
            )
        )
    return out


# --- redaction --------------------------------------------------------------------------


def redact_file(
    ws: Workspace,
    *,
    path: Path,
    column: str = "text",
    operator_name: str = "redact",
    out: Path | None = None,
    known_columns: list[str] | None = None,
    chunk_rows: int = 20_000,
    progress: Progress | None = None,
) -> RedactionSummary:
    """Redact one text column of a CSV, JSONL or Parquet file, chunk by chunk.

    Values of ``known_columns`` (default: columns named like name, email, phone,
    account, customer) are found in the row's text as known values.
    """
    key = workspace_key(ws)
    redactor = Redactor(operator(operator_name, OperatorParams(key=key)))
    target = out or path.with_name(f"{path.stem}.redacted{path.suffix}")
    if target.resolve() == path.resolve():
        raise InputError("the output file must differ from the input file")
    rows = changed = 0
    counts: Counter[str] = Counter()
    with ChunkWriter(target) as writer:
        for chunk in read_chunks(path, chunk_rows=chunk_rows):
            if column not in chunk.column_names:
                raise InputError(
                    f"{path.name} has no column {column!r}; "
                    f"columns: {', '.join(chunk.column_names)}"
                )
            known = known_columns if known_columns is not None else _known_columns(chunk, column)
            texts = chunk.column(column).cast(pa.string()).to_pylist()
            redacted = redactor.redact_many(texts, known=_known_rows(chunk, known), counts=counts)
            changed += sum(1 for a, b in zip(texts, redacted, strict=True) if a != b)
            idx = chunk.column_names.index(column)
            writer.write(chunk.set_column(idx, column, pa.array(redacted, type=pa.string())))
            rows += chunk.num_rows
            if progress is not None:
                progress(chunk.num_rows)
    return RedactionSummary(
        source=str(path),
        output=str(target),
        column=column,
        operator=operator_name,
        rows=rows,
        rows_changed=changed,
        entities=dict(sorted(counts.items())),
    )


def _known_columns(chunk: pa.Table, text_column: str) -> list[str]:
    return [
        c
        for c in chunk.column_names
        if c != text_column and any(h in c.lower() for h in KNOWN_VALUE_HINTS)
    ]


def _known_rows(chunk: pa.Table, columns: list[str]) -> list[dict[str, str]] | None:
    if not columns:
        return None
    data = {c: chunk.column(c).cast(pa.string()).to_pylist() for c in columns}
    return [{c: v for c in columns if (v := data[c][i])} for i in range(chunk.num_rows)]


# --- incidents --------------------------------------------------------------------------


def add_incident(
    ws: Workspace,
    *,
    engagement_id: str,
    fields: IncidentFields,
    external_ref: str | None = None,
) -> Incident:
    """Register a personal-data breach at the engagement's vendor."""
    _engagement(ws, engagement_id)
    data = fields.model_dump(exclude_none=True)
    incident_id = (
        "inc-" + uuid.uuid5(uuid.NAMESPACE_URL, f"{engagement_id}/{external_ref}").hex[:12]
        if external_ref
        else "inc-" + uuid.uuid4().hex[:12]
    )
    incident = Incident(
        id=incident_id, engagement_id=engagement_id, external_ref=external_ref, **data
    )
    with ws.db.begin() as conn:
        prepo.insert_incident(conn, ws.organisation_id, incident)
    return incident


def update_incident(ws: Workspace, incident_id: str, *, fields: IncidentFields) -> Incident:
    """Change an incident's fields (only those given)."""
    with ws.db.begin() as conn:
        current = prepo.get_incident(conn, ws.organisation_id, incident_id)
        if current is None:
            raise NotFoundError(
                f"no incident {incident_id!r}; see 'fairshore privacy incident list'"
            )
        updated = current.model_copy(update=fields.model_dump(exclude_none=True))
        prepo.update_incident(conn, updated)
    return updated


def list_incidents(
    ws: Workspace,
    *,
    engagement_id: str | None = None,
    as_of: datetime | None = None,
    vendor_window_hours: float | None = None,
) -> list[IncidentStatusView]:
    """Incidents with their clocks as of ``as_of`` (default now).

    The vendor-to-client window is ``vendor_window_hours`` when given, otherwise the
    ``breach_notification_hours`` clause of the engagement's contract in effect when the
    vendor became aware, and 24 hours where no contract sets one.
    """
    moment = as_of or datetime.now(UTC)
    with ws.db.begin() as conn:
        incidents = prepo.list_incidents(conn, ws.organisation_id, engagement_id)
    return [
        incident_clocks(
            i, as_of=moment, vendor_window_hours=vendor_window_hours or _contracted_window(ws, i)
        )
        for i in incidents
    ]


def _contracted_window(ws: Workspace, incident: Incident) -> float:
    start = incident.vendor_aware_at or incident.detected_at
    if start is None:
        return DEFAULT_VENDOR_WINDOW_HOURS
    window = contracted_breach_window(ws, incident.engagement_id, start.date())
    return window or DEFAULT_VENDOR_WINDOW_HOURS


def incident_findings(
    ws: Workspace,
    *,
    engagement_id: str | None = None,
    as_of: datetime | None = None,
    vendor_window_hours: float | None = None,
) -> list[Finding]:
    """Findings for every late or overdue notification clock."""
    views = list_incidents(
        ws, engagement_id=engagement_id, as_of=as_of, vendor_window_hours=vendor_window_hours
    )
    return [f for v in views for f in clock_findings(v)]


class ImportReport(BaseModel):
    """What an incidents import did."""

    created: list[str]
    updated: list[str]
    skipped: list[str]


def import_incidents(ws: Workspace, path: Path) -> ImportReport:
    """Import incidents from the demo's ``incidents.json`` (or a file shaped like it).

    Accepts a list or ``{"incidents": [...]}``; each incident needs ``engagement_id``
    and takes ``detected_at``, ``vendor_aware_at``, ``client_notified_at``,
    ``authority_notified_at``, ``authority_notification`` (``required`` or
    ``not_required``), ``records_affected``, ``categories``, ``description`` (a few
    common aliases too). Times without a zone are read as UTC. Importing the
    same file twice updates instead of duplicating (keyed on ``id`` or the content).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PrivacyError(f"cannot read incidents from {path}: {exc}") from None
    items = data.get("incidents", []) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise PrivacyError(f"{path.name}: expected a list of incidents or {{'incidents': [...]}}")
    report = ImportReport(created=[], updated=[], skipped=[])
    for n, item in enumerate(items):
        _import_one(ws, item, n, report)
    return report


def _import_one(ws: Workspace, item: object, n: int, report: ImportReport) -> None:
    if not isinstance(item, dict):
        report.skipped.append(f"#{n}: not an object")
        return
    engagement_id = item.get("engagement_id") or item.get("engagement")
    if not engagement_id:
        report.skipped.append(f"#{n}: no engagement_id")
        return
    fields = parse_incident_fields(item)
    if isinstance(fields, str):
        report.skipped.append(f"#{n}: {fields}")
        return
    ref = str(item.get("id") or item.get("incident_id") or item.get("ref") or "")
    if not ref:
        ref = f"{fields.vendor_aware_at or fields.detected_at}:{fields.description or ''}"[:200]
    with ws.db.begin() as conn:
        existing = prepo.find_incident_by_ref(conn, str(engagement_id), ref)
    try:
        if existing is not None:
            update_incident(ws, existing.id, fields=fields)
            report.updated.append(existing.id)
        else:
            report.created.append(
                add_incident(
                    ws, engagement_id=str(engagement_id), fields=fields, external_ref=ref
                ).id
            )
    except NotFoundError as exc:
        report.skipped.append(f"#{n}: {exc}")


def breach_notification_hours(
    ws: Workspace, engagement_id: str, start: date, end: date
) -> ClauseMeasurement | None:
    """Contract clause provider: the longest vendor-aware -> client-notified delay, hours.

    Over incidents whose vendor awareness falls in ``start``..``end``. An incident not
    yet notified counts up to the end of the period (or now, if sooner). With no
    incident in the period the clause is met: value 0, sample size 0.
    """
    with ws.db.begin() as conn:
        incidents = prepo.list_incidents(conn, ws.organisation_id, engagement_id)
    lo = datetime.combine(start, time.min, UTC)
    hi = datetime.combine(end + timedelta(days=1), time.min, UTC)
    as_of = min(hi, datetime.now(UTC))
    delays: list[tuple[float, Incident]] = []
    for inc in incidents:
        aware = inc.vendor_aware_at or inc.detected_at
        if aware is None or not lo <= aware < hi:
            continue
        delay = notification_delay_hours(inc, as_of=as_of)
        if delay is not None:
            delays.append((delay, inc))
    if not delays:
        return ClauseMeasurement(
            value=0.0, sample_size=0, detail="no breach incidents in the period"
        )
    worst, inc = max(delays, key=lambda d: d[0])
    pending = " (not yet notified)" if inc.client_notified_at is None else ""
    return ClauseMeasurement(
        value=worst,
        sample_size=len(delays),
        detail=f"longest delay {numbers.hours(worst)}: incident {inc.id}{pending}",
    )


# --- access anomalies -------------------------------------------------------------------


class AnomalyReport(BaseModel):
    """Access flags of an engagement over a period, and the findings they raise."""

    engagement_id: str
    start: date | None
    end: date | None
    events: int
    agents: int
    flags: list[AccessFlag]
    findings: list[Finding]


def detect_access_anomalies(
    ws: Workspace,
    *,
    engagement_id: str,
    period: Period | None = None,
    thresholds: AnomalyThresholds | None = None,
) -> AnomalyReport:
    """Flag suspicious access in the engagement's ``access_events`` (lake) over ``period``
    (local days; default every event)."""
    eng = _engagement(ws, engagement_id)
    start, end = (period.start, period.last_day) if period else (None, None)
    lake = ws.lake_reader
    events_t = lake.table("access_events", engagement_id)
    if end is not None:
        events_t = events_t.filter(
            events_t.at < datetime.combine(end + timedelta(days=2), time.min, UTC)
        )
    cols = ["agent_ref", "at", "action", "record_ref", "records_count", "source"]
    events = events_t.select(*cols).to_pyarrow().to_pandas()
    inter = lake.table("interactions", engagement_id)
    handled = (
        inter.filter(inter.customer_ref.notnull() & inter.agent_ref.notnull())
        .select("agent_ref", "customer_ref")
        .distinct()
        .to_pyarrow()
        .to_pandas()
    )
    detector = AccessAnomalyDetector(thresholds=thresholds, timezone=eng.timezone)
    flags = detector.evaluate(
        events, engagement_id=engagement_id, start=start, end=end, handled=handled
    )
    return AnomalyReport(
        engagement_id=engagement_id,
        start=start,
        end=end,
        events=len(events),
        agents=int(events["agent_ref"].nunique()) if len(events) else 0,
        flags=flags,
        findings=anomaly_findings(flags),
    )


def anomaly_findings(flags: Iterable[AccessFlag]) -> list[Finding]:
    """One finding per flag (source ``access_anomaly``), keyed on agent, kind and day."""
    titles = {
        "bulk_export": "Bulk export of customer records",
        "off_shift": "Access to customer records outside the agent's shift",
        "volume_spike": "Sudden spike in an agent's record access",
        "unhandled_records": "Agent accessed records of customers it never served",
        "new_source": "Access from a new site or network",
    }
    return [
        Finding(
            key=f"access_anomaly:{f.engagement_id}:{f.agent_ref}:{f.kind}:{f.day}",
            source="access_anomaly",
            engagement_id=f.engagement_id,
            severity=f.severity,
            title=f"{titles[f.kind]} ({f.agent_ref}, {f.day})",
            detail=f.reason,
            evidence={
                "kind": f.kind,
                "agent_ref": f.agent_ref,
                "at": f.at.isoformat() if f.at else None,
                **f.numbers,
            },
            period=f.day[:7],
            observed_on=date.fromisoformat(f.day),
        )
        for f in flags
    ]


def privacy_findings(
    ws: Workspace,
    *,
    engagement_id: str,
    period: Period | None = None,
    as_of: datetime | None = None,
    vendor_window_hours: float | None = None,
) -> list[Finding]:
    """Every privacy finding of an engagement: late or overdue breach clocks, access flags.

    The one call an evaluation run needs (the demo calls it per engagement after
    ``import_incidents``).
    """
    findings = incident_findings(
        ws, engagement_id=engagement_id, as_of=as_of, vendor_window_hours=vendor_window_hours
    )
    report = detect_access_anomalies(ws, engagement_id=engagement_id, period=period)
    return findings + report.findings
