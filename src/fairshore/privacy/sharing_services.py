"""Use cases of sharing data with a vendor: extracts, inbound checks, redaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from fairshore.adapters.db import privacy_repository as prepo
from fairshore.adapters.db import repositories as repo
from fairshore.bootstrap import Workspace
from fairshore.engagements.model import Engagement
from fairshore.errors import InputError, NotFoundError, PrivacyError
from fairshore.governance.model import Finding
from fairshore.interactions.schema import TABLES
from fairshore.privacy.inbound import check_chunks
from fairshore.privacy.keys import pseudonym_key
from fairshore.privacy.minimisation import Minimiser
from fairshore.privacy.model import (
    CheckReport,
    RedactionSummary,
    ShareManifest,
    SharingPolicy,
)
from fairshore.privacy.operators import OperatorParams, operator
from fairshore.privacy.policy import load_policy, policy_sha256
from fairshore.privacy.pseudonyms import PseudonymKey
from fairshore.privacy.redaction import Redactor
from fairshore.privacy.regimes import data_obligations, sharing_refusals
from fairshore.privacy.streams import ChunkWriter, read_chunks

Progress = Callable[[int], None]
# Column names whose values are the record's own personal data (known-value redaction).
KNOWN_VALUE_HINTS = ("name", "email", "phone", "account", "customer", "requester", "msisdn")


def workspace_key(ws: Workspace) -> PseudonymKey:
    """The pseudonym key of the workspace."""
    return pseudonym_key(ws.settings)


def engagement_row(ws: Workspace, engagement_id: str) -> Engagement:
    """The engagement's stored row; ``NotFoundError`` when this organisation has none."""
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
    refusals = sharing_refusals(policy, engagement_row(ws, engagement_id).regimes)
    if refusals:
        # Refused before anything is saved or written: no half-made extract.
        raise PrivacyError(f"the policy {policy_path.name} is refused: {'; '.join(refusals)}")
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
    engagement = engagement_row(ws, engagement_id)
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
        regimes=list(engagement.regimes),
        obligations=data_obligations(engagement.regimes),
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
    engagement_row(ws, engagement_id)
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
