"""Keys handled one at a time, each to its end, whatever the pace at which they come.

Textual forwards a key to the focused widget's message queue and goes on with the next key at once.
A key the widget does not take itself (Backspace, arrows, Tab, Enter on a list) bubbles up through
each parent's queue back to the app, and only there runs its binding. In a burst (a fast typist, a
held Backspace, a paste of keys from the terminal) the printable keys behind it are inserted first:
"Số liệu 31/02", 13 × Backspace, "Đã đối chiếu" left "Số liệu 31/0", and a key typed while the next
criterion was being mounted went to the list that still had the focus.

:class:`KeyOrder` keeps the keys that reach the app in a queue of its own and lets the next one go
only when the app is quiet again: every message queue is empty, so the binding of the previous key
has run, the widgets it mounted are composed and the focus is where it landed. A character typed
into the focused text field goes on at once (the field takes its keys in order, and nothing else
moves). At a human pace the wait is nothing; in a burst each other key waits for the one before it. Keys are never dropped: a key that
waited longer than :data:`MAX_WAIT` goes on anyway.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from textual import events

#: The longest a key waits for the app to be quiet (seconds); then it goes on anyway.
MAX_WAIT = 1.0
_ORDERED = "_antq_in_order"


class KeyOrder:
    """The app's keys, released one at a time (see the module's text).

    The app calls :meth:`take` first thing in ``on_event``; when it returns True the key is kept and
    will come back to the app, marked, when its turn comes.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self._keys: deque[events.Key] = deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._handling = 0

    def take(self, event: events.Event) -> bool:
        if not isinstance(event, events.Key) or event.is_forwarded or getattr(event, _ORDERED, False):
            return False
        self._keys.append(event)
        self._wake.set()
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="antq-key-order")
        return True

    @property
    def waiting(self) -> int:
        """Keys received and not yet handed on (the one being handled included)."""
        return len(self._keys) + self._handling

    async def drained(self, timeout: float = 30.0) -> bool:
        """Wait until every key received was handed on and handled; False on timeout."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while self.waiting and loop.time() < end:
            await asyncio.sleep(0.01)
        if not self.waiting:
            await self._quiet()
        return not self.waiting

    async def _run(self) -> None:
        while self.app.is_running or self._keys:
            if not self._keys:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=1.0)
                except TimeoutError:
                    continue
                continue
            event = self._keys.popleft()
            if not self.app.is_running:
                continue
            self._handling = 1
            try:
                setattr(event, _ORDERED, True)
                typed = self._typed_into_text(event)
                self.app.post_message(event)
                if not typed:
                    await self._quiet()
            finally:
                self._handling = 0

    def _typed_into_text(self, event: events.Key) -> bool:
        """A character for the focused text field: that field takes it in its own queue, in order, and
        nothing else moves, so the next key need not wait (a burst of text goes at full speed)."""
        from textual.widgets import Input, TextArea

        try:
            focused = self.app.focused
        except Exception:  # no screen yet, or the app is closing
            return False
        if not event.is_printable or not isinstance(focused, (Input, TextArea)):
            return False
        return not getattr(focused, "read_only", False) and not focused.disabled

    def _busy(self) -> bool:
        app = self.app
        pumps = [app, *app.screen_stack, *app._registry]
        return any(not pump._message_queue.empty() for pump in pumps if not pump._closed)

    async def _quiet(self) -> None:
        """Wait until every message queue of the app is empty (twice in a row), or MAX_WAIT."""
        loop = asyncio.get_running_loop()
        end = loop.time() + MAX_WAIT
        calm = 0
        spins = 0
        while calm < 2 and loop.time() < end:
            await asyncio.sleep(0 if spins < 20 else 0.002)
            spins += 1
            calm = calm + 1 if not self._busy() else 0
