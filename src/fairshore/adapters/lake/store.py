"""Where the lake's tables live: a folder on this machine, or an object store.

``FAIRSHORE_LAKE_URI=s3://bucket/prefix`` (or ``gs://``, ``abfss://``, ``az://``) puts
the Delta tables in an S3 (or S3-compatible) bucket, a Google Cloud Storage bucket or an
Azure container, read and written through delta-rs' object stores (see
:class:`fairshore.config.ObjectStore` for its options). Staging, quarantine and raw
files stay in the workspace folder (``docs/lake.md``).
"""

from __future__ import annotations

from pathlib import Path

from fairshore.config import ObjectStore

LakeRoot = Path | ObjectStore
"""The lake's location: a local folder, or an object store."""


def table_uri(root: LakeRoot, table: str) -> str:
    """Where a table's Delta log and files are (a path or an object URI)."""
    return root.table_uri(table) if isinstance(root, ObjectStore) else str(root / table)


def storage_options(root: LakeRoot) -> dict[str, str] | None:
    """delta-rs storage options of the lake (None for a local folder)."""
    return root.storage_options if isinstance(root, ObjectStore) else None
