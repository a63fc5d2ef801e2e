"""What the suite needs from the system, and the skip that names what is missing.

`make test` installs these from Debian when it runs as root (``scripts/test-deps.sh``);
as another user, a test that needs a missing one is skipped and the summary says which
package to install. Under CI (``CI`` set) a missing one fails instead: CI runs as root,
so a missing package there means the bootstrap broke, not that the machine is lean.
"""

from __future__ import annotations

import functools
import os
import shutil
import warnings
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PDF_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


def _missing(what: str, packages: str) -> None:
    reason = f"{what} (make test installs it as root: apt-get install {packages})"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI runs as root, so the bootstrap failed")
    pytest.skip(reason)


def need_chromium() -> None:
    """Skip unless Debian's Chromium is installed (Playwright drives it)."""
    if not Path(CHROMIUM).exists():
        _missing("Debian's Chromium is not installed", "chromium")


def need_java() -> None:
    """Skip unless a Java runtime is on the PATH (Spark runs on it)."""
    if shutil.which("java") is None:
        _missing("Spark needs Java", "openjdk-17-jre-headless")


@functools.cache
def _weasyprint_problem() -> str | None:
    # WeasyPrint loads Pango when imported, and warns when HarfBuzz-subset is missing:
    # under the suite's warnings-as-errors that warning fails every PDF.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            import weasyprint  # noqa: F401
        except (OSError, Warning) as exc:
            return str(exc).splitlines()[0]
    return None


def need_weasyprint() -> None:
    """Skip unless WeasyPrint loads cleanly (Pango and HarfBuzz-subset installed)."""
    if _weasyprint_problem() is not None:
        _missing("PDF reports: WeasyPrint needs Pango and HarfBuzz-subset", PDF_PACKAGES)
