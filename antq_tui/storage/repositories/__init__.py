"""Repositories of the store, one per family of tables, mixed into :class:`~antq_tui.storage.store.Store`.

Each holds the SQL of its tables and nothing else: units and the registry of units (:mod:`.units`),
inspections and their snapshots (:mod:`.inspections`), answers (:mod:`.answers`), eligibility
answers (:mod:`.eligibility`), attachments and exports (:mod:`.files`), and what bundles read and merge
(:mod:`.bundles`).
"""
