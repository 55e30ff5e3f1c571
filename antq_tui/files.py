"""Writing the files antq produces (minutes, reports, tables, config.toml) safely.

- :func:`write_atomic`: bytes through the one atomic writer (:func:`atomic_path`, which the database
  backups and the bundles use too:
  a temporary file, fsync, rename, then fsync of the folder), so a power cut leaves either the old
  file or the new one, never half of one.
- :func:`check_output_path`: an export never lands on the workspace's own database or config.toml,
  whatever ``--out`` says.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .workspace import Workspace


class OutputPathError(ValueError):
    """An output path antq refuses to write to. The message is Vietnamese, for the user."""


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """The one atomic writer: yields a temporary path next to ``path`` for the block to write; then
    fsyncs it, renames it onto ``path`` and fsyncs the folder, so a power cut leaves the old file or
    the new one, never half of one. On any error the temporary file is removed and ``path`` is untouched.
    The file gets the usual permissions (umask), not mkstemp's 0600: exports are for the office to open."""
    path = Path(path)
    fd, tmp = _temporary_beside(path)
    os.close(fd)
    try:
        yield tmp
        fsync_file(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _temporary_beside(path: Path) -> tuple[int, Path]:
    """A new temporary file (open, its descriptor) in ``path``'s folder, made if missing, named as
    :func:`antq_tui.storage.backup.clean_stray` knows a killed write's leftovers (``.antq-….part``)."""
    import tempfile  # a reading command writes nothing: ~3 ms (shutil, random, bz2, lzma) it never pays

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".antq-", suffix=path.suffix + ".part", dir=path.parent)
    return fd, Path(name)


def fsync_file(path: Path) -> None:
    """Flush the file's content to the disk."""
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that a crash never leaves a partial file (:func:`atomic_path`).

    :returns: ``path``, for the message that names the file written.
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


#: up to this many files and folders are fsynced one by one; beyond, one ``syncfs`` costs less than a
#: journal commit for each, but it also waits for everything else being written to that disk (a copy in
#: progress, the database just written), which a bundle of a few files should not
FSYNC_EACH = 64


def make_durable(files: Sequence[Path], folders: Sequence[Path] = ()) -> None:
    """Put ``files`` and the folders naming them (``folders`` made for them too) on the disk at once (an
    import, before it commits, for the files it copied): for many, one ``syncfs`` of their file system
    where the system has it (Linux), else each file and folder fsynced once."""
    if not files and not folders:
        return
    anchor = (files[0] if files else folders[0]).parent
    syncfs = _syncfs() if len(files) + len(folders) > FSYNC_EACH else None
    if syncfs is not None:
        fd = os.open(anchor, os.O_RDONLY)
        try:
            if syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in files:  # opened for writing: Windows flushes no file opened read-only (EBADF)
        fsync_file(path)
    if os.name == "posix":  # a folder cannot be opened for fsync on Windows; NTFS journals names itself
        for folder in dict.fromkeys([*(f.parent for f in files), *folders, *(f.parent for f in folders)]):
            fsync_dir(folder)


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only an import of many files needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


def write_atomic_many(items: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write each ``(path, data)`` as :func:`write_atomic` would, for many files at once (the signatures of a
    whole import): every temporary file is written, then all made durable together (:func:`make_durable`:
    one ``syncfs`` for many), then each renamed onto its path and each folder fsynced once. A power cut
    leaves each path with its old file or its new one, never half of one, as with :func:`write_atomic`,
    at the cost of one disk flush instead of two per file. On an error, the temporary files not yet
    renamed are removed; those renamed before it stay written.

    :returns: the paths, in order.
    """
    written: list[tuple[Path, Path]] = []  # (temporary file, its path), in order
    renamed = 0  # how many of them are in place
    mode = 0o666 & ~_umask()
    try:
        for path, data in items:
            path = Path(path)
            fd, tmp = _temporary_beside(path)
            written.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, mode)
        make_durable([tmp for tmp, _ in written])
        for tmp, path in written:
            os.replace(tmp, path)
            renamed += 1
    except BaseException:
        for tmp, _ in written[renamed:]:
            tmp.unlink(missing_ok=True)
        raise
    paths = [Path(path) for path, _ in items]
    if os.name == "posix":
        for folder in dict.fromkeys(p.parent for p in paths):
            fsync_dir(folder)
    return paths


def check_output_path(workspace: Workspace, path: Path) -> Path:
    """Refuse to write an export onto the database (and its journal files) or the config file."""
    target = Path(path).absolute().resolve()
    db = workspace.db_path.absolute().resolve()
    protected = {db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"),
                 db.with_name(db.name + "-journal"), workspace.config.path.absolute().resolve()}
    if target in protected:
        raise OutputPathError(
            f"Không ghi đè lên {target}: đó là cơ sở dữ liệu hoặc tệp cấu hình của antq. Chọn tệp khác."
        )
    return Path(path)


def output_path(workspace: Workspace, out: Path, suffix: str) -> Path:
    """Where an export asked for with ``--out`` goes: the file always ends in its own ``suffix``
    (".pdf"; "bb.txt" → "bb.txt.pdf", "bb.html" → "bb.pdf"), and never onto antq's own files."""
    out = Path(out)
    if out.suffix.lower() != suffix:
        known = {".pdf", ".html", ".htm", ".csv", ".xlsx", ".json"}
        out = out.with_suffix(suffix) if out.suffix.lower() in known else out.with_name(out.name + suffix)
    return check_output_path(workspace, out)


def export_target(workspace: Workspace, out: Path | None, default: Path, suffix: str) -> Path:
    """Where an export goes: ``default`` without ``--out``; into a folder ``out``, under ``default``'s
    name; else the file ``out`` (:func:`output_path`: its own ``suffix``, never onto antq's files)."""
    if out is None:
        return check_output_path(workspace, default)
    out = Path(out)
    if out.is_dir():
        return check_output_path(workspace, out / default.name)
    return output_path(workspace, out, suffix)
