"""Reading a scenario YAML file, with errors that point at the line to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from fairshore.costs.model import Scenario
from fairshore.errors import ScenarioError


def _line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the deepest YAML node reached by a pydantic error location."""
    node = root
    line = None if node is None else node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(part)), None)
            if match is None:
                # an unknown key (extra="forbid") is reported at the key itself
                key = next((k for k, _ in node.value if k.value == str(part)), None)
                if key is None:
                    continue
                match = key
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            continue  # a union tag such as 'Triangular' or 'float'
        line = node.start_mark.line + 1
    return line


_DIST_TAGS = {"float": None, "Triangular": "triangular", "Normal": "normal", "Uniform": "uniform"}
_DIST_HELP = (
    "expected a number or a distribution: {triangular: [low, mode, high]}, "
    "{normal: [mean, sd]} or {uniform: [low, high]}"
)


def _value_at(data: Any, loc: tuple[int | str, ...]) -> Any:
    for part in loc:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _clean_loc(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p[:1].isupper())]
    parts = [p for p in parts if p not in {"float", "int", "bool", "str"}]
    return ".".join(parts) or "scenario"


def _errors(data: Any, exc: ValidationError) -> list[tuple[tuple[int | str, ...], str]]:
    """Pydantic errors, with the branches of a number-or-distribution union folded."""
    out: list[tuple[tuple[int | str, ...], str]] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        tag_at = next((i for i, p in enumerate(loc) if p in _DIST_TAGS), None)
        if tag_at is None:
            out.append((loc, msg))
            continue
        field, tag = loc[:tag_at], str(loc[tag_at])
        value = _value_at(data, field)
        chosen = next((k for k in ("triangular", "normal", "uniform") if k in (value or {})), None)
        if isinstance(value, dict) and chosen is not None:
            if _DIST_TAGS[tag] == chosen:
                out.append((loc, msg))
        elif tag == "float":
            out.append((field, f"{_DIST_HELP}, got {value!r}"))
    return out


def _message(path: Path, root: yaml.Node | None, data: Any, exc: ValidationError) -> str:
    lines, seen = [], set()
    for loc, msg in _errors(data, exc):
        where = _clean_loc(loc)
        if (where, msg) in seen:
            continue
        seen.add((where, msg))
        line = _line_of(root, loc)
        lines.append(f"{path}:{line or 1}: {where}: {msg}")
    return "invalid scenario:\n" + "\n".join(lines)


def parse_scenario(text: str, *, path: Path) -> Scenario:
    """Validate scenario YAML text; errors name the file, line and field."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(f"{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}:1: a scenario is a mapping (name, currency, fx, ...)")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_message(path, root, data, exc)) from None


def load_scenario(path: Path) -> Scenario:
    """Read and validate a scenario file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"cannot read the scenario {path}: {exc.strerror}") from None
    return parse_scenario(text, path=path)
