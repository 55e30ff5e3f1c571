"""A second antq process, on the laptop's second core, for work that reads the database and says little
back: verify's integrity check and audit chain (:mod:`antq_tui.storage.parallel_checks`), and the states
of an import's finalized inspections (:func:`antq_tui.signatures.inspection_states`).

Why a process and not a thread: that work is Python, which one process runs on one core at a time.
The second process runs the very antq of the caller (its ``sys.path``), the module's own ``main(argv)``,
reading what it is given on standard input and answering on standard output. Whoever starts one does
the work itself when it cannot start (a frozen build, a locked-down laptop) or fails (:func:`answer`
is then None), and ends it on leaving whatever happened (:func:`stop`, from a ``finally``).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from collections.abc import Sequence

log = logging.getLogger(__name__)

#: what the second process runs: ``main(argv)`` of the module named in ``sys.argv[2]``, with the caller's
#: own ``sys.path`` (``sys.argv[1]``), so that it imports the caller's antq, never another one
BOOT = ("import json, sys; sys.path[:] = json.loads(sys.argv[1]); from importlib import import_module; "
        "import_module(sys.argv[2]).main(sys.argv[3:])")


class Second:
    """A second process started by :func:`start`: what it answers (:meth:`answer`), and its end (:meth:`stop`)."""

    def __init__(self, process: subprocess.Popen[bytes], given: bytes | None) -> None:
        self.process = process
        self._writer: threading.Thread | None = None
        if given is not None:  # written by a thread, so the caller goes on at once (a pipe holds 64 kB)
            self._writer = threading.Thread(target=self._give, args=(given,), name="antq-beside-input", daemon=True)
            self._writer.start()

    def _give(self, data: bytes) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(data)
            self.process.stdin.close()
        except (OSError, ValueError):  # it ended before reading (it failed: answer says so)
            pass

    def _given(self) -> None:
        """The input written (or given up); the pipe then left alone by communicate()."""
        if self._writer is not None:
            self._writer.join()
            self._writer = None
            self.process.stdin = None

    def answer(self, what: str) -> bytes | None:
        """What the process wrote, once it ends; None when it failed (logged, for whoever looks into why a
        command was slow: the caller does the work itself)."""
        self._given()
        out, err = self.process.communicate()
        if self.process.returncode == 0:
            return out
        log.info("the second process (%s) failed (exit %s): %s", what, self.process.returncode,
                 err.decode("utf-8", "replace")[-2000:])
        return None

    def stop(self) -> None:
        """End it if it still runs, and reap it: no process is left behind."""
        if self.process.poll() is None:
            self.process.kill()
        self._given()
        if self.process.stdout is not None and not self.process.stdout.closed:  # not read yet by answer()
            self.process.communicate()


def start(module: str, args: Sequence[str], *, given: bytes | None = None, boot: str | None = None) -> Second | None:
    """``module.main(args)`` started in a second process, ``given`` written to its standard input;
    None when no process can start here."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return None  # a frozen build's executable is the app, not Python
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", boot or BOOT, json.dumps([str(p) for p in sys.path]), module, *args],
            stdin=subprocess.PIPE if given is not None else subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return Second(process, given)
