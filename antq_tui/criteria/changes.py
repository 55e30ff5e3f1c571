"""What a plugin changed in another plugin's set: an added criterion ("thêm") or an amended one ("sửa đổi").

Filled in by the registry from :class:`~antq_tui.criteria.model.AddCriterion` and
:class:`~antq_tui.criteria.model.AmendCriterion`, kept in an inspection's snapshot, and printed by the
minutes with the plugin's display name (never its Python id).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: the kinds of change a plugin makes to another plugin's set
ADDED = "them"
AMENDED = "sua"
#: how the app and the papers name each kind
CHANGE_LABELS = {ADDED: "thêm", AMENDED: "sửa đổi"}


@dataclass(frozen=True)
class CriterionChange:
    """One plugin's change to a criterion of another plugin's set, as the inspection's snapshot keeps it.

    Filled in by antq from an :class:`AddCriterion` or :class:`AmendCriterion`; a plugin never builds one.

    :param plugin: the plugin's id ("tinh_thanh_hoa").
    :param kind: :data:`ADDED` ("them") or :data:`AMENDED` ("sua").
    :param what: for an amendment, what changed ("nội dung, cách kiểm tra").
    :param note: the amendment's ``note`` (why).
    :param basis: the amendment's ``basis``: a line the minutes add to their "Căn cứ".
    :param display_name: the plugin's name on official papers (``antq_display_name``), "" when it has none.
    """

    plugin: str
    kind: str = AMENDED
    what: str = ""
    note: str = ""
    basis: str = ""
    display_name: str = ""

    @property
    def label(self) -> str:
        """"thêm" or "sửa đổi"."""
        return CHANGE_LABELS.get(self.kind, CHANGE_LABELS[AMENDED])

    def __str__(self) -> str:
        """The line the app shows (it names the plugin's id, for the people who maintain it)."""
        action = "thêm tiêu chí" if self.kind == ADDED else f"sửa {self.what}".strip()
        return f"{self.plugin}: {action}. {self.note}".strip()

    def paper_line(self) -> str:
        """The line the minutes print under the criterion: the display name, never the plugin's id."""
        note = self.note.strip().rstrip(". ")
        name = self.display_name.strip()
        if self.kind == ADDED:
            head = f"tiêu chí do {name} thêm" if name else "tiêu chí thêm"
        else:
            what = f" {self.what}" if self.what else ""
            head = f"{name} sửa đổi{what}" if name else f"sửa đổi{what}"
        return f"({head}. {note})" if note else f"({head})"

    def to_data(self) -> dict[str, str]:
        return dataclasses.asdict(self)

    @classmethod
    def from_data(cls, data: str | Mapping[str, Any] | CriterionChange) -> CriterionChange:
        """From its JSON form, or from the line snapshots made before changes were recorded whole
        ("tinh_son_la: sửa nội dung. Quyết định …", "tinh_x: thêm tiêu chí. …")."""
        if isinstance(data, CriterionChange):
            return data
        if isinstance(data, Mapping):
            known = {f.name for f in dataclasses.fields(cls)}
            return cls(**{k: str(v) for k, v in data.items() if k in known})
        plugin, _, rest = str(data).partition(": ")
        if rest.startswith("thêm tiêu chí"):
            return cls(plugin, ADDED, "", rest[len("thêm tiêu chí"):].lstrip(". ").strip())
        head, _, note = rest.partition(". ")
        what = head[len("sửa "):] if head.startswith("sửa ") else head
        return cls(plugin, AMENDED, what.strip().rstrip("."), note.strip())


__all__ = ["ADDED", "AMENDED", "CHANGE_LABELS", "CriterionChange"]
