"""Lets these tests write lake rows with the metrics tests' helper."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "integration" / "metrics"))
