"""Exporting the minutes, from home or the summary: in a thread worker (WeasyPrint is imported only
then), with its own store; the result (where the file went) or the failure is shown in a dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _exporter():
    """The minutes renderer, or None when this build does not have it yet."""
    try:
        from ..minutes.render import export_minutes  # type: ignore[import-not-found]

        return export_minutes
    except ImportError:
        return None


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
        app.push_screen(MessageDialog("Đã xuất biên bản", message or f"Tệp: {Path(path)}"))

    def failed(message: str) -> None:
        app.show_error("Không xuất được biên bản", message)

    def work() -> None:
        try:
            data = app.open_store()
            try:
                inspection = data.get_inspection(inspection_id)
                result = _exporter()(app.workspace, inspection)
                if inspection.finalized:  # a draft's export is not a record of the minutes
                    data.record_export(inspection_id, result.path, app.workspace.config.current_user)
            finally:
                data.close()
        except Exception as exc:  # shown in a dialog, never a traceback
            app.call_from_thread(failed, str(exc) or type(exc).__name__)
            return
        app.call_from_thread(done, result)

    screen.run_worker(work, name="export", group="export", thread=True, exclusive=True, exit_on_error=False)
