"""Carrying inspections between laptops: bundle files, export and import.

- :mod:`.bundle`: the ``.antq`` file (a zip with a manifest of sha256s), written and checked;
- :mod:`.export`: the chosen inspections of a database, with everything that belongs to them;
- :mod:`.outcomes`: what an import decided and its report;
- :mod:`.merge`: import in one transaction, deciding by each inspection's audit history what is new,
  unchanged, brought forward or a conflict kept side by side. Nothing here imports Textual.
"""
