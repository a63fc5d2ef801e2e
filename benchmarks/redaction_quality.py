"""Precision and recall of PII detection per entity type on the labelled corpus.

``python -m benchmarks.redaction_quality [--misses]`` prints one line per entity type.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fairshore.privacy.detection import PiiDetector
from fairshore.privacy.quality import evaluate, load_corpus

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "privacy" / "corpus.jsonl"


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def main() -> None:
    report = evaluate(load_corpus(CORPUS), PiiDetector())
    print(f"corpus: {CORPUS.name}, {report.texts} texts")
    print(f"{'entity':<16}{'support':>8}{'pred':>6}{'precision':>11}{'recall':>8}")
    for s in report.scores:
        print(
            f"{s.entity:<16}{s.support:>8}{s.predicted:>6}{_fmt(s.precision):>11}{_fmt(s.recall):>8}"
        )
    if "--misses" in sys.argv:
        print("\nmissed:", *report.misses, sep="\n  ")
        print("\nfalse alarms:", *report.false_alarms, sep="\n  ")


if __name__ == "__main__":
    main()
