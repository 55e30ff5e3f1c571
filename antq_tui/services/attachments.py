"""Evidence files: a photo, a scan or a PDF attached to a criterion or to one of its evidence records.

The file is copied into the data folder (``attachments/<inspection id>/``) with its sha256, so the
workspace, its backups and its bundles carry it; ``antq verify`` checks it later. The rules live here
and in the store, and both the walk (``a``) and ``antq attach`` / ``antq attachments`` call them:

- a finalized inspection refuses a new file (the store's guard, and the database's trigger);
- the path must name a readable, non-empty file of at most :data:`MAX_SIZE` bytes;
- the original name is kept and shown literally (control characters written out); the copy is named
  with safe characters only (:func:`antq_tui.storage.attachments.disk_name`).

Opening a file hands it to the system viewer (``xdg-open``, ``open``, ``os.startfile``) in the
background; a laptop with no graphical session gets a Vietnamese message naming where the file is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..text import escape_controls
from ..vnformat import format_date, human_size
from .context import Context, ServiceError

if TYPE_CHECKING:
    from ..inspection import Inspection
    from ..storage.records import Attachment

#: the largest file antq copies in (50 MB). A phone photo is 2–10 MB and a scanned record of a few
#: pages 1–20 MB; a file beyond that is a video or a whole binder, which does not belong in a bundle
#: carried on a USB stick or sent over a slow district line, and copying and hashing 50 MB stays
#: within a second or two on an old laptop's disk.
MAX_SIZE = 50_000_000


@dataclass(frozen=True)
class AttachedFile:
    """An attachment as the screens and commands show it."""

    id: str
    number: int | None  # the criterion
    evidence_index: int | None  # its evidence record (0-based), if the file shows one
    name: str  # the original name, printable (control characters written out)
    size: int
    size_label: str  # "1,2 MB"
    date: str  # dd/mm/yyyy it was attached
    path: Path  # the copy in the data folder
    sha256: str
    added_by: str
    note: str

    @property
    def record_label(self) -> str:
        """"hồ sơ 2" for a file of evidence record 2 (counted from 1), else ""."""
        return f"hồ sơ {self.evidence_index + 1}" if self.evidence_index is not None else ""

    def line(self) -> str:
        """One line: name · size · date (· hồ sơ N)."""
        return " · ".join(x for x in (self.name, self.size_label, self.date, self.record_label) if x)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number,
                "evidence": self.evidence_index + 1 if self.evidence_index is not None else None,
                "name": self.name, "size": self.size, "date": self.date, "path": str(self.path),
                "sha256": self.sha256, "added_by": self.added_by, "note": self.note}


def view(record: Attachment) -> AttachedFile:

    return AttachedFile(id=record.id, number=record.number, evidence_index=record.evidence_index,
                        name=escape_controls(record.name), size=record.size, size_label=human_size(record.size),
                        date=format_date(record.added_at.astimezone().date()), path=record.path,
                        sha256=record.sha256, added_by=record.added_by, note=record.note)


# -- attaching -------------------------------------------------------------------------------------


def check_source(text: str | Path) -> Path:
    """The file a typed path names (``~`` expanded), or a :class:`ServiceError` saying what is wrong."""

    raw = str(text).strip()
    if not raw:
        raise ServiceError("Chưa gõ đường dẫn tệp cần đính kèm.")
    path = Path(os.path.expanduser(raw))
    shown = escape_controls(raw)
    try:
        if not path.exists():
            raise ServiceError(f"Không tìm thấy tệp “{shown}”. Kiểm tra lại đường dẫn.")
        if path.is_dir():
            raise ServiceError(f"“{shown}” là một thư mục; hãy chọn một tệp trong đó.")
        if not path.is_file():
            raise ServiceError(f"“{shown}” không phải tệp thường (ảnh, bản quét, PDF).")
        size = path.stat().st_size
    except OSError as exc:
        raise ServiceError(f"Không đọc được “{shown}”: {exc.strerror or exc}.") from None
    if size == 0:
        raise ServiceError(f"Tệp “{shown}” rỗng (0 byte), không đính kèm.")
    if size > MAX_SIZE:
        raise ServiceError(f"Tệp “{shown}” nặng {human_size(size)}, quá giới hạn {human_size(MAX_SIZE)}. "
                           "Hãy nén ảnh hoặc quét với độ phân giải thấp hơn rồi đính kèm lại.")
    if not os.access(path, os.R_OK):
        raise ServiceError(f"Không có quyền đọc tệp “{shown}”.")
    return path


def attach(ctx: Context, inspection_id: str, number: int, source: str | Path, *,
           evidence_index: int | None = None, note: str = "") -> AttachedFile:
    """Copy ``source`` into the workspace as a file of criterion ``number`` (of its evidence record
    ``evidence_index``, 0-based, when given) and record it with its sha256.

    :raises ServiceError: the path is empty, missing, a folder, empty or larger than :data:`MAX_SIZE`.
    :raises StorageError: the inspection is finalized, or has no such criterion or record.
    """
    path = check_source(source)
    record = ctx.store.add_attachment(inspection_id, path, number=number, evidence_index=evidence_index,
                                      note=note, user=ctx.acting_user)
    return view(record)


# -- listing ---------------------------------------------------------------------------------------


def listing(ctx: Context, inspection_id: str, number: int | None = None) -> list[AttachedFile]:
    """The inspection's files (of criterion ``number`` only, when given), oldest first."""
    return [view(a) for a in ctx.store.attachments(inspection_id, number)]


def find(ctx: Context, inspection_id: str, ref: str) -> AttachedFile:
    """A file of the inspection by its position in :func:`listing` (from 1) or the start of its id."""
    files = listing(ctx, inspection_id)
    ref = ref.strip()
    if ref.isdigit() and 1 <= int(ref) <= len(files):
        return files[int(ref) - 1]
    matches = [f for f in files if len(ref) >= 4 and f.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    raise ServiceError(f"Không có tệp đính kèm “{ref}” (cuộc kiểm tra có {len(files)} tệp; "
                       "xem bằng lệnh antq attachments).")


def minutes_lines(inspection: Inspection, files: Iterable[AttachedFile]) -> dict[int, str]:
    """Per criterion, the "Kèm theo: …" line of the minutes: each file's name, and which evidence
    record it shows (by the record's order in the criterion)."""
    by_number: dict[int, list[str]] = {}
    for f in files:
        if f.number is None:
            continue
        by_number.setdefault(f.number, []).append(f"{f.name} ({f.record_label})" if f.record_label else f.name)
    return {n: "Kèm theo: " + "; ".join(names) + "." for n, names in by_number.items()}


# -- opening ---------------------------------------------------------------------------------------


def viewer_command(path: Path) -> list[str] | None:
    """The command that shows ``path`` in the system viewer, or None when this machine has none
    (no ``xdg-open``, or no graphical session: ``xdg-open`` would then start a text browser inside
    the terminal antq is drawing in)."""
    if sys.platform == "darwin":
        return ["open", str(path)] if shutil.which("open") else None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None
    tool = shutil.which("xdg-open")
    return [tool, str(path)] if tool else None


def launch(command: Sequence[str]) -> None:
    """Start ``command`` in the background, detached from antq's terminal; never waits for it."""
    subprocess.Popen(list(command), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)


def _startfile() -> Callable[[str], None] | None:
    return getattr(os, "startfile", None)  # Windows only


def open_file(ctx: Context, attached: AttachedFile) -> str:
    """Show the file in the system viewer (in the background); returns what to tell the user.

    :raises ServiceError: the copy is gone from the data folder, or this machine has no viewer (the
        message says where the file is, to copy it elsewhere).
    """
    path = attached.path
    if not path.is_file():
        raise ServiceError(f"Tệp “{attached.name}” không còn trong thư mục dữ liệu ({path}). "
                           "Chạy antq verify để kiểm tra.")
    startfile = _startfile() if sys.platform == "win32" else None
    try:
        if startfile is not None:
            startfile(str(path))
        else:
            command = viewer_command(path)
            if command is None:
                raise ServiceError(f"Máy này không có chương trình xem tệp (không có giao diện đồ họa hoặc chưa "
                                   f"cài xdg-open). Tệp nằm ở: {path}")
            launch(command)
    except OSError as exc:
        raise ServiceError(f"Không mở được tệp “{attached.name}”: {exc.strerror or exc}. Tệp nằm ở: {path}") from None
    return f"Đang mở “{attached.name}” bằng chương trình xem tệp của máy."
