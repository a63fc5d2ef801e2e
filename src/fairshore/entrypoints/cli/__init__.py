"""The ``fairshore`` command line (Typer + Rich)."""
