"""``python -m antq_tui`` runs the ``antq`` command."""

from .cli import main

main(prog_name="antq")
