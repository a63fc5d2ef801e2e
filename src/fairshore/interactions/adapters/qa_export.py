"""QA tool exports (one row per evaluation, or per evaluation x question) through a
mapping YAML (:class:`QaExportMapping`), into canonical ``qa_evaluations`` rows.

Layouts:

* ``wide``: one row per evaluation; item scores (if any) in one column per item.
* ``long``: one row per evaluation x question; the evaluation's own columns repeat on
  each of its rows and are taken from its first row. Rows are grouped by the
  evaluation id wherever they are in the file.

The items become ``items_json``; without a total column the total is computed the
way ``quality.forms.score_evaluation`` scores (points over applicable points, 100 =
all met, 0 when a critical item scored 0). Row accounting counts evaluations: a long
export's question rows are tallied in the warning ``qa_item_rows``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Literal

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fairshore.errors import IngestError
from fairshore.interactions.adapters.base import chunked
from fairshore.interactions.file_checks import check_file
from fairshore.interactions.model import (
    MALFORMED_ITEMS,
    UNPARSEABLE_NUMBER,
    UNPARSEABLE_TIME,
    ReadContext,
)

TRUE_WORDS = ("true", "yes", "y", "1", "fail", "failed")


class LongItems(BaseModel):
    """Where a long export keeps each question's id, score, maximum and critical flag."""

    model_config = ConfigDict(extra="forbid")

    item_id: str
    score: str
    max: str | None = None
    critical: str | None = None
    default_max: float | None = Field(default=None, gt=0)


class WideItem(BaseModel):
    """One item column of a wide export."""

    model_config = ConfigDict(extra="forbid")

    column: str
    max: float = Field(gt=0)
    critical: bool = False


class QaExportMapping(BaseModel):
    """How a QA tool's export becomes canonical ``qa_evaluations`` rows.

    ``columns`` maps canonical columns to source columns; ``values`` maps source
    values of a canonical column to canonical ones (e.g. evaluator roles to
    ``vendor``/``client``/``auditor``); ``constants`` fills canonical columns the
    export lacks. ``time_format`` (strptime) reads ``evaluated_at`` when it is not
    ISO 8601; ``score_scale`` turns the export's total into 0-100 (e.g. 100 for a
    0-1 share). ``na_values`` are scores meaning "not applicable" (left out).
    """

    model_config = ConfigDict(extra="forbid")

    format: Literal["qa-export"] = "qa-export"
    layout: Literal["wide", "long"]
    delimiter: str = ","
    encoding: str = "utf-8-sig"
    timezone: str | None = None
    columns: dict[str, str]
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    constants: dict[str, str] = Field(default_factory=dict)
    time_format: str | None = None
    score_scale: float = Field(default=1.0, gt=0)
    na_values: list[str] = Field(default_factory=lambda: ["", "N/A", "NA", "n/a"])
    long_items: LongItems | None = None
    wide_items: dict[str, WideItem] = Field(default_factory=dict)

    def source_columns(self) -> list[str]:
        """Every source column the mapping reads."""
        cols = list(self.columns.values())
        if self.long_items is not None:
            li = self.long_items
            cols += [c for c in (li.item_id, li.score, li.max, li.critical) if c]
        cols += [item.column for item in self.wide_items.values()]
        return list(dict.fromkeys(cols))


def qa_export_mapping(data: dict[str, Any]) -> QaExportMapping:
    """The mapping from its YAML data (``IngestError`` naming the problem)."""
    if not data:
        raise IngestError("the qa-export format needs a mapping file: give --mapping FILE")
    try:
        mapping = QaExportMapping.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "mapping"
        raise IngestError(f"invalid QA export mapping: {where}: {first['msg']}") from None
    if mapping.layout == "long" and mapping.long_items is None:
        raise IngestError("a long QA export mapping needs long_items (item_id, score ...)")
    if "evaluation_id" not in mapping.columns:
        raise IngestError("the QA export mapping must name the evaluation_id column")
    return mapping


class RowProblemError(Exception):
    """A row-level problem: the evaluation is quarantined with ``reason``."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


class QaToolExport:
    """QA tool exports -> canonical evaluations, driven by a mapping file."""

    name: ClassVar[str] = "qa-export"
    tables: ClassVar[tuple[str, ...]] = ("qa_evaluations",)

    def sniff(self, path: Path, head: str) -> bool:
        return False  # chosen by the mapping's ``format: qa-export`` or --format

    def read(self, paths: Sequence[Path], ctx: ReadContext) -> Iterator[pa.Table]:
        mapping = qa_export_mapping(ctx.mapping)
        for path in paths:
            check_file(path, max_bytes=ctx.max_bytes, kind="text")
            yield from chunked(self._evaluations(path, mapping, ctx), ctx.chunk_rows)

    def _evaluations(
        self, path: Path, mapping: QaExportMapping, ctx: ReadContext
    ) -> Iterator[dict[str, Any]]:
        with path.open(encoding=mapping.encoding, newline="") as fh:
            reader = csv.DictReader(fh, delimiter=mapping.delimiter)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in mapping.source_columns() if c not in header]
            if missing:
                raise IngestError(
                    f"{path.name}: wrong columns for this QA export mapping: missing "
                    f"{', '.join(missing)}; found {', '.join(header[:20])}. Check the "
                    "mapping's delimiter and column names"
                )
            groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
            for number, raw in enumerate(reader, start=1):
                row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
                key = row[mapping.columns["evaluation_id"]]
                groups.setdefault(key, []).append((number, row))
                if mapping.layout == "long":
                    ctx.warnings["qa_item_rows"] += 1
                elif len(groups[key]) > 1:  # a repeated id: its own row, judged as a duplicate
                    groups[f"{key}\x00{number}"] = [groups[key].pop()]
        for rows in groups.values():
            number = rows[0][0]
            try:
                yield {"_row": number, **_evaluation(mapping, [r for _, r in rows])}
            except RowProblemError as problem:
                yield {"_row": number, "_reason": problem.reason, "_detail": problem.detail}


def _evaluation(mapping: QaExportMapping, rows: list[dict[str, str]]) -> dict[str, Any]:
    first = rows[0]
    out: dict[str, Any] = dict(mapping.constants)
    for canonical, source in mapping.columns.items():
        value = first.get(source, "")
        value = mapping.values.get(canonical, {}).get(value, value)
        if value != "" or canonical not in out:
            out[canonical] = value or None
    if mapping.time_format and out.get("evaluated_at"):
        try:
            at = datetime.strptime(str(out["evaluated_at"]), mapping.time_format)
        except ValueError:
            raise RowProblemError(
                UNPARSEABLE_TIME,
                f"evaluated_at {out['evaluated_at']!r} does not match {mapping.time_format}",
            ) from None
        out["evaluated_at"] = at.isoformat()
    items = _long_items(mapping, rows) if mapping.layout == "long" else _wide_items(mapping, first)
    if items:
        out["items_json"] = json.dumps(items, separators=(",", ":"))
    failed = any(i["critical"] and i["score"] == 0 for i in items)
    if out.get("auto_fail") is not None:
        out["auto_fail"] = str(out["auto_fail"]).lower() in TRUE_WORDS
    elif items:
        out["auto_fail"] = failed
    if out.get("total") is not None:
        out["total"] = _number(str(out["total"]), "total") * mapping.score_scale
    elif items:
        possible = sum(i["max"] for i in items)
        raw = 100 * sum(i["score"] for i in items) / possible if possible else 0.0
        out["total"] = 0.0 if failed else round(raw, 2)
    return out


def _number(text: str, what: str) -> float:
    try:
        return float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except ValueError:
        raise RowProblemError(UNPARSEABLE_NUMBER, f"{what} {text!r} is not a number") from None


def _long_items(mapping: QaExportMapping, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    spec = mapping.long_items
    assert spec is not None
    items = []
    for row in rows:
        score_text = row.get(spec.score, "")
        if score_text in mapping.na_values:
            continue
        top_text = row.get(spec.max, "") if spec.max else ""
        top = _number(top_text, "max") if top_text else spec.default_max
        if top is None or top <= 0:
            raise RowProblemError(MALFORMED_ITEMS, f"item {row.get(spec.item_id)!r} has no maximum")
        critical = bool(spec.critical) and row.get(spec.critical or "", "").lower() in TRUE_WORDS
        items.append(
            {
                "item_id": row.get(spec.item_id) or "",
                "score": _number(score_text, "score"),
                "max": top,
                "critical": critical,
            }
        )
    return items


def _wide_items(mapping: QaExportMapping, row: dict[str, str]) -> list[dict[str, Any]]:
    items = []
    for item_id, spec in mapping.wide_items.items():
        text = row.get(spec.column, "")
        if text in mapping.na_values:
            continue
        score = _number(text, item_id)
        items.append(
            {"item_id": item_id, "score": score, "max": spec.max, "critical": spec.critical}
        )
    return items
