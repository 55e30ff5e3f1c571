"""Files in the data folder: hashing, free names, staying inside the folder, exclusive creation.

The store (attachments), ``antq verify`` and the bundle import (:mod:`antq_tui.exchange`) all write
or check files next to the database; these are the helpers they share.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20

#: how many names :func:`create_free` tries before giving up
MAX_TRIES = 1000


def sha256_file(path: Path) -> tuple[str, int]:
    """(sha256 hex digest, size in bytes) of the file at ``path``."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _candidates(folder: Path, name: str) -> Iterator[Path]:
    stem, suffix = Path(name).stem, Path(name).suffix
    yield folder / name
    for n in range(2, MAX_TRIES + 1):
        yield folder / f"{stem} ({n}){suffix}"


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name (2).ext``, … : the first name not taken yet.

    Only a hint: another process may take it before it is used. Write with :func:`create_free`.
    """
    for dest in _candidates(folder, name):
        if not dest.exists():
            return dest
    raise FileExistsError(f"{folder / name}: too many files with this name")


def create_free(folder: Path, name: str) -> tuple[Path, BinaryIO]:
    """Create a new file ``folder/name`` (or ``name (2)``, …) with exclusive creation, never taking
    a file another process created in between; returns its path and the open binary file."""
    for dest in _candidates(folder, name):
        try:
            return dest, open(dest, "xb")
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder / name}: too many files with this name")


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, with every ``..`` and symbolic link resolved, lies inside ``root``."""
    try:
        Path(path).resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def fsync_file(path: Path) -> None:
    """Flush the file's content to the disk."""
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
