"""The detection engine: our finders run inside Presidio's analyzer on a blank spaCy pipeline.

Presidio normally loads a trained spaCy model (``en_core_web_lg``) and downloads it
when missing. Nothing may download at run time here, so ``BlankSpacyNlpEngine`` gives
Presidio ``spacy.blank("en")``: a tokenizer only (no tagger, lemmatizer or NER). The
patterned entities do not need more; person names come from ``names.py``. Presidio and
spaCy are imported when the first detector is built (``presidio_engine``), not by every
command that merely imports the privacy feature.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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

SCORE_THRESHOLD = 0.5


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
        from fairshore.privacy import presidio_engine

        self.finders = list(finders) if finders is not None else default_finders()
        self.score_threshold = score_threshold
        self._engine = presidio_engine
        self.analyzer = presidio_engine.analyzer(self.finders, score_threshold=score_threshold)

    @property
    def entities(self) -> list[str]:
        """The entity types this detector can find."""
        return sorted({f.entity for f in self.finders} | {KnownValueFinder.entity})

    def detect(self, text: str, *, known: Mapping[str, str] | None = None) -> list[Detection]:
        """Non-overlapping detections in ``text``, in order of position."""
        if not text:
            return []
        ad_hoc = self._engine.recognizers([KnownValueFinder(known)]) if known else None
        results = self.analyzer.analyze(
            text=text, language=self._engine.LANGUAGE, ad_hoc_recognizers=ad_hoc
        )
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


def resolve_overlaps(detections: Iterable[Detection]) -> list[Detection]:
    """Keep the best of overlapping detections: higher score, then the longer span."""
    ranked = sorted(detections, key=lambda d: (-d.score, -(d.end - d.start), d.start))
    kept: list[Detection] = []
    for det in ranked:
        if all(det.end <= k.start or det.start >= k.end for k in kept):
            kept.append(det)
    return sorted(kept, key=lambda d: d.start)
