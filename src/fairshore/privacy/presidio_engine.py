"""Presidio's analyzer on a blank spaCy pipeline, running our finders.

Imported when the first ``PiiDetector`` is built: spaCy and Presidio take seconds to
import, which no command that does not read free text should pay.
"""

from __future__ import annotations

from collections.abc import Sequence
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

from fairshore.privacy.recognizers import Finder

LANGUAGE = "en"  # Presidio's language key; the finders themselves cover en/es/pl/hi/tl text.


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


def analyzer(finders: Sequence[Finder], *, score_threshold: float) -> AnalyzerEngine:
    """An analyzer running ``finders`` on the blank pipeline."""
    registry = RecognizerRegistry(recognizers=recognizers(finders), supported_languages=[LANGUAGE])
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=blank_engine(),
        supported_languages=[LANGUAGE],
        default_score_threshold=score_threshold,
    )


def recognizers(finders: Sequence[Finder]) -> list[EntityRecognizer]:
    """``finders`` as Presidio recognizers (e.g. a text's known values, ad hoc)."""
    return [FinderRecognizer(f) for f in finders]


@lru_cache(maxsize=1)
def blank_engine() -> BlankSpacyNlpEngine:
    """The one blank spaCy engine of the process (tokenizer only, never downloads)."""
    engine = BlankSpacyNlpEngine()
    engine.load()
    return engine
