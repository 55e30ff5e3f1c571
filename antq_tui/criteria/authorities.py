"""Who recognises which unit, and by when: the ``antq_authorities`` hook's data and the routing rule.

A unit is recognised by the body its **management level** points to (the unit is "cấp xã / cấp huyện /
cấp tỉnh quản lý") and its kind. The defaults follow QĐ 9745/QĐ-BCA-V05 as the provinces apply it:

- a xã, phường, thị trấn, and a cơ quan, doanh nghiệp, cơ sở giáo dục managed by the commune or the
  district: Ủy ban nhân dân cấp huyện xét, công nhận, before 01/10;
- a cơ quan, doanh nghiệp, cơ sở giáo dục managed by the province: Công an tỉnh – Cơ quan Thường trực
  Ban Chỉ đạo 138 tỉnh xét and advises Ủy ban nhân dân tỉnh, which recognises it, before 25/10.

config.toml (``[[authorities]]``) and province plugins (``antq_authorities``) put their own rules
before these; the first rule that matches a unit wins (config.toml, then the plugins in calling
order, then the defaults). Texts may say ``{district}``, ``{district_kind}`` and ``{province}``,
filled from config.toml. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..folding import fold
from .validation import PluginDataError, as_mapping, clean_text, clean_texts, unit_kinds_from_data

#: who manages a unit; "" (not recorded) counts as the district
LEVELS = ("xa", "huyen", "tinh")
DEFAULT_LEVEL = "huyen"
LEVEL_LABELS = {"xa": "cấp xã quản lý", "huyen": "cấp huyện quản lý", "tinh": "cấp tỉnh quản lý"}
AGENCY_KINDS = ("co_quan", "doanh_nghiep", "co_so_giao_duc")
_DEADLINE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})$")


@dataclass(frozen=True)
class Authority:
    """One body that recognises units, and which units it recognises.

    :param id: lower-case id ("ubnd_huyen"), also the suffix of its tờ trình's file name.
    :param name: who recognises ("Ủy ban nhân dân huyện {district}").
    :param recipient: the tờ trình's "Kính gửi" line (default: ``name``).
    :param levels: management levels it recognises (``xa``, ``huyen``, ``tinh``; empty: any).
    :param unit_kinds: unit kinds it recognises (empty: any).
    :param deadline: "dd/mm": recognition done before this date each year ("01/10").
    :param signer: the signature block's title lines ("KT. TRƯỞNG CÔNG AN HUYỆN", "PHÓ TRƯỞNG CÔNG AN
        HUYỆN"); empty: from the trưởng đoàn's position in config.toml.
    :param signer_name: who signs (empty: the trưởng đoàn of config.toml).
    :param level: the authority's own cấp ("huyen", "tinh"), recorded with a decision.
    """

    id: str
    name: str
    recipient: str = ""
    levels: tuple[str, ...] = ()
    unit_kinds: tuple[str, ...] = ()
    deadline: str = ""
    signer: tuple[str, ...] = ()
    signer_name: str = ""
    level: str = ""
    source: str = ""

    def applies_to(self, kind: str, level: str) -> bool:
        return (not self.levels or (level or DEFAULT_LEVEL) in self.levels) and (
            not self.unit_kinds or kind in self.unit_kinds)

    @property
    def address(self) -> str:
        return self.recipient or self.name

    def deadline_label(self, year: int) -> str:
        """ "trước ngày 01/10/2023" (empty when no deadline is set)."""
        match = _DEADLINE_RE.match(self.deadline)
        if not match:
            return ""
        return f"trước ngày {int(match.group(1)):02d}/{int(match.group(2)):02d}/{year}"

    def filled(self, values: Mapping[str, str]) -> Authority:
        """The texts with ``{district}``, ``{district_kind}``, ``{province}`` filled in."""
        def fill(text: str) -> str:
            for key, value in values.items():
                text = text.replace("{" + key + "}", value)
            return " ".join(text.split())
        return replace(self, name=fill(self.name), recipient=fill(self.recipient),
                       signer=tuple(fill(s) for s in self.signer), signer_name=fill(self.signer_name))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "recipient": self.address, "levels": list(self.levels),
                "unit_kinds": list(self.unit_kinds), "deadline": self.deadline, "signer": list(self.signer),
                "signer_name": self.signer_name, "level": self.level, "source": self.source}


#: QĐ 9745/QĐ-BCA-V05 as the provinces' plans apply it (see the module docstring)
DEFAULT_AUTHORITIES: tuple[Authority, ...] = (
    Authority("ubnd_tinh", "Ủy ban nhân dân tỉnh {province}",
              recipient="Công an tỉnh {province} – Cơ quan Thường trực Ban Chỉ đạo 138 tỉnh",
              levels=("tinh",), unit_kinds=AGENCY_KINDS, deadline="25/10", level="tinh", source="QĐ 9745"),
    Authority("ubnd_huyen", "Ủy ban nhân dân {district_kind} {district}", deadline="01/10", level="huyen",
              source="QĐ 9745"),
)


def authority_from_data(item: Any, *, source: str) -> Authority:
    """An :class:`Authority` from what a plugin or config.toml gave; :class:`PluginDataError` if wrong."""
    where = f"Cơ quan công nhận của “{source}”"
    data = dict(as_mapping(item, where))
    for key in ("id", "name"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise PluginDataError(f"{where}: thiếu “{key}”")
    if not re.match(r"^[a-z][a-z0-9_]*$", data["id"]):
        raise PluginDataError(f"{where}: “id” chỉ gồm chữ thường không dấu, số và “_” (đang là “{data['id']}”)")
    unknown = set(data) - {f for f in Authority.__dataclass_fields__} - {"source"}
    if unknown:
        raise PluginDataError(f"{where}: khóa không dùng đến: {', '.join(sorted(unknown))}")
    levels = clean_texts(data.get("levels", ()), f"{where}, “levels”")
    for level in levels:
        if level not in LEVELS:
            raise PluginDataError(f"{where}: cấp quản lý “{level}” không hợp lệ (chọn: {', '.join(LEVELS)})")
    deadline = clean_text(data.get("deadline", ""), where) if data.get("deadline") else ""
    if deadline:
        match = _DEADLINE_RE.match(deadline)
        if not match or not (1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(1)) <= 31):
            raise PluginDataError(f"{where}: “deadline” phải dạng dd/mm (như “01/10”), không phải “{deadline}”")
    signer = data.get("signer", ())
    if isinstance(signer, str):
        signer = [s for s in re.split(r"\s*(?:\n|\s/\s)\s*", signer) if s.strip()]
    level = data.get("level", "") or ""
    if level and level not in LEVELS:
        raise PluginDataError(f"{where}: “level” phải là một trong: {', '.join(LEVELS)}")
    return Authority(
        id=data["id"], name=clean_text(data["name"], where), recipient=clean_text(data.get("recipient", "") or "", where),
        levels=levels, unit_kinds=unit_kinds_from_data(data.get("unit_kinds", ()), f"{where}, “unit_kinds”"),
        deadline=deadline, signer=clean_texts(signer, f"{where}, “signer”"),
        signer_name=clean_text(data.get("signer_name", "") or "", where), level=level, source=source)


@dataclass
class Routing:
    """The authorities in the order they are asked, filled in for one workspace."""

    authorities: list[Authority] = field(default_factory=list)

    @classmethod
    def build(cls, configured: Iterable[Authority], plugged: Iterable[Authority], *,
              values: Mapping[str, str]) -> Routing:
        chosen: list[Authority] = []
        for a in (*configured, *plugged, *DEFAULT_AUTHORITIES):
            chosen.append(a.filled(values))
        return cls(chosen)

    def for_unit(self, kind: str, level: str) -> Authority:
        """The first authority that recognises a unit of ``kind`` managed at ``level``."""
        return next(a for a in self.authorities if a.applies_to(kind, level))


def default_signer(position: str, district_kind: str) -> tuple[str, ...]:
    """The signature title of the district police: "TRƯỞNG CÔNG AN HUYỆN", or "KT. TRƯỞNG CÔNG AN HUYỆN"
    over "PHÓ TRƯỞNG CÔNG AN HUYỆN" when the one who signs is a deputy."""
    kind = (district_kind or "huyện").upper()
    head = f"TRƯỞNG CÔNG AN {kind}"
    if fold(position).startswith("pho truong"):
        return (f"KT. {head}", f"PHÓ {head}")
    return (head,)


def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level or DEFAULT_LEVEL, level)


def parse_level(text: str) -> str:
    """ "cấp tỉnh", "tinh", "tỉnh" → "tinh"; :class:`ValueError` (Vietnamese) if none fits."""
    key = fold(text).replace("cap", "").replace("quan ly", "").replace("-", " ").replace("_", " ").strip()
    for level in LEVELS:
        if key == level:
            return level
    raise ValueError(f"Cấp quản lý “{text}” không hợp lệ; chọn: cấp xã, cấp huyện, cấp tỉnh.")


__all__ = ["AGENCY_KINDS", "DEFAULT_AUTHORITIES", "DEFAULT_LEVEL", "LEVELS", "LEVEL_LABELS", "Authority",
           "Routing", "authority_from_data", "default_signer", "level_label", "parse_level"]

