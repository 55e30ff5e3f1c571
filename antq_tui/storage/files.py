"""Files in the data folder: hashing, free names, staying inside the folder, exclusive creation.

The store (attachments), ``antq verify`` and the bundle import (:mod:`antq_tui.exchange`) all write
or check files next to the database; these are the helpers they share.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

#: how many names :func:`create_free` tries before giving up
MAX_TRIES = 1000


def sha256_stream(fh: IO[bytes]) -> tuple[str, int]:
    """(sha256 hex digest, bytes read) of an open binary file, read from where it stands to its end."""
    start = fh.tell()
    digest = hashlib.file_digest(fh, "sha256").hexdigest()  # type: ignore[arg-type]  # IO has readinto
    return digest, fh.tell() - start


def sha256_file(path: Path) -> tuple[str, int]:
    """(sha256 hex digest, size in bytes) of the file at ``path``."""
    with open(path, "rb") as fh:
        return sha256_stream(fh)


def _candidates(folder: Path, name: str) -> Iterator[Path]:
    stem, suffix = Path(name).stem, Path(name).suffix
    yield folder / name
    for n in range(2, MAX_TRIES + 1):
        yield folder / f"{stem}_{n}{suffix}"


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name_2.ext``, … : the first name not taken yet (as the minutes are named).

    Only a hint: another process may take it before it is used. Write with :func:`create_free`.
    """
    for dest in _candidates(folder, name):
        if not dest.exists():
            return dest
    raise FileExistsError(f"{folder / name}: too many files with this name")


def create_free(folder: Path, name: str) -> tuple[Path, BinaryIO]:
    """Create a new file ``folder/name`` (or ``name_2``, …) with exclusive creation, never taking
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


def safe_name(name: str, default: str = "tep") -> str:
    """The last part of a file name from elsewhere (a bundle, another laptop): never a path, never empty."""
    base = PurePosixPath(name.replace("\\", "/")).name
    return base if base not in ("", ".", "..") else default
