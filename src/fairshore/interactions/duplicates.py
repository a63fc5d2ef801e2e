"""Finding duplicate keys across a batch and the lake in bounded memory.

Keys are hashed to 64 bits (pandas' SipHash of the key text) and kept in an
open-addressing table held in one numpy array: 11 to 23 bytes per key (load factor
0.35 to 0.7), so ten million keys take 134 MB. Two different keys share a hash with
probability ~N^2/2^65 (about 3e-6 for ten million keys); such a pair would be
reported as a duplicate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ONE = np.uint64(1)


def key_hashes(columns: list[pa.Array]) -> np.ndarray:
    """64-bit hashes of the key formed by ``columns`` (joined with a separator)."""
    texts = [pc.fill_null(c.cast(pa.string()), "\x00") for c in columns]
    key = texts[0] if len(texts) == 1 else pc.binary_join_element_wise(*texts, "\x1f")
    values = np.asarray(key.to_numpy(zero_copy_only=False), dtype=object)
    return np.asarray(pd.util.hash_array(values, categorize=False), dtype=np.uint64)


def first_occurrences(hashes: np.ndarray) -> np.ndarray:
    """A boolean mask that is True for the first occurrence of each hash."""
    if len(hashes) == 0:
        return np.zeros(0, dtype=bool)
    return ~pd.Series(hashes, copy=False).duplicated(keep="first").to_numpy()


class KeyIndex:
    """A growing set of 64-bit key hashes (vectorised linear probing).

    A chunk of keys costs O(chunk) whatever the number of keys already held.
    """

    def __init__(self, capacity: int = 1 << 16) -> None:
        self._table = np.zeros(capacity, dtype=np.uint64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @staticmethod
    def _keys(hashes: np.ndarray) -> np.ndarray:
        # 0 marks an empty slot; a key hashing to 0 is held as 1.
        keys = np.asarray(hashes, dtype=np.uint64)
        return np.where(keys == 0, ONE, keys)

    def _mix(self, keys: np.ndarray) -> np.ndarray:
        # Fibonacci hashing spreads structured keys over the slots (Knuth, TAOCP 6.4).
        shift = np.uint64(64 - (len(self._table).bit_length() - 1))
        return (keys * np.uint64(0x9E3779B97F4A7C15)) >> shift

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        """A boolean mask: which of ``hashes`` are already in the index."""
        keys = self._keys(hashes)
        found = np.zeros(len(keys), dtype=bool)
        if self._size == 0:
            return found
        mask = np.uint64(len(self._table) - 1)
        todo = np.arange(len(keys))
        slots = self._mix(keys)
        while len(todo):
            seen = self._table[slots]
            hit = seen == keys[todo]
            found[todo[hit]] = True
            more = ~hit & (seen != 0)
            todo, slots = todo[more], (slots[more] + ONE) & mask
        return found

    def add(self, hashes: np.ndarray, *, fresh: bool = False) -> None:
        """Add hashes; ``fresh`` promises they are distinct and not held yet (faster)."""
        keys = self._keys(hashes)
        if not fresh:
            keys = keys[~self.contains(keys)]
            keys = keys[first_occurrences(keys)]
        if self._size + len(keys) > 0.7 * len(self._table):
            self._grow(self._size + len(keys))
        self._insert(keys)
        self._size += len(keys)

    def _grow(self, needed: int) -> None:
        capacity = len(self._table)
        while needed > 0.7 * capacity:
            capacity *= 2
        held = self._table[self._table != 0]
        self._table = np.zeros(capacity, dtype=np.uint64)
        self._insert(held)

    def _insert(self, keys: np.ndarray) -> None:
        mask = np.uint64(len(self._table) - 1)
        slots = self._mix(keys)
        while len(keys):
            free = self._table[slots] == 0
            self._table[slots[free]] = keys[free]  # two keys on one free slot: one wins
            placed = self._table[slots] == keys
            keys, slots = keys[~placed], (slots[~placed] + ONE) & mask
