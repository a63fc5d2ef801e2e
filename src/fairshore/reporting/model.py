"""The report model: what a report says, independent of how it is rendered.

A ``Report`` is a list of ``Section`` values; each section holds blocks: key figures
with traffic lights, tables, charts (Vega-Lite specs) and notes (e.g. "no data for
this period"). Renderers (HTML, PDF) turn the same model into a document; the Excel
export writes any ``Table``.

A section's ``links`` and a table's ``row_links`` name the web app's live page behind a
figure as a path (``fairshore.web_paths``); the page inside the app links it as it is,
a downloaded file with ``FAIRSHORE_BASE_URL`` in front.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Light = Literal["green", "amber", "red", "grey"]
Paper = Literal["a4", "letter"]
NoteKind = Literal["info", "missing_data", "warning"]
Cell = str | int | float | None

LIGHT_WORDS: dict[Light, str] = {
    "green": "on track",
    "amber": "watch",
    "red": "action needed",
    "grey": "no data",
}


class KeyFigure(BaseModel):
    """One number an executive reads first, with its traffic light.

    ``value`` is None when the period has no data: the figure then says so
    (``text`` = "no data") and its light is grey, never a zero.
    """

    model_config = ConfigDict(frozen=True)

    label: str
    value: float | None
    text: str
    light: Light = "grey"
    detail: str = ""


class Link(BaseModel):
    """A page of the web app: its path (``/engagements/telco-mnl/kpis``) and its words."""

    model_config = ConfigDict(frozen=True)

    href: str = Field(pattern=r"^/")
    text: str


class Table(BaseModel):
    """A table: column titles and rows of plain cells (also what Excel exports).

    ``row_links``, when given, holds each row's live page (or None), linked from the
    cell in ``link_column``.
    """

    model_config = ConfigDict(frozen=True)

    title: str
    columns: list[str]
    rows: list[list[Cell]]
    caption: str = ""
    row_links: list[str | None] = Field(default_factory=list)
    link_column: int = 0


class Chart(BaseModel):
    """A chart as a Vega-Lite specification (rendered to vector SVG)."""

    model_config = ConfigDict(frozen=True)

    title: str
    spec: dict[str, Any]


class Note(BaseModel):
    """A sentence for the reader: missing data, a caveat, an explanation."""

    model_config = ConfigDict(frozen=True)

    text: str
    kind: NoteKind = "info"


Block = KeyFigure | Table | Chart | Note


class Section(BaseModel):
    """A titled part of a report, with an overall traffic light."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    light: Light = "grey"
    blocks: list[Block] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    """The live pages behind the section's figures."""

    @property
    def figures(self) -> list[KeyFigure]:
        """The section's key figures."""
        return [b for b in self.blocks if isinstance(b, KeyFigure)]

    @property
    def has_data(self) -> bool:
        """False when the section only says that data is missing."""
        return not all(isinstance(b, Note) and b.kind == "missing_data" for b in self.blocks)


class DataBatch(BaseModel):
    """An ingest batch a report used, so the report can be reproduced."""

    model_config = ConfigDict(frozen=True)

    batch_id: str
    engagement_id: str
    table: str
    sha256: str | None
    rows: int


class Report(BaseModel):
    """A whole report: what, for which period, from which data, by which methods."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["qbr", "board", "esg"]
    title: str
    subtitle: str
    period: str
    start: date
    end: date
    generated_on: date
    sections: list[Section]
    batches: list[DataBatch]
    methodology: dict[str, str]
    lake_version: int | None = None
    """The lake version read ("data as of"; ``fairshore lake history``)."""

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError when absent)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def tables(self) -> list[Table]:
        """Every table of the report, in order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]
