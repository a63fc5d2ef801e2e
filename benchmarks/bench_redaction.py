"""Redaction throughput on ticket texts, beside Presidio's default analyzer configuration.

``FAIRSHORE_BENCH_ROWS`` texts (default 100,000) are made from the labelled corpus's
templates. Ours: ``PiiDetector`` (our finders inside Presidio on ``spacy.blank``) plus
replacement through Presidio's anonymizer. Baseline: Presidio's default recognizer
registry, run offline. The true default configuration loads ``en_core_web_lg``, which
cannot be downloaded here, so the baseline uses the default registry with the same
blank spaCy pipeline (its NER recognizer then finds nothing) and tldextract's bundled
suffix list instead of its network fetch.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "privacy" / "corpus.jsonl"


def ticket_texts(n: int) -> list[str]:
    """``n`` ticket texts: corpus texts cycled, each with its row number appended."""
    base = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return [f"{base[i % len(base)]} (ticket {i})" for i in range(n)]


def _ours(texts: list[str]) -> float:
    from fairshore.privacy.operators import OperatorParams, operator
    from fairshore.privacy.redaction import Redactor

    redactor = Redactor(operator("redact", OperatorParams()))
    start = time.perf_counter()
    for text in texts:
        redactor.redact(text)
    return time.perf_counter() - start


def _presidio_default(texts: list[str]) -> float:
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_anonymizer import AnonymizerEngine

    from fairshore.privacy.detection import BlankSpacyNlpEngine

    offline = tldextract.TLDExtract(suffix_list_urls=())  # bundled list, no fetch
    tldextract.extract = offline  # the e-mail recognizer calls tldextract.extract
    nlp = BlankSpacyNlpEngine()
    nlp.load()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=nlp)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp)
    anonymizer = AnonymizerEngine()
    start = time.perf_counter()
    for text in texts:
        results = analyzer.analyze(text=text, language="en")
        anonymizer.anonymize(text=text, analyzer_results=results)  # type: ignore[arg-type]
    return time.perf_counter() - start


def main() -> None:
    n = int(os.environ.get("FAIRSHORE_BENCH_ROWS", "100000"))
    texts = ticket_texts(n)
    ours = _ours(texts)
    baseline = _presidio_default(texts)
    print(f"texts: {n:,}")
    print(f"fairshore redaction        : {n / ours:10,.0f} texts/s ({ours:.1f} s)")
    print(
        f"presidio default registry  : {n / baseline:10,.0f} texts/s ({baseline:.1f} s)"
        " [blank spaCy, offline tldextract]"
    )
    print(f"ratio (fairshore / presidio default): {baseline / ours:.2f}x")


if __name__ == "__main__":
    main()
