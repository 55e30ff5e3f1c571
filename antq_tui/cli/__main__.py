"""``python -m antq_tui`` runs the ``antq`` command."""

from . import main

main(prog_name="antq")
