"""One ``Period``: no second period type or period parser may appear in ``src``.

Five period types with mixed inclusive and exclusive ends cost every QBR the last day
of its quarter; this scan fails the day a sixth appears. The home is
``fairshore/metrics/periods.py``; everything else imports ``Period`` and
``parse_period`` from it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import fairshore

SRC = Path(fairshore.__file__).parent
HOME = SRC / "metrics" / "periods.py"

# Classes that are a period or a quarter by name.
PERIOD_CLASS = re.compile(r"(Period|Quarter)$")
# Functions that read period text (``parse_period``, ``parse_quarter``, ``parse_month`` ...).
PERIOD_PARSER = re.compile(r"^_?parse_\w*(period|quarter|month|year)s?$")
# A regular expression for a year followed by a month or quarter: a period parser.
YEAR_PATTERN = re.compile(r"(\\d|\[0-9\])\{4\}\)?-")
# Files whose year patterns read timestamps or identity numbers inside data, not periods.
NOT_PERIODS = {
    SRC / "interactions" / "parsing.py": "timestamps and dates in vendor files",
    SRC / "privacy" / "national_ids.py": "identity-number formats",
}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(SRC)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ClassDef) and PERIOD_CLASS.search(node.name):
            found.append(f"{where} class {node.name}")
        elif isinstance(node, ast.FunctionDef) and PERIOD_PARSER.match(node.name):
            found.append(f"{where} def {node.name}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and YEAR_PATTERN.search(node.value)
            and path not in NOT_PERIODS
        ):
            found.append(f"{where} period pattern {node.value!r}")
        elif isinstance(node, ast.JoinedStr) and any(
            isinstance(v, ast.Constant) and str(v.value).startswith("-Q") for v in node.values
        ):
            found.append(f"{where} quarter label built by hand")
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add)
            and isinstance(node.right, ast.Constant)
            and node.right.value == "-01"
        ):
            found.append(f"{where} month text turned into a date by hand")
    return found


def test_no_second_period_type_or_parser_in_src() -> None:
    offences = [o for path in sorted(SRC.rglob("*.py")) if path != HOME for o in _offences(path)]
    assert offences == [], "use fairshore.metrics.periods (Period, parse_period):\n" + "\n".join(
        offences
    )


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    # The scan must be able to fail: each kind of second period is caught.
    sample = tmp_path / "second.py"
    sample.write_text(
        "import re\n"
        "class ReportPeriod: ...\n"
        "class Quarter: ...\n"
        "def parse_quarter(text): ...\n"
        "_M = re.compile(r'^(\\d{4})-(\\d{2})$')\n"
        "label = f'{year}-Q{n}'\n"
        "first = month + '-01'\n",
        encoding="utf-8",
    )
    kinds = [o.split(" ", 1)[1] for o in _offences_outside(sample)]
    assert kinds == [
        "class ReportPeriod",
        "class Quarter",
        "def parse_quarter",
        "period pattern '^(\\\\d{4})-(\\\\d{2})$'",
        "quarter label built by hand",
        "month text turned into a date by hand",
    ]


def _offences_outside(path: Path) -> list[str]:
    global SRC
    saved, SRC = SRC, path.parent
    try:
        return sorted(_offences(path), key=lambda o: int(o.split(":")[1].split(" ")[0]))
    finally:
        SRC = saved
