"""``antq list`` and ``antq verify``: the inspections in the workspace's database, and its integrity."""

from __future__ import annotations

import sys

import click

from ..inspection import STATUS_DRAFT, STATUS_FINALIZED
from ..services import maintenance
from ..storage import StorageError, Store
from ..storage.backup import restore_advice as backup_advice
from .main import CliState, echo_json, fail, main, pass_state
from .tables import print_table


def _open(state: CliState) -> Store | None:
    """The workspace's store, or None when it has no database yet (listing never creates one)."""
    ws = state.workspace()
    if not ws.db_path.exists():
        return None
    try:
        store = Store.for_workspace(ws, read_only=True)  # listing never upgrades or writes
        problem = maintenance.damage(store)
    except StorageError as exc:
        fail(str(exc))
    if problem:  # a damaged page the listing does not read must not end in exit 0
        store.close()
        fail(problem)
    return store
    return None  # unreachable: fail() exits


@main.command("list")
@click.option("--search", "-s", "query", default="", metavar="TỪ", help="Tìm theo tên đơn vị, huyện, tỉnh, năm (không phân biệt hoa thường, dấu).")
@click.option("--year", "-y", type=int, default=None, help="Chỉ năm này.")
@click.option("--status", type=click.Choice([STATUS_DRAFT, STATUS_FINALIZED]), default=None,
              help="draft: đang kiểm tra; finalized: đã hoàn thành.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def list_command(state: CliState, query: str, year: int | None, status: str | None, as_json: bool) -> None:
    """Liệt kê các cuộc kiểm tra (mới sửa gần nhất ở trên)."""
    store = _open(state)
    rows = []
    if store is not None:
        with store:
            try:
                rows = store.list_inspections(query, year=year, status=status)
            except StorageError as exc:
                fail(str(exc))
    if as_json:
        echo_json([r.to_json() for r in rows])
        return
    if not rows:
        click.echo("Không có cuộc kiểm tra nào khớp." if store is not None else "Chưa có cuộc kiểm tra nào.")
        return
    print_table(
        ["Năm", "Đơn vị", "Loại", "Huyện", "Trạng thái", "Ngày kiểm tra", "Đã đánh giá", "Mã"],
        [[str(r.year), r.unit_name, r.kind_label, r.district, r.status_label, r.visit_date_label or "—",
          r.progress_label, r.id[:8]] for r in rows],
        wrap=(),  # one line per inspection, however wide: scripts grep these lines
    )
    click.echo(f"({len(rows)} cuộc kiểm tra)")


@main.command("verify")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def verify_command(state: CliState, as_json: bool) -> None:
    """Kiểm tra cơ sở dữ liệu: tính toàn vẹn, chuỗi mã băm của nhật ký, tệp đính kèm và tệp đã xuất.

    Thoát với mã 0 khi mọi thứ khớp, 1 khi có sai lệch (in từng sai lệch), 2 khi không mở được.
    """
    ws = state.workspace()
    if not ws.db_path.exists():
        fail(f"Chưa có cơ sở dữ liệu {ws.db_path}.")
    try:
        with Store.for_workspace(ws, read_only=True) as store:  # verifying never upgrades or writes
            report = maintenance.verify(store)
        problems, entries, orphans = report.problems, report.audit_entries, report.orphan_files
    except StorageError as exc:
        if as_json:
            echo_json({"ok": False, "database": str(ws.db_path), "error": str(exc), "problems": []})
            sys.exit(2)
        fail(str(exc))
    if as_json:
        echo_json({"ok": not problems, "database": str(ws.db_path), "audit_entries": entries,
                   "problems": [p.to_json() for p in problems], "orphan_files": [str(p) for p in orphans]})
    elif problems:
        click.echo(f"Phát hiện {len(problems)} sai lệch trong {ws.db_path}:")
        for p in problems:
            click.echo(f"  - {p.message}")
        if problems[0].kind == "integrity":
            click.echo(backup_advice(ws.db_path))
    else:
        click.echo(f"Cơ sở dữ liệu {ws.db_path} toàn vẹn: nhật ký {entries} dòng nối tiếp đúng mã băm; "
                   "dữ liệu, tệp đính kèm và tệp đã xuất khớp với nhật ký.")
    if orphans and not as_json:  # information, not a fault: the exit code does not change
        click.echo(f"Thông tin: {len(orphans)} tệp trong thư mục đính kèm không thuộc bản ghi nào (có thể do chương "
                   "trình bị tắt giữa chừng khi đính kèm); antq không xóa, hãy xem và tự xử lý:")
        for orphan in orphans[:20]:
            click.echo(f"  - {orphan}")
    sys.exit(1 if problems else 0)
