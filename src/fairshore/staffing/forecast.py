"""Reading a contact forecast: one row per interval with contacts and handle time."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

from fairshore.errors import InputError

REQUIRED = ("interval", "contacts", "aht_s")


@dataclass(frozen=True)
class Forecast:
    """Contacts and mean handle time per interval, in file order."""

    labels: list[str]
    contacts: npt.NDArray[np.float64]
    aht_s: npt.NDArray[np.float64]
    interval_min: float


def read_forecast(path: Path, *, interval_min: float | None = None) -> Forecast:
    """Read a forecast CSV with columns ``interval, contacts, aht_s``.

    The interval length comes from ``interval_min`` or, when not given, from the gap
    between the first two interval labels (ISO timestamps or ``HH:MM`` times).
    """
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(
                    f"{path}: missing column(s) {', '.join(missing)}; a forecast needs "
                    "interval, contacts, aht_s"
                )
            rows = list(reader)
    except OSError as exc:
        raise InputError(f"cannot read the forecast {path}: {exc.strerror}") from None
    if not rows:
        raise InputError(f"{path}: the forecast has no intervals")
    labels, contacts, aht = [], [], []
    for line, row in enumerate(rows, start=2):
        labels.append(row["interval"].strip())
        contacts.append(_number(path, line, "contacts", row["contacts"]))
        aht.append(_number(path, line, "aht_s", row["aht_s"]))
        if aht[-1] <= 0 and contacts[-1] > 0:
            raise InputError(f"{path}:{line}: aht_s must be positive where contacts arrive")
    minutes = interval_min if interval_min is not None else _infer_minutes(path, labels)
    if minutes <= 0:
        raise InputError("the interval length must be a positive number of minutes")
    aht_arr = np.asarray(aht, dtype=np.float64)
    return Forecast(
        labels=labels,
        contacts=np.asarray(contacts, dtype=np.float64),
        aht_s=np.where(aht_arr > 0, aht_arr, 1.0),
        interval_min=minutes,
    )


def _number(path: Path, line: int, column: str, value: str | None) -> float:
    try:
        number = float((value or "").strip())
    except ValueError:
        raise InputError(f"{path}:{line}: {column} {value!r} is not a number") from None
    if not np.isfinite(number) or number < 0:
        raise InputError(f"{path}:{line}: {column} must be a finite number >= 0, got {value!r}")
    return number


def _infer_minutes(path: Path, labels: list[str]) -> float:
    if len(labels) >= 2:
        for fmt in (None, "%H:%M", "%H:%M:%S"):
            try:
                first, second = (
                    datetime.fromisoformat(x) if fmt is None else datetime.strptime(x, fmt)
                    for x in labels[:2]
                )
            except ValueError:
                continue
            gap = (second - first).total_seconds() / 60.0
            if gap > 0:
                return gap
    raise InputError(
        f"{path}: cannot tell the interval length from the interval labels; "
        "give it with --interval-min"
    )
