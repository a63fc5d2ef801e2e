"""``fairshore ARGS`` through the console script's own entry point, in this process.

A new Python process per command paid the CLI's imports (3-4 s) on every call. This runs
`fairshore.entrypoints.cli.main.app`, the function the ``fairshore`` script and
``python -m fairshore`` call, so the exit status is the one a user gets (``app`` maps
Click's results, usage errors and Fairshore errors to 0, 1 and 2; Click's test runner
bypasses it and reports Click's own). An exception ``app`` lets through, which a user
would see as a traceback, is raised here and fails the test.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass

from typer.testing import CliRunner

from fairshore.entrypoints.cli.main import app


@dataclass(frozen=True)
class Ran:
    """What one command did, named as `subprocess.CompletedProcess` names it."""

    returncode: int
    stdout: str
    stderr: str


def fairshore(*args: str, env: Mapping[str, str | None] | None = None) -> Ran:
    """Run ``fairshore ARGS`` (``env`` set over this process's environment meanwhile)."""
    argv = sys.argv
    with CliRunner().isolation(env=env) as (out, err, _):
        sys.argv = ["fairshore", *args]
        try:
            app()
        except SystemExit as exited:
            code = exited.code
        else:  # app always exits; returning would be a new way out to look at
            raise AssertionError("the entry point returned instead of exiting")
        finally:
            sys.argv = argv
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = out.getvalue().decode(), err.getvalue().decode()
    returncode = code if isinstance(code, int) else (0 if code is None else 1)
    return Ran(returncode=returncode, stdout=stdout, stderr=stderr)
