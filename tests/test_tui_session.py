"""The session's save queue: in order, the same key written once, a failed save kept and retried, never dropped."""

from __future__ import annotations

import asyncio
import threading

from textual.app import App
from tui_helpers import run_async

from antq_tui.tui.save_queue import SaveDone, SaveQueue


class FakeContext:
    def __init__(self, written: list, opened: list) -> None:
        self.written = written
        opened.append(threading.get_ident())

    def close(self) -> None:
        pass


class QueueApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.written: list = []
        self.opened: list = []
        self.results: list = []
        self.queue = SaveQueue(self, lambda: FakeContext(self.written, self.opened))

    def on_mount(self) -> None:
        self.queue.start()

    def on_save_done(self, message: SaveDone) -> None:
        self.results.append(message.result)

    def on_unmount(self) -> None:
        self.queue.stop()


async def drained(app: QueueApp, pilot) -> None:
    for _ in range(200):
        if not app.queue.pending:
            break
        await asyncio.sleep(0.02)
    await pilot.pause()


@run_async
async def test_saves_run_in_order_in_their_own_thread_and_a_key_queued_twice_is_written_once():
    app = QueueApp()
    async with app.run_test() as pilot:
        gate = threading.Event()
        app.queue.save("first", lambda ctx: (gate.wait(5), ctx.written.append("first")))
        for text in ("1", "12", "123", "1234"):  # typed while "first" is being written
            app.queue.save("figure", lambda ctx, text=text: ctx.written.append(text))
        app.queue.save("last", lambda ctx: ctx.written.append("last"))
        gate.set()
        await drained(app, pilot)
        assert app.written == ["first", "1234", "last"]
        assert threading.get_ident() not in app.opened
        assert all(r.ok for r in app.results) and not app.queue.failed


@run_async
async def test_a_failed_save_is_kept_retried_before_the_next_one_and_never_dropped():
    app = QueueApp()
    async with app.run_test() as pilot:
        broken = {"on": True}

        def write_a(ctx):
            if broken["on"]:
                raise OSError("database is locked")
            ctx.written.append("a")

        app.queue.save("a", write_a)
        await drained(app, pilot)
        assert app.queue.failed == 1 and app.written == []
        assert not app.results[-1].ok and "database is locked" in app.results[-1].error
        broken["on"] = False
        app.queue.save("b", lambda ctx: ctx.written.append("b"))  # the failed one goes first
        await drained(app, pilot)
        assert app.written == ["a", "b"] and not app.queue.failed
        assert app.queue.retry() is False  # nothing left to retry


@run_async
async def test_retry_queues_the_failed_saves_again():
    app = QueueApp()
    async with app.run_test() as pilot:
        attempts = []

        def flaky(ctx):
            attempts.append(1)
            if len(attempts) == 1:
                raise RuntimeError("disk full")
            ctx.written.append("saved")

        app.queue.save("x", flaky)
        await drained(app, pilot)
        assert app.queue.failed == 1
        assert app.queue.retry() is True
        await drained(app, pilot)
        assert app.written == ["saved"] and not app.queue.failed
