"""Finding duplicate keys across a batch and the lake in bounded memory.

Keys are hashed to 64 bits (pandas' SipHash of the key text) and kept in sorted
runs merged like a log-structured tree: about 8 bytes per key, so ten million keys
take some 80 MB. Two different keys share a hash with probability ~N^2/2^65
(about 3e-6 for ten million keys); such a pair would be reported as a duplicate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def key_hashes(columns: list[pa.Array]) -> np.ndarray:
    """64-bit hashes of the key formed by ``columns`` (joined with a separator)."""
    texts = [pc.fill_null(c.cast(pa.string()), "\x00") for c in columns]
    key = texts[0] if len(texts) == 1 else pc.binary_join_element_wise(*texts, "\x1f")
    values = np.asarray(key.to_numpy(zero_copy_only=False), dtype=object)
    return np.asarray(pd.util.hash_array(values, categorize=False), dtype=np.uint64)


class KeyIndex:
    """A growing set of 64-bit key hashes with vectorised membership tests."""

    def __init__(self) -> None:
        self._runs: list[np.ndarray] = []

    def __len__(self) -> int:
        return sum(len(r) for r in self._runs)

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        """A boolean mask: which of ``hashes`` are already in the index."""
        found = np.zeros(len(hashes), dtype=bool)
        for run in self._runs:
            pos = np.searchsorted(run, hashes)
            pos[pos == len(run)] = 0
            found |= run[pos] == hashes if len(run) else False
        return found

    def add(self, hashes: np.ndarray) -> None:
        """Add hashes (duplicates among them are harmless)."""
        if len(hashes) == 0:
            return
        self._runs.append(_sorted_unique(hashes))
        while len(self._runs) >= 2 and len(self._runs[-2]) <= 2 * len(self._runs[-1]):
            last = self._runs.pop()
            self._runs[-1] = _sorted_unique(np.concatenate([self._runs[-1], last]))


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    # Sorting beats np.unique here (numpy 2 hashes, which is slower for uint64 keys).
    ordered = np.sort(values, kind="stable")
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def first_occurrences(hashes: np.ndarray) -> np.ndarray:
    """A boolean mask that is True for the first occurrence of each hash."""
    mask = np.zeros(len(hashes), dtype=bool)
    if len(hashes):
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
        first = np.empty(len(ordered), dtype=bool)
        first[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
        mask[order[first]] = True
    return mask
