"""Saving off the UI thread, in order, with its own storage connection.

Every change the thư ký makes becomes a *save operation*: a key (what is being saved, e.g.
``("answer", 5)``) and a function that writes it through a service context. One Textual thread worker
runs the operations one after another with its own context (its own store: sqlite connections belong to
one thread), so a
keypress never waits on the disk. When the same key is queued again before it was written, only the
newest version is written (typing "1234" is one write, not four).

A failed operation is kept and tried again before the next one, so what was typed is never dropped;
the screen is told loudly in the meantime. Only :class:`~antq_tui.tui.session.Session` uses this.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.worker import Worker

SaveFn = Callable[[Any], Any]


@dataclass
class SaveResult:
    key: Hashable
    ok: bool
    when: dt.datetime
    error: str = ""


class SaveDone(Message):
    """Posted to the app after every operation (success or failure)."""

    def __init__(self, result: SaveResult, pending: int) -> None:
        super().__init__()
        self.result = result
        self.pending = pending


class SaveQueue:
    """A queue of save operations run by one thread worker of ``app``.

    :param open_context: called in the worker thread to get the thread's own service context.
    """

    def __init__(self, app, open_context: Callable[[], Any]) -> None:
        self.app = app
        self.open_context = open_context
        self._lock = threading.Lock()
        self._pending: dict[Hashable, SaveFn] = {}
        self._failed: dict[Hashable, SaveFn] = {}
        self._queue: queue.Queue[Hashable | None] = queue.Queue()
        self._busy = 0
        self._stop = threading.Event()
        self.worker: Worker | None = None
        self.last_error = ""

    # -- called on the UI thread --------------------------------------------------------------------

    def start(self) -> None:
        self.worker = self.app.run_worker(
            self._run, name="saver", group="saver", thread=True, exclusive=True, exit_on_error=False
        )

    def save(self, key: Hashable, fn: SaveFn) -> None:
        """Queue ``fn(context)``; it runs after everything queued before it (and any failed retries)."""
        with self._lock:
            for failed_key, failed_fn in list(self._failed.items()):
                if failed_key != key and failed_key not in self._pending:
                    self._pending[failed_key] = failed_fn
                    self._queue.put(failed_key)
            self._failed.clear()
            fresh = key not in self._pending
            self._pending[key] = fn
            if fresh:
                self._queue.put(key)

    def retry(self) -> bool:
        """Queue the failed operations again; False when there were none."""
        with self._lock:
            failed = list(self._failed.items())
            self._failed.clear()
            for key, fn in failed:
                if key not in self._pending:
                    self._pending[key] = fn
                    self._queue.put(key)
        return bool(failed)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending) + self._busy

    @property
    def failed(self) -> int:
        with self._lock:
            return len(self._failed)

    def stop(self) -> None:
        self._stop.set()
        self._queue.put(None)

    # -- the worker thread --------------------------------------------------------------------------

    def _run(self) -> None:
        context = None
        while not self._stop.is_set():
            try:
                key = self._queue.get(timeout=0.5)
            except queue.Empty:
                if not self.app.is_running:  # never keep a finished app's process alive
                    break
                continue
            if key is None:
                break
            with self._lock:
                fn = self._pending.pop(key, None)
                if fn is not None:
                    self._busy += 1
            if fn is None:
                continue
            try:
                if context is None:
                    context = self.open_context()
                fn(context)
                result = SaveResult(key, True, dt.datetime.now())
            except Exception as exc:  # a locked or broken database must never lose what was typed
                context = None  # open afresh next time: the file may have come back
                with self._lock:
                    if key not in self._pending:
                        self._failed[key] = fn
                result = SaveResult(key, False, dt.datetime.now(), f"{type(exc).__name__}: {exc}")
            with self._lock:
                self._busy -= 1
                pending = len(self._pending) + self._busy
            self.last_error = result.error
            try:
                self.app.call_from_thread(self.app.post_message, SaveDone(result, pending))
            except RuntimeError:  # the app is gone (exiting)
                pass
        if context is not None:
            try:
                context.close()
            except Exception:
                pass
