"""When two records are "the same unit": one rule for the bundle merge, the registry import and the targets.

A unit is known by its name without its kind ("Xã Thượng Nông" → "thuong nong"), its kind, and its
district without its own kind ("Huyện Na Hang" → "na hang"), compared ignoring case and diacritics.
Another laptop's "Xã Tân Thành" of huyện Hàm Yên is this database's "Tân Thành", Hàm Yên.
"""

from __future__ import annotations

import functools

from ..criteria import UNIT_KINDS
from ..folding import fold
from ..inspection import Unit

_DISTRICT_PREFIXES = ("thanh pho ", "thi xa ", "huyen ", "quan ", "tp. ", "tp ")


@functools.cache
def _kind_prefixes() -> list[str]:
    """The kinds' labels folded ("xa ", "thi tran "…), longest first: made on first use, not on import."""
    return sorted((fold(label) + " " for label in UNIT_KINDS.values()), key=len, reverse=True)


def name_key(name: str) -> str:
    """ "Xã Thượng Nông" → "thuong nong": a unit's name without its kind, folded."""
    key = fold(name).strip()
    for prefix in _kind_prefixes():
        if key.startswith(prefix):
            return key[len(prefix):].strip()
    return key


def district_key(district: str) -> str:
    """ "Huyện Na Hang" → "na hang" """
    key = fold(district).strip()
    for prefix in _DISTRICT_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):].strip()
    return key


def unit_key(unit: Unit) -> tuple[str, str, str]:
    return name_key(unit.name), unit.kind, district_key(unit.district)


def same_unit(a: Unit, b: Unit) -> bool:
    """Whether ``a`` and ``b`` name the same unit (see the module docstring)."""
    return unit_key(a) == unit_key(b)


__all__ = ["district_key", "name_key", "same_unit", "unit_key"]
