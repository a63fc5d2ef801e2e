"""Tone of service: score agents' replies with VADER, English only.

VADER (Hutto & Gilbert, 2014) is a lexicon and rule-based sentiment model whose
lexicon ships inside the ``vaderSentiment`` package: nothing is downloaded. It is
built for English; replies in other languages are counted as *not covered* and never
scored, because a lexicon miss would read as "neutral" and hide a real difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ibis
import numpy as np
import pandas as pd
import pyarrow as pa
from numpy.typing import NDArray

from fairshore.errors import InputError

if TYPE_CHECKING:
    import ibis.expr.types as ir

COVERED_LANGUAGES = ("en",)
# Hutto & Gilbert (2014) / the VADER README: compound >= 0.05 is positive
POSITIVE_COMPOUND = 0.05


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
        SentimentIntensityAnalyzer,
    )

    return SentimentIntensityAnalyzer()


def covered(language: str | None) -> bool:
    """True when replies in ``language`` (BCP 47) can be scored."""
    return bool(language) and str(language).lower().split("-")[0] in COVERED_LANGUAGES


@dataclass(frozen=True)
class ToneScores:
    """Compound VADER scores (NaN where not covered) and the covered mask."""

    compound: NDArray[np.float64]
    covered: NDArray[np.bool_]

    @property
    def positive(self) -> NDArray[np.bool_]:
        return np.asarray(self.compound >= POSITIVE_COMPOUND, dtype=bool)


def score_replies(texts: list[str], languages: list[str | None]) -> ToneScores:
    """Score each reply's tone; replies in uncovered languages get NaN.

    Examples
    --------
    >>> s = score_replies(["Happy to help, thank you!", "Hola"], ["en", "es"])
    >>> bool(s.positive[0]), bool(s.covered[1])
    (True, False)
    """
    analyzer = _analyzer()
    compound = np.full(len(texts), np.nan)
    mask = np.array([covered(lang) for lang in languages], dtype=bool)
    for i in np.nonzero(mask)[0]:
        compound[i] = float(analyzer.polarity_scores(str(texts[i]))["compound"])
    return ToneScores(compound=compound, covered=mask)


def attach_replies(table: ir.Table, replies: pd.DataFrame) -> ir.Table:
    """Join agent replies sent in a separate file (``interaction_id``, ``reply_text``).

    Several replies to one interaction are joined with a blank line; replies to
    unknown interactions are ignored; interactions without one get no tone score.
    """
    missing = {"interaction_id", "reply_text"} - set(replies.columns)
    if missing:
        raise InputError(
            f"the replies file needs columns interaction_id and reply_text "
            f"(missing: {', '.join(sorted(missing))})"
        )
    texts = (
        replies.dropna(subset=["reply_text"])
        .astype({"interaction_id": str, "reply_text": str})
        .groupby("interaction_id", as_index=False)["reply_text"]
        .agg("\n\n".join)
    )
    right = ibis.memtable(pa.Table.from_pandas(texts, preserve_index=False))
    base = table.drop("reply_text") if "reply_text" in table.columns else table
    joined = base.left_join(right, base.interaction_id == right.interaction_id)
    return joined.select(*base.columns, "reply_text")
