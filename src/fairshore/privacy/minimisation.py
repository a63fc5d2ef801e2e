"""Data minimisation: apply a table's sharing rules to a batch of rows (Arrow).

Withheld fields are dropped; pseudonymised fields become keyed HMAC-SHA256 digests
(the same value gives the same digest in every table, so joins survive);
generalised fields lose precision (timestamp or date -> month or year, postcode ->
region prefix, number -> bucket); ``redact`` fields keep their text with personal data
replaced.
"""

from __future__ import annotations

from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from fairshore.privacy.model import FieldRule, FieldTransform, TablePolicy
from fairshore.privacy.pseudonyms import PseudonymKey, pseudonymise
from fairshore.privacy.redaction import Redactor


class Minimiser:
    """Applies one table's policy to Arrow batches of that table.

    Parameters
    ----------
    table
        Canonical table name (for the manifest).
    policy
        The table's rules.
    key
        Key of the pseudonyms.
    redactor
        Used by fields whose action is ``redact``.
    """

    def __init__(
        self, table: str, policy: TablePolicy, *, key: PseudonymKey, redactor: Redactor | None
    ) -> None:
        self.table = table
        self.policy = policy
        self.key = key
        self.redactor = redactor
        self.redacted: Counter[str] = Counter()

    def apply(self, batch: pa.Table) -> pa.Table:
        """The batch with every column transformed by its rule (withheld columns gone)."""
        columns: dict[str, pa.Array | pa.ChunkedArray] = {}
        for name in batch.column_names:
            rule = self.policy.rule(name)
            if rule.action == "withhold":
                continue
            columns[name] = self._column(batch.column(name), rule)
        return pa.table(columns)

    def transforms(self, names: list[str]) -> list[FieldTransform]:
        """The manifest lines of the given columns."""
        out = []
        for name in names:
            rule = self.policy.rule(name)
            out.append(
                FieldTransform(
                    table=self.table,
                    field=name,
                    action=rule.action,
                    detail=_detail(rule),
                    reason=rule.reason,
                )
            )
        return out

    def _column(self, col: pa.ChunkedArray, rule: FieldRule) -> pa.Array | pa.ChunkedArray:
        if rule.action == "share":
            return col
        if rule.action == "pseudonymise":
            return self._pseudonymise(col)
        if rule.action == "redact":
            return self._redact(col)
        return generalise(col, rule)

    def _pseudonymise(self, col: pa.ChunkedArray) -> pa.Array:
        # Hash each distinct value once: ids repeat a lot (one customer, many contacts).
        encoded = pc.dictionary_encode(col.cast(pa.string())).combine_chunks()
        dictionary = encoded.dictionary.to_pylist()
        hashed = pa.array([pseudonymise(v, self.key) for v in dictionary], type=pa.string())
        return pc.take(hashed, encoded.indices)

    def _redact(self, col: pa.ChunkedArray) -> pa.Array:
        if self.redactor is None:
            raise ValueError("a redactor is needed for 'redact' fields")
        texts = col.cast(pa.string()).to_pylist()
        return pa.array(self.redactor.redact_many(texts, counts=self.redacted), type=pa.string())


def generalise(col: pa.ChunkedArray, rule: FieldRule) -> pa.Array | pa.ChunkedArray:
    """A column at the coarser grain named by ``rule.generalise_to``."""
    target = rule.generalise_to
    if target in ("month", "year"):
        if not (pa.types.is_timestamp(col.type) or pa.types.is_date(col.type)):
            col = col.cast(pa.string())
            return pc.utf8_slice_codeunits(col, 0, 7 if target == "month" else 4)
        return pc.strftime(col, format="%Y-%m" if target == "month" else "%Y")
    if target == "region":
        text = pc.utf8_upper(pc.utf8_trim_whitespace(col.cast(pa.string())))
        return pc.utf8_slice_codeunits(text, 0, rule.keep_chars)
    size = rule.bucket_size or 1.0
    values = col.cast(pa.float64())
    return pc.multiply(pc.floor(pc.divide(values, size)), size)


def _detail(rule: FieldRule) -> str:
    if rule.action == "pseudonymise":
        return "HMAC-SHA256 under the workspace key, 16 hex characters"
    if rule.action == "generalise":
        if rule.generalise_to == "region":
            return f"kept the first {rule.keep_chars} characters (region)"
        if rule.generalise_to == "bucket":
            return f"rounded down to multiples of {rule.bucket_size}"
        return f"truncated to the {rule.generalise_to}"
    if rule.action == "redact":
        return "personal data in the text replaced"
    if rule.action == "withhold":
        return "not sent"
    return "sent as is"
