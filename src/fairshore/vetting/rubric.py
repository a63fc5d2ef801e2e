"""The rubric library: versioned YAML files shipped as package data.

A rubric file is ``rubrics/<id>.v<version>.yaml``. Ids and versions are stable: a
score names the ``<id>@<version>`` it was computed with, so an old score can always
be recomputed and checked.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import ValidationError

from fairshore.errors import NotFoundError, VettingError
from fairshore.vetting.model import Rubric

DEFAULT_RUBRIC = "ethical-bpo"


@lru_cache(maxsize=1)
def _files() -> tuple[str, ...]:
    """The rubric files shipped with the package (they do not change while it runs)."""
    folder = resources.files("fairshore.vetting") / "rubrics"
    return tuple(sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml")))


def parse_rubric(text: str, *, origin: str = "rubric") -> Rubric:
    """Validate a rubric from YAML text, raising ``VettingError`` naming what is wrong."""
    try:
        data = yaml.safe_load(text)
        return Rubric.model_validate(data)
    except yaml.YAMLError as exc:
        raise VettingError(f"{origin}: not valid YAML: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'rubric'}: {e['msg']}" for e in exc.errors()
        )
        raise VettingError(f"{origin}: invalid rubric: {problems}") from None


@lru_cache(maxsize=16)
def _load(name: str) -> Rubric:
    text = (resources.files("fairshore.vetting") / "rubrics" / name).read_text("utf-8")
    return parse_rubric(text, origin=name)


def list_rubrics() -> list[Rubric]:
    """Every rubric in the library, by id then version."""
    return sorted((_load(n) for n in _files()), key=lambda r: (r.id, r.version))


def get_rubric(rubric_id: str = DEFAULT_RUBRIC, version: int | None = None) -> Rubric:
    """A rubric by id (``"ethical-bpo"`` or ``"ethical-bpo@1"``); newest version by default."""
    if "@" in rubric_id and version is None:
        rubric_id, _, v = rubric_id.partition("@")
        if not v.isdigit():
            raise NotFoundError(f"rubric version {v!r} is not a number (write e.g. ethical-bpo@1)")
        version = int(v)
    found = [r for r in list_rubrics() if r.id == rubric_id]
    if version is not None:
        found = [r for r in found if r.version == version]
    if not found:
        known = ", ".join(sorted({r.ref for r in list_rubrics()}))
        raise NotFoundError(f"unknown rubric {rubric_id}@{version or 'latest'} (known: {known})")
    return found[-1]
