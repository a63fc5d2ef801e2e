"""The house rules of ``make check`` (scripts/check_house.py) catch what they name."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[3]


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_house", ROOT / "scripts" / "check_house.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("check_house", module)
    spec.loader.exec_module(module)
    return module


def _tree(src: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = src / "fairshore" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return src


def test_a_tidy_house_has_no_breach(tmp_path: Path) -> None:
    src = _tree(tmp_path, {
        "__init__.py": "",
        "metrics/__init__.py": '__all__ = ["periods"]\n',
        "metrics/periods.py": "X = 1\n",
        "metrics/kpis.py": "from fairshore.metrics.periods import X\n",
        "parity/__init__.py": '__all__ = ["services"]\n',
        "parity/services.py": "from fairshore.metrics.periods import X\n"
                              "from fairshore.metrics import periods\n",
    })  # fmt: skip
    assert _checker().breaches_in(src) == []


def test_a_private_module_imported_from_another_feature_is_a_breach(tmp_path: Path) -> None:
    src = _tree(tmp_path, {
        "__init__.py": "",
        "metrics/__init__.py": '__all__ = ["periods"]\n',
        "metrics/kpis.py": "Y = 2\n",
        "parity/__init__.py": '__all__ = ["services"]\n',
        "parity/services.py": "from fairshore.metrics import kpis\n",
        "entrypoints/cli.py": "import fairshore.metrics.kpis\n",
    })  # fmt: skip
    breaches = _checker().breaches_in(src)
    assert len(breaches) == 2
    assert all("imports fairshore.metrics.kpis, not in the public API" in b for b in breaches)


def test_a_feature_without_all_and_a_long_module_are_breaches(tmp_path: Path) -> None:
    src = _tree(tmp_path, {
        "__init__.py": "",
        "metrics/__init__.py": '"""No public API named."""\n',
        "parity/__init__.py": "__all__: list[str] = []\n",
        "parity/audit.py": "x = 1\n" * 501,
        "parity/short.py": "x = 1\n" * 500,
    })  # fmt: skip
    breaches = _checker().breaches_in(src)
    assert len(breaches) == 2
    assert "no __all__ naming the public modules" in breaches[0]
    assert "audit.py:1: 501 lines, over 500" in breaches[1]


def test_only_the_workspace_builds_a_lake(tmp_path: Path) -> None:
    src = _tree(tmp_path, {
        "__init__.py": "",
        "bootstrap.py": "lake = Lake.from_settings(settings)\n",
        "metrics/__init__.py": "__all__ = []\n",
        "metrics/services.py": "lake = ws.lake_reader\nother = Lake.from_settings(ws.settings)\n",
    })  # fmt: skip
    assert [b.split("/fairshore/")[1] for b in _checker().breaches_in(src)] == [
        "metrics/services.py:2: builds a Lake: read the workspace's (ws.lake_reader)"
    ]
