"""``python -m fairshore`` runs the command line."""

from fairshore.entrypoints.cli.main import app

app()
