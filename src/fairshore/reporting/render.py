"""Renderers: one class per format behind a Protocol, found through a registry."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from fairshore.errors import InputError
from fairshore.reporting.model import Paper, Report


class Renderer(Protocol):
    """Turns a report into a document of one format."""

    name: str
    suffix: str

    def render(self, report: Report, *, paper: Paper) -> bytes:
        """The document's bytes."""
        ...


_REGISTRY: dict[str, type[Renderer]] = {}


def register_renderer(cls: type[Renderer]) -> type[Renderer]:
    """Class decorator: make a renderer available by its ``name``."""
    _REGISTRY[cls.name] = cls
    return cls


def renderer_names() -> list[str]:
    """Every registered format."""
    _load_builtin()
    return sorted(_REGISTRY)


def get_renderer(name: str) -> Renderer:
    """A renderer for ``name`` (``html``, ``pdf``)."""
    _load_builtin()
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise InputError(
            f"no renderer for {name!r}; choose one of {', '.join(sorted(_REGISTRY))}"
        ) from None


def write_report(report: Report, path: Path, *, fmt: str, paper: Paper = "a4") -> Path:
    """Render ``report`` as ``fmt`` into ``path`` (parent folders created)."""
    data = get_renderer(fmt).render(report, paper=paper)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _load_builtin() -> None:
    # Imported here so that each renderer module registers itself on first use.
    from fairshore.reporting import html_renderer, pdf_renderer  # noqa: F401
