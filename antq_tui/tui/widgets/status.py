"""The save status line: "Đã lưu HH:MM:SS", or a loud red message when a save failed."""

from __future__ import annotations

import datetime as dt

from .plain import Static


class SaveStatus(Static):
    DEFAULT_CSS = """
    SaveStatus { height: 1; width: 1fr; padding: 0 1; background: $boost; color: $text-muted; }
    SaveStatus.-error { background: $error; color: $text; text-style: bold; }
    SaveStatus.-readonly { background: $warning-muted; color: $text; }
    """

    def saved(self, when: dt.datetime, extra: str = "") -> None:
        self.remove_class("-error")
        self.update(f"Đã lưu {when:%H:%M:%S}" + (f" · {extra}" if extra else ""))

    def saving(self) -> None:
        if not self.has_class("-error"):
            self.update("Đang lưu…")

    def failed(self, error: str) -> None:
        self.add_class("-error")
        self.update(f"⚠ CHƯA LƯU ĐƯỢC ({error}). Dữ liệu vẫn còn trên màn hình; Ctrl+S để thử lại.")

    def info(self, text: str) -> None:
        self.update(text)

    def mode(self, readonly: bool) -> None:
        """Say once whether what is shown can be changed (a finalized inspection is only viewed)."""
        if readonly != self.has_class("-readonly") or not str(self.render()).strip():
            self.set_class(readonly, "-readonly")
            self.info(READONLY_STATUS if readonly else EDITABLE_STATUS)


EDITABLE_STATUS = "Mọi thay đổi được lưu ngay."
READONLY_STATUS = "Chỉ xem (đã hoàn thành): không sửa được. Mở lại ở màn hình Tổng hợp (o)."
