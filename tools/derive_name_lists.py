"""Derive ``src/fairshore/privacy/person_names.tsv.gz`` from the PyPI package Faker.

Faker (MIT licence, Daniele Faraglia and contributors) ships given names and surnames
per locale. We take the locales of the hubs' languages written in Latin script:
Spanish (es_ES, es_CO, es_MX, es_CL, es_AR), Polish (pl_PL, with the feminine forms
of -ski/-cki/-dzki surnames), Indian and Pakistani names as written in Latin script
for Hindi and Urdu speakers (en_IN, en_PK), and English (en_US, en_GB, en_IE). Each
line is ``kind<TAB>lang<TAB>name``; the file is sorted and carries no timestamp.

Run ``python tools/derive_name_lists.py`` (it calls ``pip download``; needs PyPI).
"""

from __future__ import annotations

import gzip
import importlib
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

PACKAGE = "faker==40.63.0"
OUT = Path(__file__).resolve().parents[1] / "src/fairshore/privacy/person_names.tsv.gz"
LOCALES = {
    "es": ("es_ES", "es_CO", "es_MX", "es_CL", "es_AR"),
    "pl": ("pl_PL",),
    "hi": ("en_IN", "en_PK"),
    "en": ("en_US", "en_GB", "en_IE"),
}
GIVEN = ("first_names", "first_names_male", "first_names_female")
SURNAMES = ("last_names", "unisex_last_names", "male_last_names", "female_last_names")
FEMININE = (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka"))


def _names(provider: type, attributes: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for attribute in attributes:
        value = provider.__dict__.get(attribute)
        if isinstance(value, (tuple, list, dict)):
            out |= {str(v).strip() for v in value}
    return {n for n in out if n and " " not in n and n[0].isupper()}


def _feminine(surnames: set[str]) -> set[str]:
    return {s[: -len(m)] + f for s in surnames for m, f in FEMININE if s.endswith(m)}


def main() -> None:
    rows: set[tuple[str, str, str]] = set()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(  # noqa: S603 (a fixed command, no user input)
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
             "-d", tmp, PACKAGE],
            check=True,
        )  # fmt: skip
        (wheel,) = Path(tmp).glob("*.whl")
        zipfile.ZipFile(wheel).extractall(Path(tmp) / "pkg")
        sys.path.insert(0, str(Path(tmp) / "pkg"))
        for lang, locales in LOCALES.items():
            for locale in locales:
                provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
                given, surnames = _names(provider, GIVEN), _names(provider, SURNAMES)
                rows |= {("given", lang, n) for n in given}
                rows |= {("surname", lang, n) for n in surnames | _feminine(surnames)}
    body = "".join(f"{k}\t{lang}\t{n}\n" for k, lang, n in sorted(rows)).encode("utf-8")
    OUT.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    print(f"{OUT}: {len(rows)} names, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
