"""Canonical event tables, ingest of vendor files, and the format adapters."""
