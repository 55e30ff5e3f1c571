"""``antq bundle export`` and ``antq bundle import``: carry inspections between laptops as a .antq file."""

from __future__ import annotations

from pathlib import Path

import click

from ..services import Context, ServiceError, exchange
from ..storage import StorageError
from ..vnformat import format_number
from .main import CliState, echo_json, fail, main, open_store_for_writing, pass_state


@main.group("bundle")
def bundle_group() -> None:
    """Chuyển dữ liệu giữa các máy bằng tệp .antq (chép qua USB): xuất và nhập."""


@bundle_group.command("export")
@click.option("--inspection", "-i", "inspection_ids", multiple=True, metavar="MÃ",
              help="Chỉ xuất cuộc kiểm tra này (mã đầy đủ hoặc 8 ký tự đầu như antq list in); ghi nhiều lần được.")
@click.option("--year", "-y", type=int, default=None, help="Chỉ xuất các cuộc kiểm tra của năm này.")
@click.option("--out", "-o", "out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Tệp gói sẽ ghi, ví dụ E:/bac-yen-2024.antq")
@click.option("--to", "to", metavar="KHÓA",
              help="Mã hóa cho văn phòng này: tệp khóa công khai (antq keys export ở văn phòng) hoặc dấu vân tay "
                   "của khóa đã tin cậy. Không ghi: gói không mã hóa (ai có tệp cũng đọc được).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def export_command(state: CliState, inspection_ids: tuple[str, ...], year: int | None, out: Path,
                   to: str | None, as_json: bool) -> None:
    """Xuất các cuộc kiểm tra (tất cả, một năm, hoặc từng cuộc) cùng câu trả lời, nhật ký, tệp đính kèm
    và biên bản đã xuất vào một tệp .antq."""
    ws = state.workspace()
    try:
        with Context.open(ws) as ctx:
            result = exchange.export_bundle(ctx, out, inspection_ids=inspection_ids, year=year, to=to)
    except (ServiceError, StorageError) as exc:
        fail(str(exc))
    if as_json:
        echo_json(result.to_json())
        return
    c = result.counts
    click.echo(f"Đã xuất {c['inspections']} cuộc kiểm tra ({c['answers']} câu trả lời, {c['audit']} dòng nhật ký, "
               f"{c['attachments']} tệp đính kèm, {c['exports']} biên bản đã xuất) vào {result.path} "
               f"({format_number(result.size / 1e6, 2)} MB).")
    click.echo(f"Mã kiểm tra sha256: {result.sha256}")
    click.echo(f"Đã ký bằng khóa của máy này: {result.signer}.")
    if result.encrypted_to:
        click.echo(f"Gói được mã hóa cho khóa {result.encrypted_to}: chỉ máy có khóa đó mở được.")
    else:
        click.echo("Gói KHÔNG mã hóa: ai có tệp cũng đọc được. Dùng --to KHÓA để mã hóa cho văn phòng.")
    for line in result.warnings:
        click.echo(f"Lưu ý: {line}", err=True)


@bundle_group.command("import")
@click.argument("bundle_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Chỉ cho biết sẽ làm gì, không ghi gì vào cơ sở dữ liệu.")
@click.option("--trust", "trust_signer", is_flag=True,
              help="Tin cậy khóa đã ký gói khi chưa tin cậy (hãy đối chiếu dấu vân tay với người gửi trước).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def import_command(state: CliState, bundle_file: Path, dry_run: bool, trust_signer: bool, as_json: bool) -> None:
    """Nhập một tệp .antq: kiểm tra mã sha256 của mọi phần trước, rồi gộp trong một lần ghi.

    Cuộc kiểm tra mới được thêm; đã có thì giữ nguyên; bản nháp bị sửa ở cả hai nơi được giữ cả hai
    (bản nhận về thành bản sao); bản đã hoàn thành không bao giờ bị thay. Gói phải có chữ ký của máy
    gửi; khóa chưa tin cậy cần --trust. Thoát với mã 0 khi nhập xong, 2 khi gói bị từ chối (cơ sở dữ
    liệu giữ nguyên).
    """
    ws = state.workspace()
    try:
        if dry_run:
            result = exchange.plan_import(ws, bundle_file)
        else:
            with Context(ws, open_store_for_writing(state)) as ctx:
                result = exchange.import_bundle(ctx, bundle_file, trust_signer=trust_signer)
    except (StorageError, ServiceError) as exc:
        if as_json:
            signer = getattr(exc, "key", None)
            echo_json({"ok": False, "error": str(exc), "signer": signer.fingerprint if signer else None})
            raise SystemExit(2) from None
        fail(str(exc))
    if as_json:
        echo_json({"ok": True, **result.to_json()})
        return
    for line in result.lines():
        click.echo(line)
    for line in result.warnings:
        click.echo(f"Lưu ý: {line}", err=True)
