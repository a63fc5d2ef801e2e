"""One home per outcome: no second definition of a per-contact outcome in ``src``.

KPIs, parity, staffing and QA each had their own "answered", "wait" and "answered
within T"; the copies drifted (integer against microsecond seconds, abandons with or
without an answer). The home is ``fairshore/metrics/outcomes.py``; everything else
imports its builders. This scan fails the day a second definition appears.
"""

from __future__ import annotations

import ast
from pathlib import Path

import fairshore

SRC = Path(fairshore.__file__).parent
HOME = SRC / "metrics" / "outcomes.py"

# Contact timestamps of the canonical interactions table.
CONTACT_TIMES = {"arrived_at", "answered_at", "abandoned_at", "resolved_at"}
# Engine functions turning a timestamp into a number (DuckDB, Ibis, Spark spellings).
EPOCH_CALLS = {"epoch_us", "epoch_seconds", "epoch", "unix_micros", "unix_seconds"}
# Names of old copies that are not (or no longer) the home's names.
OLD_NAMES = {"seconds", "sl_counts", "sl_variants", "wait", "aht"}
# What an outcome is built from: a function of that name reading none of these (an
# ingest parser of vendor records, a getter of a KPI row) defines no outcome.
CONTACT_COLUMNS = CONTACT_TIMES | {"csat", "handle_seconds", "first_contact_resolved"}


def _builders() -> set[str]:
    """The home's public builder names: a function elsewhere with one of them is a copy."""
    tree = ast.parse(HOME.read_text(encoding="utf-8"))
    return {
        n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")
    }


def _called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        f = node.func
        return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
    return None


def _mentions(node: ast.AST, names: set[str]) -> bool:
    return any(
        (isinstance(n, ast.Attribute) and n.attr in names) or _called(n) in names
        for n in ast.walk(node)
    )


def _kind(node: ast.AST, builders: set[str]) -> str | None:
    if (
        isinstance(node, ast.FunctionDef)
        and node.name.lstrip("_") in builders | OLD_NAMES
        and _mentions(node, CONTACT_COLUMNS | EPOCH_CALLS)
    ):
        return f"def {node.name}"
    if (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Sub)
        and _mentions(node.left, EPOCH_CALLS)
        and _mentions(node.right, EPOCH_CALLS)
    ):
        return "seconds between two times by epoch subtraction"
    if _called(node) == "delta" and _mentions(node, CONTACT_TIMES):
        return "seconds between contact times by delta"
    if (
        _called(node) in {"notnull", "isnull"}
        and isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr in {"answered_at", "abandoned_at"}
    ):
        return f"answered/abandoned by hand ({node.func.value.attr}.{node.func.attr})"
    if (
        isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Attribute)
        and node.left.attr == "csat"
    ):
        return "CSAT box by hand"
    return None


def _offences(path: Path, *, root: Path = SRC) -> list[str]:
    builders = _builders()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        kind = _kind(node, builders)
        if kind is not None:
            found.append((getattr(node, "lineno", 0), f"{path.relative_to(root)}:{kind}"))
    return [text for _, text in sorted(found)]


def test_no_second_outcome_definition_in_src() -> None:
    offences = [o for path in sorted(SRC.rglob("*.py")) if path != HOME for o in _offences(path)]
    assert offences == [], "use fairshore.metrics.outcomes:\n" + "\n".join(offences)


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    # The scan must be able to fail: each kind of second definition is caught.
    sample = tmp_path / "second.py"
    sample.write_text(
        "def _seconds(later, earlier):\n"
        "    return (epoch_us(later) - epoch_us(earlier)) / 1e6\n"
        "def answered(t):\n"
        "    return t.answered_at.notnull()\n"
        "def aht(t):\n"
        "    return t.handle_seconds.mean()\n"
        "wait = t.answered_at.epoch_seconds() - t.arrived_at.epoch_seconds()\n"
        "late = t.answered_at.delta(t.arrived_at, unit='second') > 20\n"
        "abd = t.abandoned_at.notnull() & t.answered_at.isnull()\n"
        "top = t.csat >= 4\n",
        encoding="utf-8",
    )
    kinds = [o.split(":", 1)[1] for o in _offences(sample, root=tmp_path)]
    assert kinds == [
        "def _seconds",
        "seconds between two times by epoch subtraction",
        "def answered",
        "answered/abandoned by hand (answered_at.notnull)",
        "def aht",
        "seconds between two times by epoch subtraction",
        "seconds between contact times by delta",
        "answered/abandoned by hand (abandoned_at.notnull)",
        "answered/abandoned by hand (answered_at.isnull)",
        "CSAT box by hand",
    ]


def test_the_home_defines_what_the_scan_guards() -> None:
    # The names the scan reads from the home are the outcomes this test promises.
    assert {"seconds_between", "answered", "abandoned", "wait_s", "service_level", "fcr"} <= (
        _builders()
    )
    assert "csat_top2" in _builders() and "handle_s" in _builders()
