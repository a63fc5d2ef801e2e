"""Privacy test helpers: the builders in tests/data/privacy are importable as ``lake_fixture``."""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "privacy"
if str(DATA) not in sys.path:
    sys.path.insert(0, str(DATA))
