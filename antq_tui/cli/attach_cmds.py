"""``antq attach`` and ``antq attachments``: evidence files (photos, scans, PDFs) of an inspection."""

from __future__ import annotations

from pathlib import Path

import click

from ..services import attachments, inspections
from .main import CliState, echo_json, main, pass_state, service_context


@main.command("attach")
@click.argument("inspection_id")
@click.argument("number", type=int)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--evidence", "evidence", type=click.IntRange(min=1), default=None, metavar="STT",
              help="Tệp là của hồ sơ kiểm chứng thứ STT (từ 1) của tiêu chí.")
@click.option("--note", default="", metavar="VĂN_BẢN", help="Ghi chú về tệp.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def attach_command(state: CliState, inspection_id: str, number: int, file: Path, evidence: int | None, note: str,
                   as_json: bool) -> None:
    """Đính kèm tệp (ảnh, bản quét, PDF, tối đa 50 MB) vào tiêu chí SỐ_TIÊU_CHÍ: tệp được chép vào thư mục
    dữ liệu cùng mã sha256, đi theo gói .antq và được kê trong biên bản (Kèm theo)."""
    with service_context(state) as ctx:
        iid = inspections.resolve_id(ctx, inspection_id)
        added = attachments.attach(ctx, iid, number, file,
                                   evidence_index=evidence - 1 if evidence is not None else None, note=note)
    if as_json:
        echo_json(added.to_json())
        return
    click.echo(f"Đã đính kèm vào tiêu chí {number}: {added.line()}")
    click.echo(f"Bản chép: {added.path}")
    click.echo(f"SHA-256: {added.sha256}")


@main.command("attachments")
@click.argument("inspection_id")
@click.argument("number", type=int, required=False)
@click.option("--open", "open_ref", default=None, metavar="STT",
              help="Mở tệp thứ STT của danh sách bằng chương trình xem tệp của máy.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def attachments_command(state: CliState, inspection_id: str, number: int | None, open_ref: str | None,
                        as_json: bool) -> None:
    """Liệt kê các tệp đính kèm của cuộc kiểm tra (hoặc của tiêu chí SỐ_TIÊU_CHÍ): tên, dung lượng, ngày."""
    with service_context(state, write=False) as ctx:
        iid = inspections.resolve_id(ctx, inspection_id)
        if open_ref is not None:
            click.echo(attachments.open_file(ctx, attachments.find(ctx, iid, open_ref)))
            return
        files = attachments.listing(ctx, iid, number)
    if as_json:
        echo_json([f.to_json() for f in files])
        return
    if not files:
        click.echo("Chưa có tệp đính kèm." if number is None else f"Tiêu chí {number} chưa có tệp đính kèm.")
        return
    for i, f in enumerate(files, start=1):
        click.echo(f"{i}. Tiêu chí {f.number}: {f.line()}" if f.number is not None else f"{i}. {f.line()}")
