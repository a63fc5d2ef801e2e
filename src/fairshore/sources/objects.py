"""Where a file source's objects are: a folder on this machine, or an ``s3://`` prefix.

Both list their objects recursively with a *stamp* (size and modification time; an
object rewritten in place gets a new one), so a sync fetches only objects it has not
seen with that stamp. S3 is read through ``pyarrow.fs`` with the ``AWS_*`` variables
the lake's object store uses (``AWS_ENDPOINT_URL``, ``AWS_REGION``, keys,
``AWS_ALLOW_HTTP``; see ``docs/lake.md``).
"""

from __future__ import annotations

import fnmatch
import gzip
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fairshore.config import object_store
from fairshore.sources.http import SourceError


@dataclass(frozen=True)
class Listed:
    """An object found under the location: its key (relative, ``/``-separated) and stamp."""

    key: str
    stamp: str


def is_s3(location: str) -> bool:
    """True for an ``s3://bucket/prefix`` location."""
    return location.lower().startswith("s3://")


def check_location(location: str) -> str:
    """The location as stored: an absolute folder path, or the ``s3://`` URI."""
    if is_s3(location):
        bucket = location[5:].split("/", 1)[0]
        if not bucket:
            raise SourceError(f"{location}: give the bucket, as s3://bucket/prefix")
        return location.rstrip("/")
    folder = Path(location).expanduser().resolve()
    if not folder.is_dir():
        raise SourceError(f"{folder} is not a folder on this machine")
    return str(folder)


def list_objects(location: str, pattern: str) -> list[Listed]:
    """The objects under ``location`` whose relative key matches ``pattern``, by key."""
    found = _list_s3(location) if is_s3(location) else _list_folder(Path(location))
    return sorted((o for o in found if fnmatch.fnmatchcase(o.key, pattern)), key=lambda o: o.key)


def fetch(location: str, key: str, scratch: Path, *, gunzip_limit: int | None = None) -> Path:
    """A local path holding the object's bytes (the file itself for a folder).

    With ``gunzip_limit``, a gzip object (Firehose compresses what it delivers) is
    expanded into ``scratch``, refused past ``gunzip_limit`` bytes (a zip bomb)."""
    path = Path(location) / key
    if is_s3(location):
        path = scratch / "s3" / key
        path.parent.mkdir(parents=True, exist_ok=True)
        fs, prefix = _s3(location)
        try:
            with fs.open_input_stream(f"{prefix}/{key}") as stream:
                path.write_bytes(stream.read())
        except OSError as exc:
            raise SourceError(f"cannot read {location}/{key}: {exc}") from None
    if gunzip_limit is None or not _is_gzip(path):
        return path
    target = scratch / "expanded" / key.removesuffix(".gz")
    target.parent.mkdir(parents=True, exist_ok=True)
    _gunzip(path, target, limit=gunzip_limit)
    return target


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _gunzip(source: Path, target: Path, *, limit: int) -> None:
    written = 0
    try:
        with gzip.open(source, "rb") as packed, target.open("wb") as out:
            while chunk := packed.read(1 << 20):
                written += len(chunk)
                if written > limit:
                    raise SourceError(
                        f"{source.name} expands to more than {limit:,} bytes "
                        "(FAIRSHORE_INGEST_MAX_BYTES): not read"
                    )
                out.write(chunk)
    except (OSError, EOFError) as exc:
        raise SourceError(f"{source.name} is not a readable gzip file: {exc}") from None


def _list_folder(folder: Path) -> list[Listed]:
    if not folder.is_dir():
        raise SourceError(f"the folder {folder} is gone (moved or unmounted?)")
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            found.append(
                Listed(path.relative_to(folder).as_posix(), f"{st.st_size}:{st.st_mtime_ns}")
            )
    return found


def _list_s3(location: str) -> list[Listed]:
    from pyarrow import fs as pafs

    store, prefix = _s3(location)
    try:
        infos = store.get_file_info(pafs.FileSelector(prefix, recursive=True, allow_not_found=True))
    except OSError as exc:
        raise SourceError(f"cannot list {location}: {exc}") from None
    return [
        Listed(i.path[len(prefix) + 1 :], f"{i.size}:{i.mtime_ns}")
        for i in infos
        if i.type == pafs.FileType.File
    ]


def _s3(location: str, environ: Mapping[str, str] | None = None) -> tuple[Any, str]:
    """A pyarrow S3 file system from the ``AWS_*`` variables, and ``bucket/prefix``."""
    from pyarrow import fs as pafs

    options = object_store(location, environ=environ or os.environ, overrides={}).storage_options
    endpoint = options.get("AWS_ENDPOINT_URL", "")
    scheme = "http" if endpoint.startswith("http://") else "https"
    store = pafs.S3FileSystem(
        access_key=options.get("AWS_ACCESS_KEY_ID"),
        secret_key=options.get("AWS_SECRET_ACCESS_KEY"),
        session_token=options.get("AWS_SESSION_TOKEN"),
        region=options.get("AWS_REGION", "us-east-1"),
        endpoint_override=endpoint.split("://", 1)[-1] or None,
        scheme=scheme,
    )
    return store, location[5:].rstrip("/")
