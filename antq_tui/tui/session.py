"""The TUI's one handle on the workspace's data: reads now, writes queued, decisions through the services.

A :class:`Session` holds two kinds of access, because a sqlite connection belongs to the thread that
opened it:

- **reads** (the home list, an inspection, the units, what the plugins changed) run on the UI thread's
  own :class:`~antq_tui.services.Context`; they are quick and return what the screen shows;
- **writes** of what the thư ký types (verdicts, figures, evidence, remarks, eligibility, visit details,
  summary texts) are queued in order to the save thread (:mod:`.save_queue`), which has a context of its
  own: a keypress never waits on the disk, the same thing typed again before it was written is written
  once, a failed save is kept and tried again and the screen shows it in red;
- **decisions** that the screen must see decided before it goes on (create, finalize, reopen) run on
  the UI thread through the same services, after the queued writes;
- **long work** (exporting the minutes, bundles) runs in a worker thread with :meth:`thread_context`.

Every write and decision calls :mod:`antq_tui.services`, as the command line does, so both record the
same rows and keep the same rules. Screens never touch the Store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .save_queue import SaveQueue

if TYPE_CHECKING:
    from ..config import Member
    from ..criteria import CriteriaSet, Criterion, EligibilityCheck, Verdict
    from ..inspection import Answer, EvidenceSeen, Inspection, Unit
    from ..services import Context
    from ..services.attachments import AttachedFile
    from ..workspace import Workspace

SaveFn = Callable[["Context"], Any]


class Session:
    """What the screens read and write, in the TUI's words (see the module's text).

    :param app: the Textual app whose thread worker runs the save queue.
    :param workspace: the open workspace; the UI thread's context is opened here (call on the UI thread).
    :param on_queued: called on the UI thread after every queued write (the app's status line).
    """

    def __init__(self, app: Any, workspace: Workspace, *, on_queued: Callable[[], None] | None = None) -> None:
        from ..services import Context  # sqlite-utils is imported when the data is first needed

        self.workspace = workspace
        self.context = Context.open(workspace)
        self.queue = SaveQueue(app, self.thread_context)
        self._on_queued = on_queued

    def start(self) -> None:
        """Start the save thread."""
        self.queue.start()

    def close(self) -> None:
        self.queue.stop()
        self.context.close()

    def thread_context(self) -> Context:
        """A service context of the calling thread's own (close it when done)."""
        from ..services import Context

        return Context.open(self.workspace)

    # -- the save queue ----------------------------------------------------------------------------

    def _queue(self, key: Hashable, fn: SaveFn) -> None:
        self.queue.save(key, fn)
        if self._on_queued is not None:
            self._on_queued()

    @property
    def pending(self) -> int:
        return self.queue.pending

    @property
    def failed(self) -> int:
        return self.queue.failed

    def retry(self) -> bool:
        """Queue the failed writes again; False when there were none."""
        return self.queue.retry()

    # -- reads (UI thread) ---------------------------------------------------------------------------

    def list_inspections(self, query: str = "", year: int | None = None, status: str | None = None,
                         limit: int | None = None, offset: int = 0) -> list[Any]:
        from ..services import inspections

        return inspections.find(self.context, query, year=year, status=status, limit=limit, offset=offset)

    def count_inspections(self, query: str = "", year: int | None = None, status: str | None = None) -> int:
        from ..services import inspections

        return inspections.count(self.context, query, year=year, status=status)

    def years(self) -> list[int]:
        from ..services import inspections

        return inspections.years(self.context)

    def units(self) -> list[Unit]:
        from ..services import inspections

        return inspections.known_units(self.context)

    def get_inspection(self, inspection_id: str) -> Inspection:
        from ..services import inspections

        return inspections.get(self.context, inspection_id)

    def previous_inspection(self, inspection: Inspection) -> Inspection | None:
        from ..services import inspections

        return inspections.previous(self.context, inspection)

    def changed_criteria(self, inspection: Inspection) -> list[int]:
        """Criterion numbers the loaded plugins changed since the inspection started."""
        from ..services import inspections

        return inspections.changed_criteria(self.context, inspection)

    def resume_at(self, inspection: Inspection) -> int | None:
        """The criterion the team touched last, where the walk reopens."""
        from ..services import inspections

        return inspections.resume_at(inspection)

    def live_criteria(self, inspection: Inspection) -> tuple[dict[int, Criterion], list[int]]:
        """The criteria the walk suggests with, and the numbers the plugins changed (once they are loaded)."""
        from ..services import inspections

        return inspections.live_criteria(self.context, inspection)

    # -- writes (queued to the save thread, in order) ------------------------------------------------

    def set_verdict(self, inspection_id: str, number: int, verdict: Verdict | None) -> None:
        from ..services import inspections

        self._queue(("verdict", inspection_id, number),
                    lambda ctx: inspections.set_verdict(ctx, inspection_id, number, verdict))

    def set_self_assessment(self, inspection_id: str, number: int, verdict: Verdict | None) -> None:
        from ..services import inspections

        self._queue(("self", inspection_id, number),
                    lambda ctx: inspections.set_self_assessment(ctx, inspection_id, number, verdict))

    def set_remark(self, inspection_id: str, number: int, remark: str) -> None:
        from ..services import inspections

        self._queue(("remark", inspection_id, number),
                    lambda ctx: inspections.set_remark(ctx, inspection_id, number, remark))

    def set_inputs(self, inspection_id: str, number: int, inputs: dict[str, Any]) -> None:
        from ..services import inspections

        inputs = dict(inputs)
        self._queue(("inputs", inspection_id, number),
                    lambda ctx: inspections.set_inputs(ctx, inspection_id, number, inputs))

    def set_evidence(self, inspection_id: str, number: int, index: int, seen: EvidenceSeen) -> None:
        from ..services import inspections

        self._queue(("evidence", inspection_id, number, index),
                    lambda ctx: inspections.set_evidence(ctx, inspection_id, number, index, seen=seen.seen,
                                                         doc_number=seen.number, date=seen.date))

    def undo(self, inspection_id: str, number: int, part: str, before: Answer, index: int | None = None) -> None:
        """Put ``part`` back as in ``before``: a new logged change, queued under the same key as the part's
        own saves (what is typed after the undo is written after it)."""
        import copy

        from ..services import inspections

        before = copy.deepcopy(before)
        key = (part, inspection_id, number) if index is None else (part, inspection_id, number, index)
        self._queue(key, lambda ctx: inspections.undo(ctx, inspection_id, number, part, before, index))

    def set_eligibility(self, inspection_id: str, check_id: str, what: str, value: Any) -> None:
        """``what``: inputs, decision or remark."""
        from ..services import inspections

        self._queue(("eligibility", inspection_id, check_id, what),
                    lambda ctx: inspections.set_eligibility(ctx, inspection_id, check_id, **{what: value}))

    def save_text(self, inspection_id: str, key: str, value: str) -> None:
        """Ưu điểm, tồn tại hạn chế, kiến nghị, kết luận (strengths, shortcomings, recommendations, conclusion)."""
        from ..services import inspections

        self._queue(("text", inspection_id, key),
                    lambda ctx: inspections.update_details(ctx, inspection_id, **{key: value}))

    def update_visit(self, key: Hashable, inspection_id: str, values: dict[str, Any]) -> None:
        """Date, times, place, team, representatives, minutes number (keys of the store's INSPECTION_FIELDS)."""
        from ..services import inspections

        values = dict(values)
        self._queue(("visit", inspection_id, key),
                    lambda ctx: inspections.update_details(ctx, inspection_id, **values))

    # -- decisions (UI thread, through the services) -------------------------------------------------

    def create_inspection(self, *, unit: Unit, criteria: CriteriaSet, eligibility_checks: list[EligibilityCheck],
                          year: int, visit_date: dt.date | None, start_time: str, place: str,
                          team: list[Member], representatives: list[Member]) -> Inspection:
        from ..services import inspections

        return inspections.create(self.context, unit, year, criteria, eligibility_checks=eligibility_checks,
                                  visit_date=visit_date, start_time=start_time, place=place, team=team,
                                  representatives=representatives)

    def finalize(self, inspection_id: str) -> Inspection:
        """Raises :class:`~antq_tui.services.ServiceError` naming the criteria still unassessed."""
        from ..services import inspections

        return inspections.finalize(self.context, inspection_id)

    def reopen(self, inspection_id: str, reason: str) -> Inspection:
        from ..services import inspections

        return inspections.reopen(self.context, inspection_id, reason)

    # -- evidence files (UI thread: the screen shows the file attached, or why not, at once) --------

    def attachments(self, inspection_id: str, number: int) -> list[AttachedFile]:
        from ..services import attachments

        return attachments.listing(self.context, inspection_id, number)

    def declared(self, inspection: Any, number: int) -> list[str]:
        """What the unit declared for criterion ``number`` before the visit, not yet verified (lines)."""
        from ..services import previsit

        return previsit.declared_lines(inspection, previsit.declarations(self.context, inspection.id).get(number))

    def attach(self, inspection_id: str, number: int, path: str, evidence_index: int | None) -> AttachedFile:
        """Raises ServiceError / StorageError with the Vietnamese reason (finalized, missing, too large)."""
        from ..services import attachments

        return attachments.attach(self.context, inspection_id, number, path, evidence_index=evidence_index)

    def open_attachment(self, attached: AttachedFile) -> str:
        from ..services import attachments

        return attachments.open_file(self.context, attached)

    # -- the district report's sections (decided at once: the screen shows "Đã lưu" only when saved) ------

    def save_report_sections(self, year: int, period: str, sections: dict[str, str]) -> dt.datetime:
        from ..services import office

        return office.save_report_sections(self.context, year, period, sections)
    # -- after the visit: recognition (services.recognition); each a decision the screen waits for --

    def recognition_state(self, inspection_id: str) -> Any:
        from ..services import recognition

        return recognition.state(self.context, inspection_id)

    def recognised_inspections(self) -> dict[str, Any]:
        from ..services import recognition

        return recognition.recognised_inspections(self.context)

    def add_recognition(self, inspection_id: str, **values: Any) -> Any:
        from ..services import recognition

        return recognition.add(self.context, inspection_id, **values)

    def remove_recognition(self, recognition_id: str, reason: str) -> Any:
        from ..services import recognition

        return recognition.remove(self.context, recognition_id, reason)

    def propose_award(self, inspection_id: str, **values: Any) -> Any:
        from ..services import recognition

        return recognition.propose_award(self.context, inspection_id, **values)

    def set_management_level(self, unit_id: str, level: str) -> Any:
        from ..services import recognition

        return recognition.set_level(self.context, unit_id, level)
    # -- registration and the calendar's work (UI thread: the screen shows the result at once) -----

    def registrations(self, year: int, today: dt.date) -> Any:
        from ..services import registration

        return registration.listing(self.context, year, today=today)

    def register(self, unit: str, year: int, date: dt.date | None, note: str, today: dt.date) -> Any:
        """Raises ServiceError with the Vietnamese reason (unit not found, several found, bad date)."""
        from ..services import registration

        return registration.register(self.context, unit, year=year, date=date, note=note, today=today)

    def unregister(self, unit_id: str, year: int) -> str:
        from ..services import registration

        return registration.unregister(self.context, unit_id, year=year)

    def next_deadline_work(self, today: dt.date) -> Any:
        """The home screen's "Sắp đến hạn" deadline (with the units still to do its work), or None.

        Call it in a worker thread: it opens that thread's own context, and before a recognition
        deadline it reads the year's finalized inspections (a province's year: thousands).
        """
        from ..services import calendar

        with self.thread_context() as ctx:
            return calendar.next_with_work(ctx, today)


    # -- the dossier and the eligibility lists (UI thread: the screen shows the result at once) -------

    def listed_fields(self, check: EligibilityCheck) -> list[Any]:
        from ..services import dossier

        return dossier.listed_fields(check)

    def eligibility_cases(self, inspection: Inspection, check_id: str | None = None) -> list[Any]:
        from ..services import dossier

        return dossier.cases(self.context, inspection, check_id)

    def add_case(self, inspection_id: str, check_id: str, text: str, field_id: str) -> Any:
        """Raises ServiceError / StorageError with the Vietnamese reason (malformed, finalized)."""
        from ..services import dossier

        return dossier.add_case(self.context, inspection_id, check_id, text, field_id=field_id)

    def remove_case(self, inspection_id: str, check_id: str, ref: str) -> Any:
        from ..services import dossier

        return dossier.remove_case(self.context, inspection_id, check_id, ref)

    def dossier(self, unit: Unit, year: int) -> Any:
        from ..services import dossier

        return dossier.dossier(self.context, unit, year)

    def set_dossier_item(self, unit: Unit, year: int, item: str, **values: Any) -> Any:
        """``number``, ``date`` (text), ``file`` (a path) at once; raises ServiceError / StorageError."""
        from ..services import dossier

        return dossier.set_item(self.context, unit, year, item, **values)

    def save_dossier_item(self, unit: Unit, year: int, item: str, key: str, value: str) -> None:
        """The số or ngày of a paper as typed, queued like every other typed value."""
        from ..services import dossier

        self._queue(("dossier", unit.id, year, item, key),
                    lambda ctx: dossier.set_item(ctx, unit, year, item, **{key: value}))

    def write_dossier_paper(self, inspection_id: str, kind: str) -> list[str]:
        """The Biên bản họp xét (``"paper"``) or the Danh sách (``"annex"``); call in a worker thread
        (it opens the thread's own context). Returns the messages saying where the files went."""
        from ..services import dossier

        with self.thread_context() as ctx:
            inspection = ctx.store.get_inspection(inspection_id)
            if kind == "paper":
                return [r.message for r in dossier.paper(ctx, inspection)]
            return [dossier.annex(ctx, inspection).message]

    def scope_warning(self, kind: str, name: str, subtype: str = "") -> str:
        from ..services import dossier

        return dossier.scope_warning(kind, name, subtype)

    def subtype_choices(self, kind: str) -> list[tuple[str, str]]:
        from ..services import dossier

        return dossier.subtype_choices(kind)


def describe_store_error(exc: BaseException, db_path: Path) -> str:
    """A Vietnamese message for a database that cannot be opened (the storage's own message if it has one)."""
    from ..storage.errors import StorageError

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

