"""``antq backup list`` and ``antq backup restore``: the database's backups, and putting a good one back."""

from __future__ import annotations

import click

from ..services import maintenance
from ..storage import StorageError
from ..vnformat import format_date
from .main import CliState, echo_json, fail, main, pass_state
from .tables import print_table


@main.group("backup")
def backup_group() -> None:
    """Bản sao lưu cơ sở dữ liệu (thư mục backups/ cạnh antq.db)."""


@backup_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def list_command(state: CliState, as_json: bool) -> None:
    """Liệt kê các bản sao lưu (mới nhất ở trên), mỗi bản được kiểm tra còn tốt hay đã hỏng."""
    found = maintenance.list_backups(state.workspace())
    if as_json:
        echo_json([{"path": str(b.path), "taken_at": b.taken_at.isoformat() if b.taken_at else None,
                    "size": b.size, "good": b.good, "problems": list(b.problems)} for b in found])
        return
    if not found:
        click.echo("Chưa có bản sao lưu nào.")
        return
    print_table(["Tệp", "Lúc sao lưu", "Dung lượng", "Tình trạng"],
                [[b.path.name, f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M:%S}" if b.taken_at else "—",
                  f"{b.size / 1024:,.0f} KB".replace(",", "."), "tốt" if b.good else "HỎNG — không dùng được"]
                 for b in found], wrap=())
    good = next((b for b in found if b.good), None)
    click.echo(f"({len(found)} bản; bản tốt gần nhất: {good.path.name if good else 'không có'})")


@backup_group.command("restore")
@click.argument("file", required=False, metavar="[TỆP]")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def restore_command(state: CliState, file: str | None, as_json: bool) -> None:
    """Khôi phục cơ sở dữ liệu từ bản sao lưu TỆP (mặc định: bản tốt gần nhất).

    Tệp cơ sở dữ liệu hiện tại được giữ lại bên cạnh (antq.db.before-restore-….bak), không bị xóa.
    Hãy thoát antq ở mọi cửa sổ trước: khi antq đang mở cơ sở dữ liệu, lệnh từ chối.
    """
    try:
        result = maintenance.restore(state.workspace(), file)
    except StorageError as exc:
        fail(str(exc))
    if as_json:
        echo_json({"restored_from": str(result.restored_from), "database": str(result.database),
                   "set_aside": [str(p) for p in result.set_aside]})
        return
    click.echo(f"Đã khôi phục {result.database} từ bản sao lưu {result.restored_from}.")
    if result.set_aside:
        click.echo(f"Tệp cũ được giữ lại: {result.set_aside[0]} (xóa khi chắc chắn không cần nữa).")
    click.echo("Những thay đổi sau lúc sao lưu không có trong bản khôi phục; hãy chạy “antq verify” để kiểm tra.")
