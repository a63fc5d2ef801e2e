"""Whole-file checks run before any row is read: size, compression, binary, encoding.

A file that fails one of them is rejected whole with a message that says what to do;
no row of it reaches the lake. Archives are never expanded (which is also what keeps a
zip bomb harmless).
"""

from __future__ import annotations

import codecs
import hashlib
import zipfile
from pathlib import Path
from typing import Literal

from fairshore.errors import IngestError

MAGIC = {
    b"\x1f\x8b": "gzip",
    b"PK\x03\x04": "zip",
    b"PK\x05\x06": "zip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"Rar!": "rar",
}
HEAD_BYTES = 1 << 20


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# A workbook is a zip: refuse one that inflates past this many times the size limit.
MAX_INFLATION = 20
Kind = Literal["text", "parquet", "xlsx"]


def kind_of(path: Path) -> Kind:
    """What a file is, from its first bytes and (for workbooks) its name."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head == b"PAR1":
        return "parquet"
    if head == b"PK\x03\x04" and path.suffix.lower() in WORKBOOK_SUFFIXES:
        return "xlsx"
    return "text"


def check_file(path: Path, *, max_bytes: int, kind: Kind) -> None:
    """Reject ``path`` when it cannot be ingested at all; return silently when it can."""
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{path.name}: the file is empty; ask the vendor to export it again")
    if size > max_bytes:
        raise IngestError(
            f"{path.name}: {size:,} bytes is more than the limit of {max_bytes:,} bytes "
            "(FAIRSHORE_INGEST_MAX_BYTES); split the export by month or raise the limit"
        )
    if kind == "xlsx":
        check_workbook(path, max_bytes=max_bytes)
        return
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    for magic, name in MAGIC.items():
        if head.startswith(magic):
            raise IngestError(
                f"{path.name}: {name}-compressed content; Fairshore does not expand archives "
                "(a protection against zip bombs): decompress it and ingest the files inside"
            )
    if kind == "parquet":
        if not head.startswith(b"PAR1"):
            raise IngestError(f"{path.name}: not a Parquet file (no PAR1 header)")
        return
    check_text(path.name, head, complete=size <= HEAD_BYTES)


def check_text(name: str, head: bytes, *, complete: bool) -> None:
    """Reject binary or non-UTF-8 text from its first bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError(f"{name}: UTF-16 text; save or export it as UTF-8 and ingest again")
    if head.startswith(b"PAR1"):
        raise IngestError(f"{name}: this is a Parquet file; use --format parquet")
    if b"\x00" in head:
        raise IngestError(f"{name}: binary content (NUL bytes); expected UTF-8 text (CSV or JSON)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{name}: not valid UTF-8 (byte {exc.start}); re-export it as UTF-8 "
            "(for example: iconv -f latin1 -t utf-8)"
        ) from None


def check_row_count(name: str, rows: int, *, max_rows: int | None) -> None:
    """Reject an upload past its row cap (a small Parquet file can hold millions of rows)."""
    if max_rows is not None and rows > max_rows:
        raise IngestError(
            f"{name}: more than {max_rows:,} rows in one upload (FAIRSHORE_UPLOAD_MAX_ROWS); "
            "split the export by month, or ingest it with the command line (fairshore ingest)"
        )


def check_workbook(path: Path, *, max_bytes: int) -> None:
    """Refuse a file that is not an ``.xlsx`` workbook, or that would inflate past
    :data:`MAX_INFLATION` times the size limit (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise IngestError(
            f"{path.name}: not an .xlsx workbook (a password-protected or old .xls file? "
            "save it as an Excel Workbook without a password)"
        ) from None
    if "xl/workbook.xml" not in names:
        raise IngestError(f"{path.name}: a zip archive, not an Excel workbook")
    if inflated > max_bytes * MAX_INFLATION:
        raise IngestError(
            f"{path.name}: would inflate to {inflated:,} bytes, over {MAX_INFLATION}x the "
            f"limit of {max_bytes:,} bytes (FAIRSHORE_INGEST_MAX_BYTES): refused"
        )
