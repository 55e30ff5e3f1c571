"""What bundles read from the database and what merging one writes (see :mod:`antq_tui.exchange`)."""

from __future__ import annotations

from ..core import StoreCore


class BundlesRepository(StoreCore):
    pass
