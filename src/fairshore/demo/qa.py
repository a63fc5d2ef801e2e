"""QA evaluations for the demo: the vendor's own scoring and the client's calibration sample.

Each vendor's QA team scores a share of its handled contacts on the packaged
contact-centre form (version 1 until April 2026, version 2 after); the client
re-scores a share of those same contacts. Scores come from one latent quality per
contact, seen by each side with its own noise. One vendor (``INFLATION``) scores
its own agents generously and misses most critical errors: its self-scores run
about 12 points above what the client finds on the same contacts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from fairshore.demo.arrivals import DayPlan
from fairshore.demo.contacts import Batch
from fairshore.demo.model import EngagementScenario
from fairshore.quality.forms import get_form
from fairshore.quality.model import QaForm

QA_CODE = 11
VENDOR_CONTACTS = 0.015  # share of the full centre's handled contacts the vendor scores
CLIENT_SHARE = 0.10  # share of the vendor-scored contacts the client re-scores
INFLATION = {"telco-blr": 0.155}  # item-level generosity of the inflating vendor's scorers
CRITICAL_MISS = {"telco-blr": 0.7}  # share of critical errors the vendor's scorers let pass
CRITICAL_ERROR_RATE = 0.015
FORM_V2_FROM = "2026-05"
COMMENTS = (
    None, None, None,
    "Good empathy, clear next steps.",
    "Missed the recording disclosure at the start.",
    "Long hold without checking back with the customer.",
    "Case notes incomplete.",
)  # fmt: skip


class QaEvaluations:
    """Evaluations of one engagement, gathered day by day."""

    def __init__(self, eng: EngagementScenario, *, index: int, seed: int, sample: float) -> None:
        self.eng, self.index, self.seed = eng, index, seed
        self.share = min(1.0, VENDOR_CONTACTS / sample)
        self.forms = {"1": get_form("contact-centre", "1"), "2": get_form("contact-centre", "2")}
        self.rows: dict[str, list[object]] = {k: [] for k in _COLUMNS}
        self.pairs: list[tuple[float, float]] = []

    def day(self, plan: DayPlan, batches: dict[str, Batch]) -> None:
        """Score a share of the day's handled contacts (and re-score some as the client)."""
        rng = np.random.default_rng([self.seed, self.index, QA_CODE, plan.index])
        form = self.forms["2" if plan.month >= FORM_V2_FROM else "1"]
        for channel in sorted(batches):
            b = batches[channel]
            if not b["arrived_at"].size:
                continue
            answered = np.flatnonzero(~np.isnan(b["answered_at"]))
            picked = answered[rng.random(answered.size) < self.share]
            picked = picked[[b["agent_ref"][i] is not None for i in picked.tolist()]]
            if picked.size:
                self._evaluate(rng, form, b, picked)

    def _evaluate(
        self, rng: np.random.Generator, form: QaForm, b: Batch, picked: npt.NDArray[np.int64]
    ) -> None:
        n = picked.size
        quality = np.clip(rng.normal(0.83, 0.1, n), 0.3, 1.0)
        critical = np.array([it.critical for it in form.items])
        errors = (rng.random((n, critical.size)) < CRITICAL_ERROR_RATE) & critical
        done = b["answered_at"][picked] + np.nan_to_num(b["handle_seconds"][picked])
        generosity = INFLATION.get(self.eng.id, 0.0)
        miss = CRITICAL_MISS.get(self.eng.id, 0.1)
        vendor = _view(rng, form, quality, errors, generosity, miss)
        self._add(rng, form, b, picked, "vendor", vendor, done + rng.uniform(3600, 72 * 3600, n))
        again = rng.random(n) < CLIENT_SHARE
        if again.any():
            client = _view(rng, form, quality[again], errors[again], 0.0, 0.1)
            at = done[again] + rng.uniform(3, 20, int(again.sum())) * 86400
            self._add(rng, form, b, picked[again], "client", client, at)
            pairs = zip(_totals(form, vendor[again]), _totals(form, client), strict=True)
            self.pairs += [(float(v), float(c)) for v, c in pairs]

    def _add(
        self,
        rng: np.random.Generator,
        form: QaForm,
        b: Batch,
        picked: npt.NDArray[np.int64],
        side: str,
        answers: npt.NDArray[np.float64],
        at: npt.NDArray[np.float64],
    ) -> None:
        n = picked.size
        weights = np.array([it.weight for it in form.items])
        totals = _totals(form, answers)
        fails = (answers[:, [it.critical for it in form.items]] == 0).any(axis=1)
        prefix = "qa-" + self.eng.vendor.id if side == "vendor" else "calibrator"
        who = rng.integers(1, 5 if side == "vendor" else 3, n)
        notes = rng.integers(0, len(COMMENTS), n)
        rows = self.rows
        for k, i in enumerate(picked.tolist()):
            interaction = str(b["interaction_id"][i])
            items = ",".join(
                f'{{"item_id":"{it.id}","score":{sc:g},"max":{it.weight:g},'
                f'"critical":{"true" if it.critical else "false"}}}'
                for it, sc in zip(form.items, (answers[k] * weights).tolist(), strict=True)
            )
            rows["evaluation_id"].append(f"{side[0].upper()}{interaction}")
            rows["interaction_id"].append(interaction)
            rows["engagement_id"].append(self.eng.id)
            rows["agent_ref"].append(str(b["agent_ref"][i]))
            rows["evaluator_ref"].append(f"{prefix}-{who[k]}")
            rows["evaluator_side"].append(side)
            rows["form_id"].append(form.id)
            rows["form_version"].append(form.version)
            rows["evaluated_at"].append(datetime.fromtimestamp(int(at[k]), tz=UTC))
            rows["items_json"].append(f"[{items}]")
            rows["total"].append(float(totals[k]))
            rows["auto_fail"].append(bool(fails[k]))
            rows["comment"].append(COMMENTS[int(notes[k])])

    def truth(self) -> dict[str, Any]:
        """The planted gap as generated: vendor minus client on the same contacts."""
        diffs = np.array([v - c for v, c in self.pairs]) if self.pairs else np.zeros(0)
        return {
            "kind": "qa_inflation",
            "engagement_id": self.eng.id,
            "vendor_id": self.eng.vendor.id,
            "description": (
                f"{self.eng.vendor.id} scores its own agents' QA about "
                f"{float(diffs.mean()) if diffs.size else 0:.1f} points above the client's "
                "calibration re-scores of the same contacts"
            ),
            "expected": {
                "pairs": int(diffs.size),
                "mean_difference": round(float(diffs.mean()), 2) if diffs.size else None,
                "vendor_evaluations": sum(1 for s in self.rows["evaluator_side"] if s == "vendor"),
            },
        }


def _view(
    rng: np.random.Generator,
    form: QaForm,
    quality: npt.NDArray[np.float64],
    errors: npt.NDArray[np.bool_],
    generosity: float,
    miss: float,
) -> npt.NDArray[np.float64]:
    """Item answers (share of each item met, in quarters) as one side's scorers see them."""
    n, k = errors.shape
    seen = quality[:, None] + generosity + rng.normal(0, 0.12, (n, k))
    answers: npt.NDArray[np.float64] = np.clip(np.round(seen * 4) / 4, 0, 1)
    critical = np.array([it.critical for it in form.items])
    caught = errors & (rng.random((n, k)) >= miss)
    answers[:, critical] = np.where(caught[:, critical], 0.0, 1.0)
    return answers


def _totals(form: QaForm, answers: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Totals as ``quality.forms.score_evaluation`` gives them (every item answered)."""
    weights = np.array([it.weight for it in form.items])
    critical = np.array([it.critical for it in form.items])
    raw = np.round(answers @ weights, 2)  # weights add up to 100
    failed = (answers[:, critical] == 0).any(axis=1)
    out: npt.NDArray[np.float64] = np.where(failed, 0.0, raw)
    return out


_COLUMNS = (
    "evaluation_id",
    "interaction_id",
    "engagement_id",
    "agent_ref",
    "evaluator_ref",
    "evaluator_side",
    "form_id",
    "form_version",
    "evaluated_at",
    "items_json",
    "total",
    "auto_fail",
    "comment",
)
