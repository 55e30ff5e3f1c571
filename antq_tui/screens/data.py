"""The screens' one door to the store: every read and write the TUI does goes through :class:`Data`.

Kept apart so that the screens do not depend on the storage layer's exact method names, and so that
tests can hand the app an in-memory double. ``Data`` holds one store connection; the saver thread
opens its own ``Data`` (sqlite connections belong to the thread that opened them).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from ..config import Member
from ..criteria import CriteriaSet, EligibilityCheck
from ..inspection import Answer, EligibilityAnswer, Inspection, Unit


class Data:
    """What the TUI needs from the store."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def close(self) -> None:
        close = getattr(self.store, "close", None)
        if close:
            close()

    # -- reads ------------------------------------------------------------------------------------
    def list_inspections(self, query: str = "", year: int | None = None, status: str | None = None) -> list[Any]:
        raise NotImplementedError

    def years(self) -> list[int]:
        raise NotImplementedError

    def units(self) -> list[Unit]:
        raise NotImplementedError

    def get_inspection(self, inspection_id: str) -> Inspection:
        raise NotImplementedError

    def previous_inspection(self, inspection: Inspection) -> Inspection | None:
        raise NotImplementedError

    # -- writes -----------------------------------------------------------------------------------
    def create_inspection(self, *, unit: Unit, criteria: CriteriaSet, eligibility_checks: list[EligibilityCheck],
                          year: int, visit_date: dt.date | None, start_time: str, place: str,
                          team: list[Member], representatives: list[Member], user: str) -> Inspection:
        raise NotImplementedError

    def save_answer(self, inspection_id: str, answer: Answer, user: str) -> None:
        raise NotImplementedError

    def save_eligibility(self, inspection_id: str, answer: EligibilityAnswer, user: str) -> None:
        raise NotImplementedError

    def save_texts(self, inspection_id: str, values: dict[str, str], user: str) -> None:
        """Ưu điểm, tồn tại hạn chế, kiến nghị, kết luận (keys: strengths, shortcomings, ...)."""
        raise NotImplementedError

    def finalize(self, inspection_id: str, user: str) -> Inspection:
        raise NotImplementedError

    def reopen(self, inspection_id: str, reason: str, user: str) -> Inspection:
        raise NotImplementedError


def open_store(db_path: Path) -> Data:
    try:
        from ..storage import Store  # type: ignore[attr-defined]
    except ImportError:
        raise RuntimeError("Bản này chưa có lớp lưu trữ (antq_tui.storage).") from None
    return Data(Store.open(db_path))


def describe_store_error(exc: BaseException, db_path: Path) -> str:
    """A Vietnamese message for a database that cannot be opened (the storage's own message if it has one)."""
    if isinstance(exc, sqlite3.DatabaseError):
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            reason = "đang bị một chương trình khác khóa (antq mở ở cửa sổ khác?)"
        elif "not a database" in text or "malformed" in text or "corrupt" in text:
            reason = "bị hỏng hoặc không phải cơ sở dữ liệu của antq"
        elif "unable to open" in text or "readonly" in text or "permission" in text:
            reason = "không mở được (thư mục không tồn tại hoặc không có quyền ghi)"
        else:
            reason = str(exc)
        return f"Cơ sở dữ liệu {db_path}: {reason}.\nHãy đóng chương trình đang dùng tệp, hoặc khôi phục từ bản sao lưu."
    if isinstance(exc, OSError):
        return f"Cơ sở dữ liệu {db_path}: không đọc được ({exc.strerror or exc})."
    return str(exc) or type(exc).__name__
