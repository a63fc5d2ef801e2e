"""Format adapters, one small class per file, found through a :class:`FormatAdapters`.

Add a format by writing a class with ``name``, ``tables``, ``sniff`` and ``read``
(the :class:`~fairshore.interactions.adapters.base.FormatAdapter` protocol) and
listing it in :data:`DEFAULT_ADAPTERS`. The composition root
(:mod:`fairshore.composition`) builds the registry from that list and ingest finds it
on the workspace (``ws.registries.formats``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from fairshore.errors import IngestError, InputError
from fairshore.interactions.adapters.acd import AcdCallDetail
from fairshore.interactions.adapters.amazon_connect import AmazonConnectRecords
from fairshore.interactions.adapters.base import FormatAdapter, head_text
from fairshore.interactions.adapters.canonical_csv import CanonicalCsv
from fairshore.interactions.adapters.canonical_jsonl import CanonicalJsonl
from fairshore.interactions.adapters.canonical_parquet import CanonicalParquet
from fairshore.interactions.adapters.excel import ExcelWorkbook
from fairshore.interactions.adapters.freshdesk import FreshdeskTickets
from fairshore.interactions.adapters.qa_export import QaToolExport
from fairshore.interactions.adapters.zendesk import ZendeskTickets
from fairshore.interactions.adapters.zendesk_talk import ZendeskTalkCalls

DEFAULT_ADAPTERS: tuple[FormatAdapter, ...] = (
    CanonicalCsv(),
    CanonicalParquet(),
    CanonicalJsonl(),
    ZendeskTickets(),
    ZendeskTalkCalls(),
    FreshdeskTickets(),
    AcdCallDetail(),
    AmazonConnectRecords(),
    QaToolExport(),
    ExcelWorkbook(),
)
# Most specific first: vendor layouts before the canonical formats they resemble.
DETECTION_ORDER = ("xlsx", "parquet", "acd", "zendesk-talk", "zendesk", "freshdesk",
                   "amazon-connect", "jsonl", "csv")  # fmt: skip


class FormatAdapters:
    """The format adapters ingest reads files with, by name, and the order in which
    they are tried when the format is not given (formats not in it are never guessed)."""

    def __init__(
        self, adapters: Iterable[FormatAdapter], *, detection_order: Sequence[str] = ()
    ) -> None:
        self._by_name = {a.name: a for a in adapters}
        unknown = [n for n in detection_order if n not in self._by_name]
        if unknown:
            raise InputError(f"detection order names unknown formats: {', '.join(unknown)}")
        self._order = tuple(detection_order)

    @property
    def names(self) -> list[str]:
        """Every format name, sorted."""
        return sorted(self._by_name)

    def get(self, name: str, table: str) -> FormatAdapter:
        """The adapter registered as ``name``, checked to support ``table``."""
        adapter = self._by_name.get(name)
        if adapter is None:
            raise InputError(f"unknown format {name!r}; choose one of: {', '.join(self.names)}")
        if table not in adapter.tables:
            raise InputError(
                f"format {name!r} holds {', '.join(adapter.tables)}, not {table}; "
                "use csv, parquet or jsonl for the canonical tables"
            )
        return adapter

    def detect(self, paths: Sequence[Path], table: str) -> str:
        """Recognise the format of the first readable file from its first bytes."""
        for path in paths:
            if not path.is_file() or path.stat().st_size == 0:
                continue
            head = head_text(path)
            for name in self._order:
                adapter = self._by_name[name]
                if table in adapter.tables and adapter.sniff(path, head):
                    return name
            break
        raise IngestError(
            f"cannot tell the format of {', '.join(p.name for p in paths)} for table {table}: "
            f"give it with --format ({', '.join(self.names)})"
        )


def default_adapters() -> FormatAdapters:
    """Every packaged format adapter, detected in :data:`DETECTION_ORDER`."""
    return FormatAdapters(DEFAULT_ADAPTERS, detection_order=DETECTION_ORDER)


__all__ = ["DEFAULT_ADAPTERS", "FormatAdapter", "FormatAdapters", "default_adapters"]
