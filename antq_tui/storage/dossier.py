"""The recognition dossier of a unit and year (``dossier_items``) and the cases listed under an
eligibility condition (``eligibility_cases``).

A dossier item belongs to the unit and year, not to an inspection: the tờ trình, the báo cáo kết quả
and the biên bản họp xét are the unit's papers, sent whichever visit the team made. Its file is copied
into ``dossier/<unit id>_<year>/`` by the same rule as an evidence file
(:func:`antq_tui.storage.attachments.copy_in`). A case belongs to an inspection (the list the unit gave
the team on the day) and is refused, like an answer, once the inspection is finalized.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..folding import nfc
from ..text import escape_controls
from .attachments import copy_in
from .codec import UNSET, date_value, new_id, now, parse_ts, text_value, ts, year_value
from .core import StoreCore
from .errors import InvalidValueError, NotFoundError, StorageError
from .files import is_inside

#: the folder of the data folder that holds the dossiers' files
DOSSIER_SUBDIR = "dossier"


@dataclass(frozen=True)
class DossierItemRecord:
    """One paper of a unit's dossier as stored (empty strings and None: not given yet)."""

    unit_id: str
    year: int
    item: str
    number: str
    date: dt.date | None
    file_name: str
    file_path: Path | None
    file_sha256: str
    file_size: int
    updated_at: dt.datetime
    updated_by: str


@dataclass(frozen=True)
class CaseRecord:
    """One collective or person listed under an eligibility condition."""

    id: str
    inspection_id: str
    check_id: str
    field_id: str
    name: str
    form: str
    date: dt.date | None
    status: str
    added_at: dt.datetime
    added_by: str


class DossierRepository(StoreCore):

    @property
    def dossier_dir(self) -> Path:
        return self.data_dir / DOSSIER_SUBDIR

    # -- dossier items ------------------------------------------------------------------------------

    def _item_from(self, r: dict[str, Any]) -> DossierItemRecord:
        return DossierItemRecord(
            unit_id=r["unit_id"], year=int(r["year"]), item=r["item"], number=r["number"],
            date=dt.date.fromisoformat(r["date"]) if r["date"] else None, file_name=r["file_name"],
            file_path=self._absolute(r["file_path"]) if r["file_path"] else None, file_sha256=r["file_sha256"],
            file_size=int(r["file_size"]), updated_at=parse_ts(r["updated_at"]) or now(), updated_by=r["updated_by"])

    def dossier_items(self, unit_id: str, year: int) -> dict[str, DossierItemRecord]:
        """The unit's dossier papers of ``year`` recorded so far, by item."""
        rows = self._query("SELECT * FROM dossier_items WHERE unit_id = ? AND year = ?", [unit_id, int(year)])
        return {r["item"]: self._item_from(r) for r in rows}

    def set_dossier_item(self, unit_id: str, year: int, item: str, *, number: str = UNSET,
                         date: dt.date | str | None = UNSET, source: Path | str | None = None,
                         user: str | None = None) -> DossierItemRecord:
        """Record the số, ngày or file of one dossier paper; only what is given changes. A file is
        copied in (a new copy each time; the one it replaces stays on disk, recorded in the log)."""
        year = year_value(year)
        if self._one("SELECT id FROM units WHERE id = ?", [unit_id]) is None:
            raise NotFoundError(f"Không tìm thấy đơn vị “{escape_controls(unit_id)}”.")
        new: dict[str, Any] = {}
        if number is not UNSET:
            new["number"] = text_value(number, "Số, ký hiệu", field_id="number")
        if date is not UNSET:
            day = date_value(date, "Ngày")
            new["date"] = day.isoformat() if day else None
        copied: Path | None = None
        if source is not None:
            source = Path(source)
            if not source.is_file():
                raise InvalidValueError(f"Không tìm thấy tệp “{escape_controls(str(source))}”.")
            folder = self.dossier_dir / f"{unit_id}_{year}"
            if not is_inside(folder / "x", self.data_dir):
                raise StorageError(f"Mã đơn vị “{escape_controls(unit_id)}” không hợp lệ; không chép tệp.")
            copied, digest, size = copy_in(source, folder)
            new.update(file_name=escape_controls(nfc(source.name)), file_path=self._relative(copied),
                       file_sha256=digest, file_size=size)
        at = now()
        try:
            with self._write() as conn:
                stored = self._one("SELECT * FROM dossier_items WHERE unit_id = ? AND year = ? AND item = ?",
                                   [unit_id, year, item])
                current = stored or {"number": "", "date": None, "file_name": "", "file_path": "",
                                     "file_sha256": "", "file_size": 0}
                changed = {k: v for k, v in new.items() if current.get(k) != v}
                if changed:
                    values = {**{k: current[k] for k in ("number", "date", "file_name", "file_path", "file_sha256",
                                                         "file_size")}, **changed}
                    conn.execute(
                        "INSERT INTO dossier_items (unit_id, year, item, number, date, file_name, file_path,"
                        " file_sha256, file_size, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT (unit_id, year, item) DO UPDATE SET number = excluded.number,"
                        " date = excluded.date, file_name = excluded.file_name, file_path = excluded.file_path,"
                        " file_sha256 = excluded.file_sha256, file_size = excluded.file_size,"
                        " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                        [unit_id, year, item, values["number"], values["date"], values["file_name"],
                         values["file_path"], values["file_sha256"], values["file_size"], ts(at), user or self.user])
                    self._log(at, user, None, "dossier.set", f"{unit_id}/{year}/{item}",
                              {k: current.get(k) for k in changed}, changed)
        except BaseException:
            if copied is not None:
                copied.unlink(missing_ok=True)
            raise
        return self.dossier_items(unit_id, year).get(item) or DossierItemRecord(
            unit_id, year, item, "", None, "", None, "", 0, at, user or self.user)

    # -- eligibility cases --------------------------------------------------------------------------

    def eligibility_cases(self, inspection_id: str, check_id: str | None = None) -> list[CaseRecord]:
        """The inspection's listed cases (of one condition when given), in the order they were added."""
        where, params = "inspection_id = ?", [inspection_id]
        if check_id is not None:
            where, params = where + " AND check_id = ?", [*params, check_id]
        return [
            CaseRecord(id=r["id"], inspection_id=r["inspection_id"], check_id=r["check_id"], field_id=r["field_id"],
                       name=r["name"], form=r["form"], date=dt.date.fromisoformat(r["date"]) if r["date"] else None,
                       status=r["status"], added_at=parse_ts(r["added_at"]) or now(), added_by=r["added_by"])
            for r in self._query(f"SELECT * FROM eligibility_cases WHERE {where} ORDER BY added_at, rowid", params)
        ]

    def add_eligibility_case(self, inspection_id: str, check_id: str, field_id: str, *, name: str, form: str = "",
                             date: dt.date | str | None = None, status: str = "",
                             user: str | None = None) -> CaseRecord:
        """List one case under condition ``check_id`` (counted in its field ``field_id``)."""
        name = text_value(name, "Tên tập thể, cá nhân", field_id="name").strip()
        if not name:
            raise InvalidValueError("Chưa ghi tên tập thể hoặc cá nhân.", "name")
        form = text_value(form, "Hình thức", field_id="form").strip()
        status = text_value(status, "Tình trạng", field_id="status").strip()
        day = date_value(date, "Ngày")
        at = now()
        record = CaseRecord(new_id(), inspection_id, check_id, field_id, name, form, day, status, at, user or self.user)
        with self._write() as conn:
            self._require_draft(inspection_id)
            self._snapshot(inspection_id).check(check_id)
            conn.execute(
                "INSERT INTO eligibility_cases (id, inspection_id, check_id, field_id, name, form, date, status,"
                " added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [record.id, inspection_id, check_id, field_id, name, form, day.isoformat() if day else None, status,
                 ts(at), record.added_by])
            self._touch(inspection_id, at)
            self._log(at, user, inspection_id, "eligibility_case.add", check_id, None,
                      {"id": record.id, "field_id": field_id, "name": name, "form": form,
                       "date": day.isoformat() if day else None, "status": status})
        return record

    def remove_eligibility_case(self, inspection_id: str, case_id: str, *, user: str | None = None) -> None:
        """Take a listed case off the list (logged with what it said)."""
        at = now()
        with self._write() as conn:
            self._require_draft(inspection_id)
            row = self._one("SELECT * FROM eligibility_cases WHERE id = ? AND inspection_id = ?",
                            [case_id, inspection_id])
            if row is None:
                raise NotFoundError(f"Không có trường hợp “{escape_controls(case_id)}” trong cuộc kiểm tra này.")
            conn.execute("DELETE FROM eligibility_cases WHERE inspection_id = ? AND id = ?", [inspection_id, case_id])
            self._touch(inspection_id, at)
            self._log(at, user, inspection_id, "eligibility_case.remove", row["check_id"],
                      {k: row[k] for k in ("id", "field_id", "name", "form", "date", "status")}, None)


def check_dossier_files(reading: Any) -> list[Any]:
    """``antq verify``: each dossier paper's file is still in the data folder, as it was recorded (its
    sha256 and size), like an attached file (:data:`antq_tui.storage.verify.CHECKS`)."""
    from .files import sha256_file
    from .records import Problem

    store = reading.store
    problems = []
    for row in store.query("SELECT d.*, u.name AS unit_name FROM dossier_items d LEFT JOIN units u ON u.id = d.unit_id"
                           " WHERE d.file_path != '' ORDER BY d.unit_id, d.year, d.item"):
        path = store.absolute_path(row["file_path"])
        where = f"Hồ sơ {row['unit_name'] or row['unit_id']} năm {row['year']}: tệp {path}"
        if not path.is_file():
            problems.append(Problem("dossier", f"{where} không còn (đã bị xóa hoặc chuyển đi)."))
            continue
        digest, size = sha256_file(path)
        if digest != row["file_sha256"] or size != row["file_size"]:
            problems.append(Problem("dossier", f"{where} đã bị thay đổi sau khi ghi nhận (mã sha256 không khớp)."))
    return problems
