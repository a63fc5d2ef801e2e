"""Reading a contract file: YAML to a validated ``Contract``, errors with line numbers.

The YAML is composed into a node tree first (keeping each node's line), then
validated with pydantic; every validation error's path (``service_terms.1.target``)
is walked down the node tree to the line that holds the offending value, or the
line of the nearest parent mapping when a key is missing.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import yaml
from pydantic import ValidationError

from fairshore.contracts.model import Contract
from fairshore.errors import ContractError


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys (YAML silently keeps the last)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise ContractError(
                f"line {key_node.start_mark.line + 1}: duplicate key {key!r} "
                f"(first on line {seen[key]})"
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line_of(root: yaml.Node | None, path: tuple[int | str, ...]) -> int:
    """The 1-based line of the node at ``path``, or of its deepest existing parent."""
    node = root
    line = 1 if root is None else root.start_mark.line + 1
    for part in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(part):
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            break
        node = child
        line = child.start_mark.line + 1
    return line


def _path_text(path: tuple[int | str, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "contract"


def _messages(exc: ValidationError, root: yaml.Node | None, source: str) -> list[str]:
    lines = []
    for err in exc.errors():
        path = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "extra_forbidden":
            message = "unknown field (check the spelling)"
        lines.append(f"{source}:{_line_of(root, path)}: {_path_text(path)}: {message}")
    return lines


def parse_contract(text: str, *, source: str = "contract") -> Contract:
    """Validate contract YAML ``text``; raise ``ContractError`` naming file and lines.

    Examples
    --------
    >>> parse_contract("id: x\\n", source="c.yaml")  # doctest: +SKIP
    ContractError: c.yaml:1: version: required field is missing; ...
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except ContractError as exc:
        raise ContractError(f"{source}: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise ContractError(f"{source}:{line}: not valid YAML: {exc.problem}") from None
    if not isinstance(data, dict):
        raise ContractError(f"{source}:1: a contract file is a YAML mapping (id, version, ...)")
    try:
        return Contract.model_validate(data)
    except ValidationError as exc:
        raise ContractError("\n".join(_messages(exc, root, source))) from None


def check_scope_references(
    text: str,
    contract: Contract,
    *,
    vendor_id: str,
    sites: Collection[str],
    source: str = "contract",
) -> None:
    """Refuse service-term scopes naming a vendor or site the engagement does not have.

    ``vendor_id`` is the vendor of the contract's engagement (the only vendor whose
    contacts it holds) and ``sites`` the engagement's sites. A scope
    naming anything else would select no contacts and leave the term forever
    ``insufficient_data``; the error names the line of the offending value.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    known = {"vendor": {vendor_id}, "site": set(sites)}
    errors = []
    for i, term in enumerate(contract.service_terms):
        for key in ("vendor", "site"):
            for j, value in enumerate(term.scope.get(key, [])):
                if value in known[key]:
                    continue
                path: tuple[int | str, ...] = ("service_terms", i, "scope", key, j)
                choices = ", ".join(sorted(known[key])) or "none registered"
                what = (
                    f"vendor {value!r} is not the vendor of engagement {contract.engagement!r}"
                    if key == "vendor"
                    else f"site {value!r} is not a site of engagement {contract.engagement!r}"
                )
                errors.append(
                    f"{source}:{_line_of(root, path)}: {_path_text(path[:-1])}: {what} "
                    f"(known: {choices})"
                )
    if errors:
        raise ContractError("\n".join(errors))
