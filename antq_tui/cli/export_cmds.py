"""``antq export``: the minutes (biên bản) of one inspection, as PDF (or printable HTML)."""

from __future__ import annotations

from pathlib import Path

import click

from .main import CliState, echo_json, fail, main, open_store_for_writing, pass_state


def resolve_inspection_id(store, text: str) -> str:
    """A whole id, or the first characters of one as ``antq list`` shows them (8 are plenty)."""
    from ..storage import NotFoundError

    text = text.strip()
    try:
        return store.get_inspection(text).id
    except NotFoundError:
        pass
    matches = [r for r in store.list_inspections() if r.id.startswith(text)] if len(text) >= 4 else []
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        fail(f"Không có cuộc kiểm tra mã “{text}”. Xem mã bằng lệnh: antq list")
    names = "; ".join(f"{r.id[:12]} {r.unit_name} {r.year}" for r in matches[:5])
    fail(f"Mã “{text}” khớp {len(matches)} cuộc kiểm tra ({names}). Gõ thêm ký tự của mã.")
    return ""  # unreachable: fail() exits


@main.command("export")
@click.argument("inspection_id")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None,
              help="Tệp hoặc thư mục ghi biên bản (mặc định: thư mục bien_ban/ trong thư mục dữ liệu).")
@click.option("--html", "as_html", is_flag=True, help="Xuất HTML để in từ trình duyệt thay cho PDF.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@pass_state
def export_command(state: CliState, inspection_id: str, out: Path | None, as_html: bool, as_json: bool) -> None:
    """Xuất biên bản kiểm tra, thẩm định của một cuộc kiểm tra.

    Cuộc kiểm tra chưa hoàn thành được xuất thành bản dự thảo (có chữ DỰ THẢO); cuộc kiểm tra đã
    hoàn thành được xuất thành bản chính thức và được ghi nhận (đường dẫn, mã SHA-256) vào cơ sở dữ liệu.
    """
    ws = state.workspace()
    if not ws.db_path.exists():
        fail(f"Chưa có cơ sở dữ liệu {ws.db_path}: chưa có cuộc kiểm tra nào để xuất biên bản.")
    from ..minutes.render import export_inspection  # Jinja2 and WeasyPrint only when exporting
    from ..files import OutputPathError
    from ..minutes.render import TemplateError, describe_template_error
    from ..storage import StorageError
    try:
        with open_store_for_writing(state) as store:  # a final's export is recorded: a write
            full_id = resolve_inspection_id(store, inspection_id)
            result = export_inspection(ws, store, full_id, out, html=as_html)
    except (StorageError, OutputPathError) as exc:
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
