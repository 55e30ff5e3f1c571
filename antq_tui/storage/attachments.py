"""Files attached to inspections (``attachments``) and the minutes exported from them (``exports``)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from ..folding import nfc
from ..text import escape_controls
from .codec import new_id, now, ts
from .core import StoreCore
from .errors import InvalidValueError, StorageError
from .files import create_free, is_inside, safe_name, sha256_file
from .records import Attachment, ExportRecord
from .signed import ATTACHMENT_ORDER

#: longest name (in characters, before the extension) of an attached file's copy
DISK_NAME_MAX = 80


def disk_name(name: str) -> str:
    """The name an attached file's copy takes in the data folder: letters (any script, NFC), digits,
    ``.``, ``-``, ``_`` and spaces; anything else (brackets, slashes, control characters, quotes)
    becomes ``_``, so the copy is easy to find, back up and open on any system. The original name
    is recorded beside it and is what antq shows."""
    name = nfc(safe_name(name))
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    clean = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in stem).strip(" _") or "tep"
    ext = "".join(ch for ch in ext if ch.isalnum())[:10].lower()
    return clean[:DISK_NAME_MAX] + (f".{ext}" if ext else "")


def copy_in(source: Path, folder: Path) -> tuple[Path, str, int]:
    """Copy ``source`` into ``folder`` under :func:`disk_name` of its name (a free one, created
    exclusively, so two programs adding "anh.jpg" at once each get their own file), fsynced; returns
    the copy, its sha256 and its size. The one copying rule of attached files (evidence and dossier).

    :raises StorageError: the copy failed (nothing is left behind).
    """
    import shutil  # attaching only (~2 ms of every command otherwise)

    dest: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest, out = create_free(folder, disk_name(source.name))
        with out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        if dest is not None:
            dest.unlink(missing_ok=True)
        raise StorageError(f"Không chép được tệp “{escape_controls(source.name)}” vào {folder}: "
                           f"{exc.strerror or exc}.") from None
    digest, size = sha256_file(dest)
    return dest, digest, size


class AttachmentsRepository(StoreCore):

    def add_attachment(self, inspection_id: str, source: Path | str, *, number: int | None = None, note: str = "",
                       user: str | None = None, evidence_index: int | None = None) -> Attachment:
        """Copy ``source`` into the data folder (``attachments/<inspection id>/``) and record it.

        The copy is fsynced before it is recorded; its sha256 and size are stored for ``antq verify``.
        The original name is recorded as it is; the copy is named :func:`disk_name` of it.

        :param evidence_index: the evidence record (0-based) of criterion ``number`` the file shows.
        """
        source = Path(source)
        if not source.is_file():
            raise InvalidValueError(f"Không tìm thấy tệp “{escape_controls(str(source))}”.")
        self._require_draft(inspection_id)
        if number is not None:
            criterion = self._snapshot(inspection_id).criterion(number)
            if evidence_index is not None and not 0 <= evidence_index < len(criterion.evidence):
                raise InvalidValueError(
                    f"Tiêu chí {number} không có hồ sơ số {evidence_index + 1} "
                    f"(có {len(criterion.evidence)} hồ sơ).")
        elif evidence_index is not None:
            raise InvalidValueError("Muốn gắn tệp với một hồ sơ thì phải chọn tiêu chí.")
        from .codec import text_value  # the text rule (antq_tui.text), before anything is copied

        # the file's own name may hold anything the disk allows: it is copied under a safe name and
        # shown escaped, never refused; the note is typed, so the typing rule applies
        note = text_value(note, "Ghi chú", multiline=True, field_id="note")
        folder = self.attachments_dir / inspection_id
        if not is_inside(folder / "x", self.data_dir):
            raise StorageError(f"Không chép tệp “{escape_controls(source.name)}” ra ngoài thư mục dữ liệu {self.data_dir} "
                               f"(mã cuộc kiểm tra “{inspection_id}” không hợp lệ).")
        dest, digest, size = copy_in(source, folder)
        at = now()
        record = Attachment(id=new_id(), inspection_id=inspection_id, number=number, name=escape_controls(nfc(source.name)),
                            path=dest, sha256=digest, size=size, note=nfc(note or ""), added_at=at,
                            added_by=user or self.user, evidence_index=evidence_index)
        try:
            with self._write() as conn:
                self._require_draft(inspection_id)
                conn.execute(
                    "INSERT INTO attachments (id, inspection_id, number, name, path, sha256, size, note, added_at,"
                    " added_by, evidence_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [record.id, inspection_id, number, record.name, self._relative(dest), digest, size, record.note,
                     ts(at), record.added_by, evidence_index],
                )
                self._touch(inspection_id, at)
                logged = {"id": record.id, "name": record.name, "path": self._relative(dest), "sha256": digest,
                          "size": size}
                if evidence_index is not None:
                    logged["evidence_index"] = evidence_index
                self._log(at, user, inspection_id, "attachment.add", str(number or ""), None, logged)
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
        return record

    def attachments(self, inspection_id: str, number: int | None = None) -> list[Attachment]:
        """The inspection's attachments (of criterion ``number`` only, when given), oldest first."""
        where, params = "inspection_id = ?", list[Any]([inspection_id])
        if number is not None:
            where, params = where + " AND number = ?", [*params, number]
        return [
            Attachment(id=r["id"], inspection_id=r["inspection_id"], number=r["number"], name=r["name"],
                       path=self._absolute(r["path"]), sha256=r["sha256"], size=r["size"], note=r["note"],
                       added_at=dt.datetime.fromisoformat(r["added_at"]), added_by=r["added_by"],
                       evidence_index=r["evidence_index"])
            for r in self._query(f"SELECT * FROM attachments WHERE {where} ORDER BY {ATTACHMENT_ORDER}", params)
        ]

    def record_export(self, inspection_id: str, path: Path | str, *, user: str | None = None) -> ExportRecord:
        """Record a file exported from the inspection (the minutes): its path, sha256, size, and the
        inspection's status at that moment. Allowed on finalized inspections (that is when minutes are
        exported); the file must exist already."""
        path = Path(path).absolute()
        if not path.is_file():
            raise InvalidValueError(f"Không tìm thấy tệp đã xuất “{path}”.")
        digest, size = sha256_file(path)
        at = now()
        with self._write() as conn:
            row = self._inspection_row(inspection_id)
            record = ExportRecord(id=new_id(), inspection_id=inspection_id, path=path, sha256=digest, size=size,
                                  status=row["status"], created_at=at, created_by=user or self.user)
            conn.execute(
                "INSERT INTO exports (id, inspection_id, path, sha256, size, status, created_at, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [record.id, inspection_id, self._relative(path), digest, size, record.status, ts(at), record.created_by],
            )
            self._log(at, user, inspection_id, "export.record", record.id, None, {
                "path": self._relative(path), "sha256": digest, "size": size, "status": record.status})
        return record

    def exports(self, inspection_id: str | None = None) -> list[ExportRecord]:
        """Recorded exports (of one inspection, or all), oldest first."""
        where, params = ("WHERE inspection_id = ?", [inspection_id]) if inspection_id else ("", [])
        return [
            ExportRecord(id=r["id"], inspection_id=r["inspection_id"], path=self._absolute(r["path"]),
                         sha256=r["sha256"], size=r["size"], status=r["status"],
                         created_at=dt.datetime.fromisoformat(r["created_at"]), created_by=r["created_by"])
            for r in self._query(f"SELECT * FROM exports {where} ORDER BY created_at, rowid", params)
        ]

    def orphan_files(self) -> list[Path]:
        """Files in ``attachments/`` that no attachment record points to (e.g. a copy left by a
        program killed between copying a file and recording it). Informational: nothing is lost,
        ``antq verify`` lists them for someone to look at; antq never deletes them itself."""
        if not self.attachments_dir.is_dir():
            return []
        recorded = {self._absolute(r["path"]).resolve() for r in self._query("SELECT path FROM attachments")}
        return sorted(p for p in self.attachments_dir.rglob("*") if p.is_file() and p.resolve() not in recorded)

