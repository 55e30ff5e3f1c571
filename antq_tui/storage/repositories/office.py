"""What the office's statistics and targets read (see :mod:`antq_tui.office`)."""

from __future__ import annotations

from ..core import StoreCore


class OfficeRepository(StoreCore):
    pass
