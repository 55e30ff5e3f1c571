"""``antq export``: the minutes (biên bản) of one inspection, as PDF (or printable HTML, or Word)."""

from __future__ import annotations

from pathlib import Path

import click

from .main import CliState, echo_json, fail, main, open_store_for_writing, pass_state


@main.command("export")
@click.argument("inspection_id")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None,
              help="Tệp hoặc thư mục ghi biên bản (mặc định: thư mục bien_ban/ trong thư mục dữ liệu).")
@click.option("--html", "as_html", is_flag=True, help="Xuất HTML để in từ trình duyệt thay cho PDF.")
@click.option("--docx", "as_docx", is_flag=True, help="Xuất tệp Word (.docx) để sửa, đánh số, ký tại cơ quan.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@pass_state
def export_command(state: CliState, inspection_id: str, out: Path | None, as_html: bool, as_docx: bool,
                   as_json: bool) -> None:
    """Xuất biên bản kiểm tra, thẩm định của một cuộc kiểm tra.

    Cuộc kiểm tra chưa hoàn thành được xuất thành bản dự thảo (có chữ DỰ THẢO); cuộc kiểm tra đã
    hoàn thành được xuất thành bản chính thức và được ghi nhận (đường dẫn, mã SHA-256) vào cơ sở dữ liệu.
    """
    if as_html and as_docx:
        fail("Chỉ chọn một trong --html, --docx.")
    ws = state.workspace()
    if not ws.db_path.exists():
        fail(f"Chưa có cơ sở dữ liệu {ws.db_path}: chưa có cuộc kiểm tra nào để xuất biên bản.")
    from ..files import OutputPathError
    from ..minutes.render import (  # Jinja2 only when exporting
        TemplateError,
        describe_template_error,
    )
    from ..services import Context, ServiceError, inspections, minutes
    from ..storage import StorageError
    try:
        with open_store_for_writing(state) as store:  # a final's export is recorded: a write
            ctx = Context(ws, store)
            full_id = inspections.resolve_id(ctx, inspection_id)
            result = minutes.export(ctx, full_id, out, html=as_html, docx=as_docx)
    except (StorageError, OutputPathError, ServiceError) as exc:
        fail(str(exc))
    except TemplateError as exc:
        fail(describe_template_error(exc))
    except OSError as exc:
        fail(f"Không ghi được biên bản: {exc.strerror or exc} ({exc.filename or ''}).")
    if as_json:
        echo_json({"inspection_id": full_id, "path": str(result.path), "format": result.format,
                   "sha256": result.sha256, "draft": result.draft, "fallback": result.fallback,
                   "recorded": result.recorded, "message": result.message})
    else:
        click.echo(result.message)
