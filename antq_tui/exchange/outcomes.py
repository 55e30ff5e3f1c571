"""What a bundle import decided, per inspection and per unit, and the report it prints.

:mod:`.merge` makes the decisions; this module holds their names, their Vietnamese labels and the
:class:`ImportResult` the CLI and the TUI show.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..inspection import STATUS_FINALIZED
from ..vnformat import format_date

NEW, UNCHANGED, UPDATED, EXPORTS, CONFLICT = "new", "unchanged", "updated", "exports", "conflict"
ACTION_LABELS = {
    NEW: "thêm mới",
    UNCHANGED: "đã có, không đổi",
    UPDATED: "cập nhật (bản ở đây chưa sửa gì thêm)",
    EXPORTS: "thêm biên bản đã xuất",
    CONFLICT: "xung đột: giữ cả hai, bản nhận về lưu thành bản sao",
}
SIGNER_LABELS = {
    "own": "khóa của máy này",
    "trusted": "đã tin cậy",
    "unknown": "chưa tin cậy: cần --trust để nhập thật",
    "trusted_now": "vừa được tin cậy theo lựa chọn của bạn",
}
_CONFLICT_REASONS = {
    "both_changed": "cả hai bên cùng sửa bản nháp",
    "finalized_differs": "bản ở đây đã hoàn thành, bản nhận về khác",
}



@dataclass
class InspectionOutcome:
    """What happens (or happened) to one incoming inspection."""

    incoming_id: str
    local_id: str  # where it is here (a conflict copy's new id)
    unit: str
    year: int
    status: str  # the incoming status
    action: str  # NEW, UNCHANGED, UPDATED, EXPORTS, CONFLICT
    copy_of: str | None = None
    reason: str = ""  # for a conflict: "both_changed" or "finalized_differs"

    @property
    def label(self) -> str:
        text = ACTION_LABELS[self.action]
        if self.reason:
            text += f" ({_CONFLICT_REASONS.get(self.reason, self.reason)})"
        return text

    def to_json(self) -> dict[str, Any]:
        return {"incoming_id": self.incoming_id, "local_id": self.local_id, "unit": self.unit, "year": self.year,
                "status": self.status, "action": self.action, "label": self.label, "copy_of": self.copy_of,
                "reason": self.reason or None}


@dataclass
class UnitOutcome:
    incoming_id: str
    local_id: str
    name: str
    action: str  # "new", "same" (same id), "alias" (matched before), "matched" (by name, kind and place)

    def to_json(self) -> dict[str, Any]:
        return {"incoming_id": self.incoming_id, "local_id": self.local_id, "name": self.name, "action": self.action}


@dataclass
class ImportResult:
    bundle: Path
    sha256: str
    source: str  # the database id the bundle came from
    created_at: str
    created_by: str
    dry_run: bool
    signer: str = ""  # the fingerprint of the key that signed the bundle
    signer_status: str = ""  # antq_tui.keys.OWN / TRUSTED / UNKNOWN
    encrypted: bool = False
    inspections: list[InspectionOutcome] = field(default_factory=list)
    units: list[UnitOutcome] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # rows/files written per table
    #: Vietnamese lines about what went wrong after the import was committed (the backup)
    warnings: list[str] = field(default_factory=list)
    #: the backup taken because the import added or changed a finalized inspection
    backup: Path | None = None

    @property
    def changed(self) -> bool:
        return any(self.added.values())

    def count(self, action: str) -> int:
        return sum(1 for o in self.inspections if o.action == action)

    @property
    def conflicts(self) -> list[InspectionOutcome]:
        return [o for o in self.inspections if o.action == CONFLICT]

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle": str(self.bundle), "sha256": self.sha256, "source_database": self.source,
            "created_at": self.created_at, "created_by": self.created_by, "dry_run": self.dry_run,
            "signer": self.signer, "signer_status": self.signer_status, "encrypted": self.encrypted,
            "changed": self.changed,
            "summary": {a: self.count(a) for a in ACTION_LABELS},
            "added": dict(self.added),
            "units": [u.to_json() for u in self.units if u.action != "same"],
            "inspections": [o.to_json() for o in self.inspections],
            "backup": str(self.backup) if self.backup else None,
            "warnings": list(self.warnings),
        }

    @property
    def finalized_changed(self) -> bool:
        """Whether a finalized inspection was added here (new, brought forward, or a conflict copy)."""
        return any(o.status == STATUS_FINALIZED and o.action in (NEW, UPDATED, CONFLICT) for o in self.inspections)

    def lines(self) -> list[str]:
        """A Vietnamese report, one line each (the CLI prints it; the TUI shows it)."""
        created = self.created_at[:10]
        when = format_date(dt.date.fromisoformat(created)) if created else "?"
        head = "Nhập thử (chưa ghi gì)" if self.dry_run else "Đã nhập"
        out = [(f"{head}: gói {self.bundle.name}, xuất ngày {when} bởi {self.created_by or '?'} "
                f"(máy {self.source[:8]}).")]
        out.append(f"Chữ ký: khóa {self.signer} ({SIGNER_LABELS.get(self.signer_status, self.signer_status)}); "
                   + ("gói được mã hóa cho máy này." if self.encrypted else "gói không mã hóa."))
        for o in self.inspections:
            line = f"  - {o.unit} năm {o.year} [{o.incoming_id[:8]}]: {o.label}"
            if o.action == CONFLICT:
                line += f"; bản sao mới mã {o.local_id[:8]}, bản ở đây [{(o.copy_of or '')[:8]}] giữ nguyên"
            out.append(line)
        for u in self.units:
            if u.action == "matched":
                out.append(f"  - Đơn vị “{u.name}” trùng tên, loại và địa bàn với đơn vị đã có: dùng chung.")
        summary = ", ".join(f"{self.count(a)} {ACTION_LABELS[a].split(':')[0].split(' (')[0]}"
                            for a in ACTION_LABELS if self.count(a))
        out.append(f"Tổng: {len(self.inspections)} cuộc kiểm tra ({summary}); "
                   f"{self.added.get('units', 0)} đơn vị mới, {self.added.get('answers', 0)} câu trả lời, "
                   f"{self.added.get('audit', 0)} dòng nhật ký, {self.added.get('attachments', 0)} tệp đính kèm, "
                   f"{self.added.get('exports', 0)} biên bản đã xuất.")
        if not self.changed:
            out.append("Không có gì mới: cơ sở dữ liệu giữ nguyên.")
        if self.conflicts:
            out.append(f"Có {len(self.conflicts)} xung đột: hai bản được giữ cạnh nhau, không bản nào bị ghi đè. "
                       "Hãy so sánh và quyết định giữ bản nào.")
        return out


# --------------------------------------------------------------------------------------------------
