"""The shape of ids: what the store creates and what a bundle from elsewhere may carry.

Inspection, attachment and export ids are UUIDs (:func:`antq_tui.storage.store.new_id`); they become
folder and member names (``attachments/<inspection id>/``), so nothing else may pass for one. Unit
ids are UUIDs too when antq makes them; a unit id never becomes a path, and a caller may choose a
readable one, so it only has to be a short token of letters, digits, ``.``, ``_`` and ``-`` that
starts with a letter or digit (never ``..``, never a path). A snapshot is known by its sha256.
"""

from __future__ import annotations

import re
from typing import Any

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", re.ASCII)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", re.ASCII)
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)


def is_uuid(value: Any) -> bool:
    """An inspection, attachment, export or database id: ``8-4-4-4-12`` hex digits."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def is_unit_id(value: Any) -> bool:
    """A unit id: a UUID, or a token of at most 100 letters, digits, ``._-`` (no path, no ``..``)."""
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None and ".." not in value


def is_sha256(value: Any) -> bool:
    """64 lowercase hex digits."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None
