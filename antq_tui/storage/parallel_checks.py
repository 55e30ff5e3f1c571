"""SQLite's integrity check and the audit log's hash chain, run by a second process while ``antq verify``
does the rest of its checks.

Why: on a province's database these two are a third of verify's time (0.5 s and 1.8 s for 451,069 log
rows). They read the file and the log alone, and no other check needs what they find, so on the
laptop's second core they cost nothing. Everything else about them stays as it was: the same functions
(``PRAGMA integrity_check``, :func:`antq_tui.storage.audit.check_chain`) write the same lines, and
:func:`antq_tui.storage.verify.verify_store` turns them into the same problems, in the same order.

What the second process reads: verify's checks run in one read transaction, which another process cannot
share. The log is append-only (triggers refuse UPDATE and DELETE, and verify reports a missing trigger),
so the chain is checked up to the last row that transaction sees (its highest id, passed on the command
line): the rows another program saves meanwhile are left out, as the transaction leaves them out.
The integrity check is of the file, which a commit meanwhile keeps whole.

When it cannot help, verify does the two checks itself, as before: the process cannot start (no
interpreter to run, a frozen build, a locked-down laptop), fails, or says something unreadable
(:meth:`SecondProcess.result` is then None). A small database is checked in-process too: starting
Python costs about 0.1 s, more than the two checks of a few thousand log rows. The process is ended
with the check that started it, even on Ctrl+C or an error (:func:`started` is a context manager).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import beside

#: below this many log rows the two checks stay in-process (a second Python costs more than they do)
MIN_LOG_ROWS = 50_000

#: what the second process runs (:data:`antq_tui.beside.BOOT`: this module's :func:`main`, with the caller's
#: own sys.path, so that it imports the very antq the caller runs)
_BOOT = beside.BOOT


@dataclass(frozen=True)
class Found:
    """What the second process found."""

    #: the lines of ``PRAGMA integrity_check`` (["ok"] for a whole file)
    integrity: list[str]
    #: :func:`~antq_tui.storage.audit.check_chain`'s lines (none when the file was damaged: not walked)
    chain: list[str]


class SecondProcess:
    """The running check, started by :func:`started`."""

    def __init__(self, second: beside.Second) -> None:
        self._second = second

    def result(self) -> Found | None:
        """What it found, once it ends; None when it failed or said something unreadable (check in-process)."""
        out = self._second.answer("verify")
        return _found(out) if out is not None else None

    def stop(self) -> None:
        self._second.stop()


def _found(out: bytes) -> Found | None:
    try:
        data = json.loads(out.decode("utf-8"))
        integrity, chain = data["integrity"], data["chain"]
    except (ValueError, TypeError, KeyError):
        return None
    if not (_lines(integrity) and _lines(chain) and integrity):
        return None
    return Found(integrity, chain)


def _lines(value: Any) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


@contextlib.contextmanager
def started(path: Path, last_audit_id: int) -> Iterator[SecondProcess | None]:
    """The two checks of the database at ``path`` started in a second process, up to log row
    ``last_audit_id``; None when they are better done in-process (a small log) or it cannot start.
    The process is ended on leaving, whatever happened."""
    process = _start(path, last_audit_id) if last_audit_id >= MIN_LOG_ROWS else None
    try:
        yield process
    finally:
        if process is not None:
            process.stop()


def _start(path: Path, last_audit_id: int) -> SecondProcess | None:
    if not Path(path).is_file():
        return None
    second = beside.start(__name__, [str(path), str(last_audit_id)], boot=_BOOT)
    return SecondProcess(second) if second is not None else None


def check(path: Path, last_audit_id: int) -> Found:
    """The two checks, as the second process runs them: in one read transaction of a connection that
    writes nothing, the chain walked only when the file is whole (as verify does in-process)."""
    from . import audit
    from .db import connect

    conn = connect(path)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("BEGIN")
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
        chain = audit.check_chain(conn, last_audit_id) if integrity == ["ok"] else []
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    return Found(integrity, chain)


def main(argv: list[str]) -> None:
    """The second process: ``PATH LAST_AUDIT_ID``; what it found as JSON on standard output (UTF-8)."""
    found = check(Path(argv[0]), int(argv[1]))
    sys.stdout.buffer.write(json.dumps({"integrity": found.integrity, "chain": found.chain},
                                       ensure_ascii=False).encode("utf-8"))
    sys.stdout.buffer.flush()
