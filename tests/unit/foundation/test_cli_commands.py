"""The lazy command table says exactly what the CLI modules register."""

from __future__ import annotations

import pkgutil

from fairshore.entrypoints import cli as cli_package
from fairshore.entrypoints.cli.main import COMMANDS, NOT_COMMANDS, module_commands


def test_command_table_matches_the_modules() -> None:
    modules = {m.name for m in pkgutil.iter_modules(cli_package.__path__)} - NOT_COMMANDS
    registered = {name: module for module in modules for name in module_commands(module)}
    present = {name: module for name, module in COMMANDS.items() if module in modules}
    assert registered == present, "update COMMANDS in entrypoints/cli/main.py"
