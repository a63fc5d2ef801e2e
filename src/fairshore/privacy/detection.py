"""The detection engine: our finders run inside Presidio's analyzer on a blank spaCy pipeline.

Presidio normally loads a trained spaCy model (``en_core_web_lg``) and downloads it
when missing. Nothing may download at run time here, so ``BlankSpacyNlpEngine`` gives
Presidio ``spacy.blank("en")``: a tokenizer only (no tagger, lemmatizer or NER). The
patterned entities do not need more; person names come from ``names.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import spacy
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    LocalRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from fairshore.privacy.known_values import KnownValueFinder
from fairshore.privacy.model import Detection
from fairshore.privacy.names import PersonNameFinder
from fairshore.privacy.national_ids import (
    AadhaarFinder,
    CedulaFinder,
    PanFinder,
    PeselFinder,
    PhilippineIdFinder,
    UkNinoFinder,
    UsSsnFinder,
)
from fairshore.privacy.recognizers import (
    CardFinder,
    EmailFinder,
    Finder,
    IbanFinder,
    IpAddressFinder,
    PhoneFinder,
    StreetAddressFinder,
)

LANGUAGE = "en"  # Presidio's language key; the finders themselves cover en/es/pl/hi/tl text.
SCORE_THRESHOLD = 0.5


class BlankSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine on ``spacy.blank``: tokenizer only, never downloads."""

    def __init__(self, languages: Sequence[str] = (LANGUAGE,)) -> None:
        super().__init__(models=[{"lang_code": lang, "model_name": "blank"} for lang in languages])

    def load(self) -> None:
        self.nlp = {  # type: ignore[assignment]  # Presidio annotates nlp as None until loaded
            model["lang_code"]: spacy.blank(model["lang_code"]) for model in self.models
        }


class FinderRecognizer(LocalRecognizer):
    """A finder wearing Presidio's recognizer interface."""

    def __init__(self, finder: Finder) -> None:
        self.finder = finder
        super().__init__(
            supported_entities=[finder.entity], name=finder.name, supported_language=LANGUAGE
        )

    def load(self) -> None:
        """Nothing to load: finders are compiled patterns."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None
    ) -> list[RecognizerResult]:
        return [
            RecognizerResult(
                entity_type=d.entity,
                start=d.start,
                end=d.end,
                score=d.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: d.recognizer,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for d in self.finder.find(text)
        ]


def default_finders() -> list[Finder]:
    """Every built-in finder, most specific first."""
    return [
        EmailFinder(),
        IbanFinder(),
        CardFinder(),
        PhoneFinder(),
        IpAddressFinder(),
        UsSsnFinder(),
        UkNinoFinder(),
        AadhaarFinder(),
        PanFinder(),
        PeselFinder(),
        CedulaFinder(),
        PhilippineIdFinder(),
        StreetAddressFinder(),
        PersonNameFinder(),
    ]


class PiiDetector:
    """Finds personal data in free text.

    Parameters
    ----------
    finders
        The finders to run (default: every built-in one).
    score_threshold
        Detections scoring below it are dropped.

    Examples
    --------
    >>> det = PiiDetector()
    >>> [d.entity for d in det.detect("write to ana@example.com")]
    ['EMAIL_ADDRESS']
    """

    def __init__(
        self,
        finders: Iterable[Finder] | None = None,
        *,
        score_threshold: float = SCORE_THRESHOLD,
    ) -> None:
        self.finders = list(finders) if finders is not None else default_finders()
        self.score_threshold = score_threshold
        registry = RecognizerRegistry(
            recognizers=[FinderRecognizer(f) for f in self.finders],
            supported_languages=[LANGUAGE],
        )
        self.analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=_blank_engine(),
            supported_languages=[LANGUAGE],
            default_score_threshold=score_threshold,
        )

    @property
    def entities(self) -> list[str]:
        """The entity types this detector can find."""
        return sorted({f.entity for f in self.finders} | {KnownValueFinder.entity})

    def detect(self, text: str, *, known: Mapping[str, str] | None = None) -> list[Detection]:
        """Non-overlapping detections in ``text``, in order of position."""
        if not text:
            return []
        ad_hoc: list[EntityRecognizer] | None = (
            [FinderRecognizer(KnownValueFinder(known))] if known else None
        )
        results = self.analyzer.analyze(text=text, language=LANGUAGE, ad_hoc_recognizers=ad_hoc)
        found = [
            Detection(
                entity=r.entity_type,
                start=r.start,
                end=r.end,
                score=min(1.0, float(r.score)),
                recognizer=str((r.recognition_metadata or {}).get("recognizer_name", "")),
            )
            for r in results
        ]
        return resolve_overlaps(found)


@lru_cache(maxsize=1)
def _blank_engine() -> BlankSpacyNlpEngine:
    engine = BlankSpacyNlpEngine()
    engine.load()
    return engine


def resolve_overlaps(detections: Iterable[Detection]) -> list[Detection]:
    """Keep the best of overlapping detections: higher score, then the longer span."""
    ranked = sorted(detections, key=lambda d: (-d.score, -(d.end - d.start), d.start))
    kept: list[Detection] = []
    for det in ranked:
        if all(det.end <= k.start or det.start >= k.end for k in kept):
            kept.append(det)
    return sorted(kept, key=lambda d: d.start)
