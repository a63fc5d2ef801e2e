"""The house rules import-linter cannot say: module size and each feature's public API.

1. No module of a feature package is over 500 lines (STYLE.md: a module over 500
   deserves a second look; issue 19 made it a rule).
2. Each feature package names its public modules in ``__all__`` of its ``__init__``;
   code outside the feature imports only those (``fairshore.<feature>.<module>`` with
   ``<module>`` in ``__all__``, or ``fairshore.<feature>`` itself). Entry points follow
   the same rule. ``__all__`` lists modules rather than re-exported names so that
   importing a feature stays lazy: ``fairshore.metrics.periods`` must not import Ibis.
3. Nothing but the workspace builds a lake reader: services read ``ws.lake_reader``,
   which the workspace owns and closes (``bootstrap.py``), never ``Lake.from_settings``
   or ``Lake(...)`` of their own.

Run by ``make check``; prints each breach as ``path:line: message`` and exits 1.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
ROOT = "fairshore"
MAX_LINES = 500
FEATURES = (
    "accounts",
    "contracts",
    "costs",
    "demo",
    "engagements",
    "governance",
    "interactions",
    "metrics",
    "parity",
    "people",
    "privacy",
    "quality",
    "reporting",
    "sourcing",
    "staffing",
    "vetting",
)


def module_name(path: Path, src: Path = SRC) -> str:
    parts = path.relative_to(src).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def public_modules(feature: str, src: Path = SRC) -> set[str] | None:
    """The names in ``__all__`` of the feature's ``__init__``; None when it has none."""
    tree = ast.parse((src / ROOT / feature / "__init__.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                value = ast.literal_eval(node.value)  # type: ignore[arg-type]
                return set(value)
    return None


def imported(tree: ast.AST, importer: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) of every import in ``tree``, ``from a import b`` as ``a.b`` too."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = importer.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            out.append((node.lineno, base))
            out += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return out


def size_breaches(path: Path) -> list[str]:
    lines = len(path.read_text().splitlines())
    if lines <= MAX_LINES:
        return []
    return [f"{path}:1: {lines} lines, over {MAX_LINES}: split it by use case"]


def api_breaches(path: Path, publics: dict[str, set[str] | None], src: Path = SRC) -> list[str]:
    importer = module_name(path, src)
    own = importer.split(".")[1] if importer.count(".") else ""
    tree = ast.parse(path.read_text())
    out: list[str] = []
    for line, name in imported(tree, importer, path.name == "__init__.py"):
        parts = name.split(".")
        if len(parts) < 3 or parts[0] != ROOT or parts[1] not in publics or parts[1] == own:
            continue
        allowed = publics[parts[1]]
        if allowed is None or parts[2] not in allowed:
            breach = (
                f"{path}:{line}: imports {'.'.join(parts[:3])}, not in the public API "
                f"(__all__ of {ROOT}.{parts[1]})"
            )
            if breach not in out:
                out.append(breach)
    return out


LAKE_BUILDERS = re.compile(r"\bLake\.from_settings\(|\bLake\(")
LAKE_OWNERS = ("bootstrap.py", "adapters/lake/")


def lake_breaches(path: Path, src: Path = SRC) -> list[str]:
    relative = path.relative_to(src / ROOT).as_posix()
    if relative.startswith(LAKE_OWNERS):
        return []
    return [
        f"{path}:{number}: builds a Lake: read the workspace's (ws.lake_reader)"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if LAKE_BUILDERS.search(line) and not line.lstrip().startswith("#")
    ]


def breaches_in(src: Path = SRC) -> list[str]:
    """Every breach of the house rules in the package under ``src``."""
    publics = {f: public_modules(f, src) for f in FEATURES if (src / ROOT / f).is_dir()}
    breaches = [
        f"{src / ROOT / f / '__init__.py'}:1: no __all__ naming the public modules"
        for f, names in publics.items()
        if names is None
    ]
    for path in sorted((src / ROOT).rglob("*.py")):
        feature = path.relative_to(src / ROOT).parts[0]
        if feature in FEATURES:
            breaches += size_breaches(path)
        breaches += api_breaches(path, publics, src)
        breaches += lake_breaches(path, src)
    return breaches


def main() -> int:
    breaches = breaches_in()
    print(*breaches, sep="\n", file=sys.stderr)
    if breaches:
        print(f"{len(breaches)} breaches of the house rules", file=sys.stderr)
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
