"""Small notes antq keeps for itself between runs, outside every workspace's data folder.

Nothing here is a record: each note only saves work that can be done again (is this plugin safe to
load, did this database file pass its check), so a missing, damaged or foreign note means the work is
done again, never an error. The data folder stays exactly what the user's commands made it (a
reading command leaves it byte for byte: tests/test_bundle_cli.py).

The folder: ``ANTQ_CACHE_DIR`` when set, else the platform's cache folder (``%LOCALAPPDATA%\\antq\\Cache``
on Windows, ``$XDG_CACHE_HOME/antq`` or ``~/.cache/antq`` elsewhere). Written by hand rather than with
platformdirs: its import costs ~17 ms, paid by every command, for the two cases antq runs on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any


def folder() -> Path:
    """Where the notes are kept (not created here)."""
    if env := os.environ.get("ANTQ_CACHE_DIR"):
        return Path(env)
    if sys.platform == "win32" and (local := os.environ.get("LOCALAPPDATA")):
        return Path(local) / "antq" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "antq"


def key_for(path: Path) -> str:
    """A file name for notes about ``path`` (its absolute form, hashed: any path, any characters)."""
    return hashlib.sha256(str(Path(path).absolute()).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read(name: str) -> Any:
    """The note ``name`` as JSON, or None when there is none or it cannot be read."""
    try:
        return json.loads((folder() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(name: str, value: Any) -> None:
    """Replace the note ``name`` whole (written beside it, then renamed); never an error."""
    target = folder() / name
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def forget(name: str) -> None:
    with contextlib.suppress(OSError):
        (folder() / name).unlink()
