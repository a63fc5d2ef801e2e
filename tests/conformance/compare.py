"""Equality of results computed on two engines: exact for everything but floats."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

# Floats agree to 1e-9 relative: the engines sum in different orders, nothing more.
REL = 1e-9
ABS = 1e-9


def plain(value: Any) -> Any:
    """Models, dataclasses and containers as plain dicts and lists."""
    if isinstance(value, BaseModel):
        return plain(value.model_dump())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def differences(a: Any, b: Any, path: str = "$") -> list[str]:
    """Where two plain values differ (empty when they agree)."""
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return [] if a is b else [f"{path}: {a!r} != {b!r}"]
        fa, fb = float(a), float(b)
        if math.isnan(fa) and math.isnan(fb):
            return []
        if math.isclose(fa, fb, rel_tol=REL, abs_tol=ABS):
            return []
        return [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a.keys() ^ b.keys())} differ"]
        return [d for k in a for d in differences(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)} items"]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in differences(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def assert_same(a: Any, b: Any) -> None:
    """Fail with the first differences when two results disagree."""
    found = differences(plain(a), plain(b))
    assert not found, "engines disagree:\n" + "\n".join(found[:20])
