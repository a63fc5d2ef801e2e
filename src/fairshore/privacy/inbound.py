"""Inbound check: what a vendor sent back, against what the policy lets it hold.

Columns the policy withholds should never come back; columns nobody defined are
reported; every text column is scanned for personal data (each distinct value once,
so repetitive columns such as ``channel`` cost nothing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from fairshore.interactions.schema import TABLES
from fairshore.privacy.detection import PiiDetector
from fairshore.privacy.model import CheckFinding, CheckReport, SharingPolicy
from fairshore.privacy.operators import OperatorParams, operator
from fairshore.privacy.redaction import Redactor

MAX_EXAMPLES = 3


def guess_table(columns: list[str], policy: SharingPolicy) -> str | None:
    """The policy table whose canonical columns overlap the file's columns most."""
    best, best_overlap = None, 0
    for table in policy.tables:
        overlap = len(set(columns) & set(TABLES[table].names))
        if overlap > best_overlap:
            best, best_overlap = table, overlap
    return best


def check_chunks(
    chunks: Iterable[pa.Table],
    *,
    policy: SharingPolicy,
    source: str,
    engagement_id: str,
    table: str | None = None,
    detector: PiiDetector | None = None,
) -> CheckReport:
    """Check a received file, given as Arrow chunks, against ``policy``."""
    it: Iterator[pa.Table] = iter(chunks)
    first = next(it, None)
    if first is None:
        return CheckReport(
            source=source, engagement_id=engagement_id, table=table, rows=0, findings=[]
        )
    table = table or guess_table(first.column_names, policy)
    findings = _field_findings(first.column_names, policy, table)
    withheld = {f.field for f in findings if f.kind == "field_not_allowed"}
    scanner = _TextScanner(detector or PiiDetector())
    rows = 0
    for chunk in (first, *it):
        rows += chunk.num_rows
        for name in chunk.column_names:
            if name not in withheld and _scannable(name, chunk.column(name).type):
                scanner.scan(name, chunk.column(name))
    findings += scanner.findings()
    return CheckReport(
        source=source, engagement_id=engagement_id, table=table, rows=rows, findings=findings
    )


def _field_findings(
    columns: list[str], policy: SharingPolicy, table: str | None
) -> list[CheckFinding]:
    out: list[CheckFinding] = []
    rules = policy.tables.get(table) if table else None
    known = set(TABLES[table].names) if table else set()
    for name in columns:
        if rules is None:
            out.append(
                CheckFinding(
                    kind="unknown_field",
                    field=name,
                    detail="the policy names no table with these columns",
                )
            )
            continue
        rule = rules.rule(name)
        if rule.action == "withhold":
            why = rule.reason or (
                "named as withheld" if name in rules.fields else "not shared by the policy"
            )
            out.append(
                CheckFinding(
                    kind="field_not_allowed",
                    field=name,
                    detail=f"{table}.{name} is withheld by the policy ({why}); "
                    "the vendor should not hold it",
                )
            )
        elif name not in known and name not in rules.fields and not name.startswith("seg_"):
            out.append(
                CheckFinding(
                    kind="unknown_field", field=name, detail=f"{name} is not a column of {table}"
                )
            )
    return out


def _scannable(name: str, dtype: pa.DataType) -> bool:
    if not (pa.types.is_string(dtype) or pa.types.is_large_string(dtype)):
        return False
    return not name.endswith(("_ref", "_id")) and name not in ("channel", "language", "currency")


class _TextScanner:
    def __init__(self, detector: PiiDetector) -> None:
        self.detector = detector
        self.redactor = Redactor(operator("redact", OperatorParams()), detector=detector)
        self.rows: Counter[str] = Counter()
        self.entities: dict[str, Counter[str]] = {}
        self.examples: dict[str, list[str]] = {}
        self._seen: dict[str, dict[str, list[str]]] = {}

    def scan(self, name: str, column: pa.ChunkedArray) -> None:
        encoded = pc.dictionary_encode(column).combine_chunks()
        counts = pc.value_counts(encoded.indices.drop_null()).to_pylist()
        values = encoded.dictionary.to_pylist()
        cache = self._seen.setdefault(name, {})
        for item in counts:
            text = values[item["values"]]
            if text not in cache:
                cache[text] = [d.entity for d in self.detector.detect(text)] if text else []
                if cache[text] and len(self.examples.setdefault(name, [])) < MAX_EXAMPLES:
                    self.examples[name].append(self.redactor.redact(text).text[:120])
            found = cache[text]
            if found:
                self.rows[name] += item["counts"]
                self.entities.setdefault(name, Counter()).update(
                    {e: n * item["counts"] for e, n in Counter(found).items()}
                )

    def findings(self) -> list[CheckFinding]:
        return [
            CheckFinding(
                kind="personal_data_in_text",
                field=name,
                rows=n,
                detail=f"{n} row(s) of {name} contain personal data",
                entities=dict(sorted(self.entities[name].items())),
                examples=self.examples.get(name, []),
            )
            for name, n in sorted(self.rows.items())
        ]
