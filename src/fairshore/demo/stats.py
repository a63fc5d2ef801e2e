"""Running totals of what was written, for the summary and for ``truth.json``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from fairshore.demo.contacts import Batch


@dataclass
class QueueTotals:
    """Totals of one (channel, language, month)."""

    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    wait_sum: float = 0.0
    within_threshold: int = 0
    handle_sum: float = 0.0


@dataclass
class EngagementStats:
    """Totals per (channel, language, month) of one engagement's written contacts."""

    totals: dict[tuple[str, str, str], QueueTotals] = field(default_factory=dict)
    access_events: int = 0

    def add(self, batch: Batch, *, channel: str, month: str, threshold_s: float) -> None:
        if batch["arrived_at"].size == 0:
            return
        answered = ~np.isnan(batch["answered_at"])
        for lang in np.unique(batch["language"]).tolist():
            mask = batch["language"] == lang
            got = answered & mask
            t = self.totals.setdefault((channel, str(lang), month), QueueTotals())
            t.offered += int(mask.sum())
            t.answered += int(got.sum())
            t.abandoned += int((mask & ~answered).sum())
            t.wait_sum += float(batch["_wait"][got].sum())
            t.within_threshold += int((got & (batch["_wait"] <= threshold_s)).sum())
            t.handle_sum += float(np.nansum(batch["handle_seconds"][got]))

    def by_channel(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (channel, _, _), t in self.totals.items():
            out[channel] = out.get(channel, 0) + t.offered
        return out

    def select(
        self,
        *,
        channel: str | None = None,
        language: str | None = None,
        month: str | None = None,
        exclude_language: str | None = None,
        exclude_month: str | None = None,
    ) -> QueueTotals:
        """Totals over the matching keys."""
        out = QueueTotals()
        for (c, lang, m), t in self.totals.items():
            if (channel and c != channel) or (language and lang != language):
                continue
            if (month and m != month) or (exclude_language and lang == exclude_language):
                continue
            if exclude_month and m == exclude_month:
                continue
            out.offered += t.offered
            out.answered += t.answered
            out.abandoned += t.abandoned
            out.wait_sum += t.wait_sum
            out.within_threshold += t.within_threshold
            out.handle_sum += t.handle_sum
        return out
