"""Files attached to inspections (``attachments``) and the minutes exported from them (``exports``)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from ..folding import nfc
from .codec import new_id, now, ts
from .core import StoreCore
from .errors import InvalidValueError, StorageError
from .files import create_free, is_inside, sha256_file
from .records import Attachment, ExportRecord


class AttachmentsRepository(StoreCore):

    def add_attachment(self, inspection_id: str, source: Path | str, *, number: int | None = None, note: str = "",
                       user: str | None = None) -> Attachment:
        """Copy ``source`` into the data folder (``attachments/<inspection id>/``) and record it.

        The copy is fsynced before it is recorded; its sha256 and size are stored for ``antq verify``.
        """
        source = Path(source)
        if not source.is_file():
            raise InvalidValueError(f"Không tìm thấy tệp “{source}”.")
        self._require_draft(inspection_id)
        if number is not None:
            self._snapshot(inspection_id).criterion(number)
        from .codec import text_value  # the text rule (antq_tui.text), before anything is copied

        text_value(source.name, "Tên tệp", field_id="name")
        note = text_value(note, "Ghi chú", multiline=True, field_id="note")
        folder = self.attachments_dir / inspection_id
        if not is_inside(folder / "x", self.data_dir):
            raise StorageError(f"Không chép tệp “{source.name}” ra ngoài thư mục dữ liệu {self.data_dir} "
                               f"(mã cuộc kiểm tra “{inspection_id}” không hợp lệ).")
        dest: Path | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # exclusive creation: two programs adding "anh.jpg" at once each get their own file
            dest, out = create_free(folder, nfc(source.name))
            with out, open(source, "rb") as src:
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            if dest is not None:
                dest.unlink(missing_ok=True)
            raise StorageError(f"Không chép được tệp “{source.name}” vào {folder}: {exc.strerror or exc}.") from None
        digest, size = sha256_file(dest)
        at = now()
        record = Attachment(id=new_id(), inspection_id=inspection_id, number=number, name=nfc(source.name),
                            path=dest, sha256=digest, size=size, note=nfc(note or ""), added_at=at,
                            added_by=user or self.user)
        try:
            with self._write() as conn:
                self._require_draft(inspection_id)
                conn.execute(
                    "INSERT INTO attachments (id, inspection_id, number, name, path, sha256, size, note, added_at,"
                    " added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [record.id, inspection_id, number, record.name, self._relative(dest), digest, size, record.note,
                     ts(at), record.added_by],
                )
                self._touch(inspection_id, at)
                self._log(at, user, inspection_id, "attachment.add", str(number or ""), None, {
                    "id": record.id, "name": record.name, "path": self._relative(dest), "sha256": digest,
                    "size": size})
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
        return record

    def attachments(self, inspection_id: str) -> list[Attachment]:
        """The inspection's attachments, oldest first."""
        return [
            Attachment(id=r["id"], inspection_id=r["inspection_id"], number=r["number"], name=r["name"],
                       path=self._absolute(r["path"]), sha256=r["sha256"], size=r["size"], note=r["note"],
                       added_at=dt.datetime.fromisoformat(r["added_at"]), added_by=r["added_by"])
            for r in self._query("SELECT * FROM attachments WHERE inspection_id = ? ORDER BY added_at, rowid",
                                 [inspection_id])
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

