"""Exporting the minutes, from home or the summary: in a thread worker (WeasyPrint is imported only
then), through the service :func:`antq_tui.services.minutes.export` with this thread's own context
(a finalized inspection's recorded file is never overwritten: a new export takes the next free name); the result (where the file went) or the failure is shown in a dialog."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def path_on_its_own_lines(message: str, path: Path | str) -> str:
    """``message`` with ``path`` moved to lines of its own: the file name whole on one line, its folder
    on the next, so a narrow dialog or toast never breaks the name mid-word (``.pd`` / ``f``)."""
    path = Path(path)
    block = f"\n{path.name}\n(thư mục {path.parent})\n"
    out = re.sub(r"[ \t]*" + re.escape(str(path)) + r"\.?[ \t]*", lambda _m: block, message)
    return out.strip()


def _exporter():
    """The minutes export of the services, or None when this build does not have the renderer."""
    try:
        from ...minutes.render import export_minutes  # noqa: F401  (Jinja2/WeasyPrint present?)
        from ...services import minutes
    except ImportError:
        return None
    return minutes.export


def start_export(screen, inspection_id: str) -> None:
    app = screen.app
    if _exporter() is None:
        app.show_error("Chưa có chức năng xuất biên bản",
                       "Bản antq này chưa có phần xuất biên bản (PDF). Dữ liệu đã được lưu đầy đủ; "
                       "khi cập nhật antq có phần này, bấm e để xuất.")
        return
    app.notify("Đang xuất biên bản…", timeout=3)

    def done(result: Any) -> None:
        from .dialogs import MessageDialog

        path = getattr(result, "path", result)
        message = getattr(result, "message", "")
        app.push_screen(MessageDialog("Đã xuất biên bản", path_on_its_own_lines(message or f"Tệp: {path}", path)))

    def failed(message: str) -> None:
        app.show_error("Không xuất được biên bản", message)

    def work() -> None:
        try:
            # the service records a finalized inspection's file and never overwrites a recorded one
            with app.session.thread_context() as ctx:
                result = _exporter()(ctx, inspection_id)
        except Exception as exc:  # shown in a dialog, never a traceback
            app.call_from_thread(failed, str(exc) or type(exc).__name__)
            return
        app.call_from_thread(done, result)

    screen.run_worker(work, name="export", group="export", thread=True, exclusive=True, exit_on_error=False)
