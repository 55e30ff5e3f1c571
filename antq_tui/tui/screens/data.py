"""The screens' one door to the store: every read and write the TUI does goes through :class:`Data`.

``Data`` wraps one :class:`~antq_tui.storage.Store` (one sqlite connection, usable only in the
thread that opened it). The UI thread holds one for reads; the saver thread opens its own.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from ...config import Member
from ...criteria import CriteriaSet, EligibilityCheck, Verdict
from ...inspection import EvidenceSeen, Inspection, Unit


class Data:
    """What the TUI needs from the store, in the TUI's words."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def close(self) -> None:
        self.store.close()

    def daily_backup(self) -> Any:
        """Today's copy of the database, unless one was taken already (see Store.daily_backup)."""
        return self.store.daily_backup()

    # -- reads ------------------------------------------------------------------------------------
    def list_inspections(self, query: str = "", year: int | None = None, status: str | None = None) -> list[Any]:
        return self.store.list_inspections(query, year=year, status=status)

    def years(self) -> list[int]:
        return sorted({row.year for row in self.store.list_inspections()})

    def units(self) -> list[Unit]:
        return self.store.find_units()

    def get_inspection(self, inspection_id: str) -> Inspection:
        return self.store.get_inspection(inspection_id)

    def previous_inspection(self, inspection: Inspection) -> Inspection | None:
        row = self.store.previous_inspection(inspection.id)
        return self.store.get_inspection(row.id) if row else None

    def changed_criteria(self, inspection: Inspection, registry) -> list[int]:
        return self.store.changed_criteria(inspection, registry)

    # -- writes (each returns the time it was saved) ------------------------------------------------
    def create_inspection(self, *, unit: Unit, criteria: CriteriaSet, eligibility_checks: list[EligibilityCheck],
                          registry, year: int, visit_date: dt.date | None, start_time: str, place: str,
                          team: list[Member], representatives: list[Member], user: str) -> Inspection:
        return self.store.create_inspection(unit, year, criteria, eligibility_checks, registry=registry,
                                            visit_date=visit_date, start_time=start_time, place=place, team=team,
                                            representatives=representatives, user=user)

    def set_verdict(self, inspection_id: str, number: int, verdict: Verdict | None, user: str):
        return self.store.set_verdict(inspection_id, number, verdict, user=user)

    def set_self_assessment(self, inspection_id: str, number: int, verdict: Verdict | None, user: str):
        return self.store.set_self_assessment(inspection_id, number, verdict, user=user)

    def set_remark(self, inspection_id: str, number: int, remark: str, user: str):
        return self.store.set_remark(inspection_id, number, remark, user=user)

    def set_inputs(self, inspection_id: str, number: int, inputs: dict[str, Any], registry, user: str):
        return self.store.set_inputs(inspection_id, number, inputs, registry, user=user)

    def set_evidence(self, inspection_id: str, number: int, index: int, seen: EvidenceSeen, user: str):
        return self.store.set_evidence(inspection_id, number, index, seen=seen.seen, doc_number=seen.number,
                                       date=seen.date, user=user)

    def set_eligibility(self, inspection_id: str, check_id: str, registry, user: str, **values: Any):
        """``values``: any of inputs, decision, remark."""
        return self.store.set_eligibility(inspection_id, check_id, registry=registry, user=user, **values)

    def save_texts(self, inspection_id: str, values: dict[str, str], user: str):
        """Ưu điểm, tồn tại hạn chế, kiến nghị, kết luận (strengths, shortcomings, recommendations, conclusion)."""
        return self.store.update_inspection(inspection_id, user=user, **values)

    def update_visit(self, inspection_id: str, values: dict[str, Any], user: str):
        """Date, times, place, team, representatives, minutes number (keys of the store's INSPECTION_FIELDS)."""
        return self.store.update_inspection(inspection_id, user=user, **values)

    def finalize(self, inspection_id: str, user: str) -> Inspection:
        self.store.finalize(inspection_id, user=user)
        return self.store.get_inspection(inspection_id)

    def reopen(self, inspection_id: str, reason: str, user: str) -> Inspection:
        self.store.reopen(inspection_id, reason, user=user)
        return self.store.get_inspection(inspection_id)

    def record_export(self, inspection_id: str, path: Path, user: str) -> None:
        self.store.record_export(inspection_id, path, user=user)


def open_store(workspace) -> Data:
    """A new :class:`Data` on the workspace's database (call it in the thread that will use it)."""
    from ...storage import Store  # sqlite-utils is imported when the store is first needed

    return Data(Store.for_workspace(workspace))


def describe_store_error(exc: BaseException, db_path: Path) -> str:
    """A Vietnamese message for a database that cannot be opened (the storage's own message if it has one)."""
    from ...storage.errors import StorageError

    if isinstance(exc, StorageError):
        return f"{exc}\n\nTệp: {db_path}"
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
    return f"Cơ sở dữ liệu {db_path}: {exc or type(exc).__name__}"
