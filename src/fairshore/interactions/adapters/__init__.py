"""Format adapters, one small class per file, found through :data:`REGISTRY`.

Add a format by writing a class with ``name``, ``tables``, ``sniff`` and ``read``
(the :class:`~fairshore.interactions.adapters.base.FormatAdapter` protocol) and
listing it here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fairshore.errors import IngestError, InputError
from fairshore.interactions.adapters.acd import AcdCallDetail
from fairshore.interactions.adapters.base import FormatAdapter, head_text
from fairshore.interactions.adapters.canonical_csv import CanonicalCsv
from fairshore.interactions.adapters.canonical_jsonl import CanonicalJsonl
from fairshore.interactions.adapters.canonical_parquet import CanonicalParquet
from fairshore.interactions.adapters.excel import ExcelWorkbook
from fairshore.interactions.adapters.freshdesk import FreshdeskTickets
from fairshore.interactions.adapters.qa_export import QaToolExport
from fairshore.interactions.adapters.zendesk import ZendeskTickets
from fairshore.interactions.adapters.zendesk_talk import ZendeskTalkCalls

REGISTRY: dict[str, FormatAdapter] = {
    a.name: a
    for a in (
        CanonicalCsv(),
        CanonicalParquet(),
        CanonicalJsonl(),
        ZendeskTickets(),
        ZendeskTalkCalls(),
        FreshdeskTickets(),
        AcdCallDetail(),
        QaToolExport(),
        ExcelWorkbook(),
    )
}
# Most specific first: vendor layouts before the canonical formats they resemble.
DETECTION_ORDER = ("xlsx", "parquet", "acd", "zendesk-talk", "zendesk", "freshdesk", "jsonl", "csv")


def get_adapter(name: str, table: str) -> FormatAdapter:
    """The adapter registered as ``name``, checked to support ``table``."""
    adapter = REGISTRY.get(name)
    if adapter is None:
        raise InputError(f"unknown format {name!r}; choose one of: {', '.join(sorted(REGISTRY))}")
    if table not in adapter.tables:
        raise InputError(
            f"format {name!r} holds {', '.join(adapter.tables)}, not {table}; "
            "use csv, parquet or jsonl for the canonical tables"
        )
    return adapter


def detect_format(paths: Sequence[Path], table: str) -> str:
    """Recognise the format of the first readable file from its first bytes."""
    for path in paths:
        if not path.is_file() or path.stat().st_size == 0:
            continue
        head = head_text(path)
        for name in DETECTION_ORDER:
            adapter = REGISTRY[name]
            if table in adapter.tables and adapter.sniff(path, head):
                return name
        break
    raise IngestError(
        f"cannot tell the format of {', '.join(p.name for p in paths)} for table {table}: "
        f"give it with --format ({', '.join(sorted(REGISTRY))})"
    )


__all__ = ["REGISTRY", "FormatAdapter", "detect_format", "get_adapter"]
