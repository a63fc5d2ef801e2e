"""Precision and recall of PII detection per entity type on the labelled corpora.

``python -m benchmarks.redaction_quality [--misses] [--presidio-default]`` prints one
line per entity type on ``corpus.jsonl``, then person-name recall per language on the
worker-voice grievances of ``voice_names.jsonl`` (names in es, pl, hi, en);
``--presidio-default`` scores Presidio's default recognizer registry (blank spaCy
pipeline, offline) on the same corpora for comparison.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from fairshore.privacy.detection import PiiDetector, resolve_overlaps
from fairshore.privacy.model import Detection
from fairshore.privacy.quality import Detects, evaluate, load_corpus, recall_by_language

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "privacy"
CORPUS = DATA / "corpus.jsonl"
VOICE_NAMES = DATA / "voice_names.jsonl"
HELD_OUT = DATA / "voice_names_held_out.jsonl"


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


class PresidioDefault:
    """Presidio's default recognizer registry behind our ``detect`` interface."""

    def __init__(self) -> None:
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

        from fairshore.privacy.detection import BlankSpacyNlpEngine

        tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())  # no network
        nlp = BlankSpacyNlpEngine()
        nlp.load()
        registry = RecognizerRegistry()
        registry.load_predefined_recognizers(nlp_engine=nlp)
        self.analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp)

    def detect(self, text: str, *, known: Mapping[str, str] | None = None) -> list[Detection]:
        results = self.analyzer.analyze(text=text, language="en")  # Presidio default: 0
        return resolve_overlaps(
            Detection(entity=r.entity_type, start=r.start, end=r.end, score=min(1.0, r.score))
            for r in results
        )


def main() -> None:
    detector = PresidioDefault() if "--presidio-default" in sys.argv else PiiDetector()
    report = evaluate(load_corpus(CORPUS), detector)
    print(f"corpus: {CORPUS.name}, {report.texts} texts")
    print(f"{'entity':<16}{'support':>8}{'pred':>6}{'precision':>11}{'recall':>8}")
    for s in report.scores:
        print(
            f"{s.entity:<16}{s.support:>8}{s.predicted:>6}{_fmt(s.precision):>11}{_fmt(s.recall):>8}"
        )
    if "--misses" in sys.argv:
        print("\nmissed:", *report.misses, sep="\n  ")
        print("\nfalse alarms:", *report.false_alarms, sep="\n  ")
    names_by_language(detector, VOICE_NAMES)
    names_by_language(detector, HELD_OUT)


def names_by_language(detector: Detects, path: Path) -> None:
    """Person-name recall per language on a worker-voice corpus."""
    corpus = load_corpus(path)
    print(f"\ncorpus: {path.name}, {len(corpus)} texts: PERSON by language")
    print(f"{'lang':<6}{'names':>6}{'found':>7}{'recall':>8}{'whole':>7}{'recall':>8}{'false':>7}")
    for r in recall_by_language(corpus, detector, entity="PERSON"):
        print(
            f"{r.lang:<6}{r.support:>6}{r.found:>7}{_fmt(r.recall):>8}"
            f"{r.covered:>7}{_fmt(r.covered_recall):>8}{r.false_alarms:>7}"
        )
    if "--misses" in sys.argv:
        report = evaluate(corpus, detector)
        print("\nmissed:", *report.misses, sep="\n  ")
        print("\nfalse alarms:", *report.false_alarms, sep="\n  ")


if __name__ == "__main__":
    main()
