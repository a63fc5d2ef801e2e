"""Files sent through the browser or the API: size cap, type allow-list, safe names.

Nothing the client says about a file is trusted: its name is reduced to a safe base
name (no folders, no dots in front, only letters, digits, ``._-``), its extension
must be one the chosen format reads, its first bytes must not be an archive or a
program, and it is copied, counting bytes, into a fresh private temporary folder of
the workspace, refused as soon as it passes the size cap.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from fairshore.errors import InputError
from fairshore.interactions.file_checks import MAGIC

UPLOAD_MAX_BYTES = 100 * 1024 * 1024  # per data file sent through the web
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
MAX_FILES = 20
TEXT = (".csv", ".tsv", ".txt")
JSON = (".json", ".jsonl", ".ndjson")
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "csv": TEXT,
    "parquet": (".parquet",),
    "xlsx": (".xlsx",),
    "jsonl": JSON,
    "zendesk": JSON,
    "zendesk-talk": JSON,
    "freshdesk": JSON,
    "amazon-connect": JSON,
    "acd": (*TEXT, ".dat"),
}
ANY_DATA = tuple(sorted({s for v in FORMAT_SUFFIXES.values() for s in v}))
MAPPING_SUFFIXES = (".yaml", ".yml")
EVIDENCE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".xlsx", ".docx", ".csv", ".txt")
OFFICE = (".xlsx", ".docx")  # zip containers by design; still never expanded here
PROGRAMS = {
    b"\x7fELF": "an ELF program",
    b"\xcf\xfa\xed\xfe": "a Mach-O program",
    b"\xfe\xed\xfa\xce": "a Mach-O program",
    b"\xca\xfe\xba\xbe": "a Mach-O program",
    b"#!": "a script",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str | None) -> str:
    """The base name of ``name`` reduced to ``[A-Za-z0-9._-]`` (never a path, never hidden)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE.sub("_", base).lstrip("._-")[:100]
    return base or "upload"


def _signature(head: bytes, suffix: str) -> str | None:
    for magic, what in PROGRAMS.items():
        if head.startswith(magic):
            return what
    if head.startswith(b"MZ") and len(head) >= 0x40:
        offset = int.from_bytes(head[0x3C:0x40], "little")
        if head[offset : offset + 4] == b"PE\x00\x00":
            return "a Windows program"
    for magic, what in MAGIC.items():
        if head.startswith(magic) and not (what == "zip" and suffix in OFFICE):
            return f"a {what} archive"
    return None


def save_upload(
    source: BinaryIO,
    filename: str | None,
    folder: Path,
    *,
    allowed: tuple[str, ...],
    max_bytes: int,
) -> Path:
    """Copy one uploaded file into ``folder`` under a safe name, checking type and size."""
    name = safe_filename(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise InputError(
            f"{name}: files of type {suffix or '(none)'} are not accepted here; "
            f"send one of {', '.join(allowed)}"
        )
    target = folder / name
    n = 1
    while target.exists():
        target = folder / f"{Path(name).stem}-{n}{suffix}"
        n += 1
    size = 0
    head = b""
    with target.open("xb") as sink:
        while block := source.read(1 << 20):
            size += len(block)
            if size > max_bytes:
                raise InputError(
                    f"{name}: larger than the upload limit of {max_bytes // (1024 * 1024)} MB; "
                    "split the export (by month) and send the parts"
                )
            if len(head) < 4096:
                head += block[: 4096 - len(head)]
            sink.write(block)
    if size == 0:
        raise InputError(f"{name}: the file is empty")
    what = _signature(head, suffix)
    if what is not None:
        raise InputError(
            f"{name}: this is {what}, not a data file; Fairshore does not open archives or "
            "programs (decompress and send the files inside)"
        )
    return target


@contextmanager
def scratch_folder(root: Path) -> Iterator[Path]:
    """A private temporary folder under ``root``, removed afterwards whatever happens."""
    root.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="upload-", dir=root))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
