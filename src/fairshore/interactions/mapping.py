"""Mapping files: how a vendor's columns and codes become canonical ones (YAML).

Zendesk and Freshdesk mappings are small dictionaries (``custom_fields``,
``channels``, ``statuses`` ...). The ACD call-detail mapping is a typed model,
:class:`AcdMapping`; ``anonbank.yaml`` (shipped) is its worked example.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fairshore.errors import IngestError

Outcome = Literal["answered", "abandoned", "quarantine"]


class Segment(BaseModel):
    """One stage of a call: start and end clock columns and its duration column."""

    model_config = ConfigDict(extra="forbid")

    start: str
    end: str
    seconds: str | None = None


class DateColumn(BaseModel):
    """The column holding the call's date, and its strptime format."""

    model_config = ConfigDict(extra="forbid")

    column: str
    format: str = "%Y-%m-%d"


class Derived(BaseModel):
    """A canonical column computed from a source column through a value table."""

    model_config = ConfigDict(extra="forbid")

    column: str
    values: dict[str, str | None]
    default: str | None = None


class OutcomeCodes(BaseModel):
    """The outcome column and what each of its codes means."""

    model_config = ConfigDict(extra="forbid")

    column: str
    codes: dict[str, Outcome]


class AcdMapping(BaseModel):
    """A generic ACD call-detail CSV described column by column.

    Times of day are read with ``time_formats`` (tried in order) on the date of the
    ``date`` column; a time earlier than the call's first time by more than 12 hours
    belongs to the next day (calls across midnight). A segment whose start and end
    are both in ``empty_times`` and whose duration is 0 did not happen.
    """

    model_config = ConfigDict(extra="forbid")

    format: Literal["acd"] = "acd"
    delimiter: str = ","
    encoding: str = "utf-8"
    timezone: str | None = None
    id_columns: list[str] = Field(min_length=1)
    id_separator: str = "-"
    date: DateColumn
    time_formats: list[str] = Field(default_factory=lambda: ["%H:%M:%S", "%H:%M"])
    empty_times: list[str] = Field(default_factory=lambda: ["0:00:00", "00:00:00", ""])
    ivr: Segment | None = None
    queue: Segment | None = None
    service: Segment
    arrival: Literal["ivr", "queue"] = "queue"
    clock_tolerance_seconds: float = Field(default=5, ge=0)
    ivr_hangups: Literal["abandoned", "quarantine"] = "abandoned"
    outcome: OutcomeCodes
    columns: dict[str, str] = Field(default_factory=dict)
    null_values: dict[str, list[str]] = Field(default_factory=dict)
    derive: dict[str, Derived] = Field(default_factory=dict)
    constants: dict[str, str] = Field(default_factory=lambda: {"channel": "voice"})

    def source_columns(self) -> list[str]:
        """Every source column the mapping reads."""
        cols = [*self.id_columns, self.date.column, self.outcome.column]
        for seg in (self.ivr, self.queue, self.service):
            if seg is not None:
                cols += [seg.start, seg.end] + ([seg.seconds] if seg.seconds else [])
        cols += list(self.columns.values()) + [d.column for d in self.derive.values()]
        return list(dict.fromkeys(cols))


BUILTIN = ("anonbank", "qa-long", "qa-wide", "cxone-evaluation-details")


def load_mapping(path: Path | str | None) -> dict[str, Any]:
    """A mapping file (or a built-in one by name, e.g. ``anonbank``) as a dictionary."""
    if path is None:
        return {}
    name = Path(path).name
    if str(path) in BUILTIN:
        text = (
            resources.files("fairshore.interactions.mappings")
            .joinpath(f"{path}.yaml")
            .read_text(encoding="utf-8")
        )
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise IngestError(f"cannot read the mapping file {name}: {exc.strerror}") from None
    # Messages name the file, never its folder: on a server that is a private path.
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise IngestError(f"mapping file {name} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise IngestError(f"mapping file {name} must be a YAML mapping (key: value lines)")
    return data


def acd_mapping(data: dict[str, Any]) -> AcdMapping:
    """Validate an ACD mapping, naming every problem."""
    if not data:
        raise IngestError(
            "the acd format needs a mapping file: --mapping FILE.yaml (see docs/ingest.md; "
            "--mapping anonbank uses the shipped mapping of the 1999 Anonymous Bank log)"
        )
    try:
        return AcdMapping.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise IngestError(f"invalid ACD mapping: {problems}") from None
