"""``antq init``: the first-run step of the command line (the TUI has its own first-run screen)."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from .demo_cmds import antq_command
from .main import CliState, echo_json, fail, main, pass_state


@main.command("init")
@click.option("--data-folder", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Thư mục dữ liệu (cơ sở dữ liệu, biên bản, sao lưu); ghi vào config.toml. "
                   "Mặc định: giá trị trong config.toml (inspections/ bên cạnh tệp).")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@pass_state
def init_command(state: CliState, data_folder: Path | None, as_json: bool) -> None:
    """Cài đặt lần đầu: tạo config.toml (nếu chưa có) và thư mục dữ liệu cùng cơ sở dữ liệu.

    Chỉ lệnh này, “antq demo” và bước cài đặt lần đầu của giao diện “antq” tạo thư mục dữ liệu; các
    lệnh khác từ chối khi chưa có cơ sở dữ liệu, để một ổ USB chưa cắm hay một đường dẫn gõ nhầm không
    thành cơ sở dữ liệu rỗng. Chạy lại không sao: cơ sở dữ liệu đã có thì giữ nguyên.
    """
    from ..services import ServiceError
    from ..services.setup import init_workspace

    try:
        result = init_workspace(state.config_path, data_folder=data_folder)
    except ServiceError as exc:
        fail(str(exc))
    if as_json:
        echo_json({"config": str(result.config_path), "database": str(result.db_path),
                   "created_config": result.created_config, "created_database": result.created_db,
                   "missing": result.missing})
        return
    if result.created_config:
        click.echo(f"Đã tạo tệp cấu hình {result.config_path}")
    click.echo(f"{'Đã tạo' if result.created_db else 'Đã có'} cơ sở dữ liệu {result.db_path}"
               + ("" if result.created_db else " (giữ nguyên)"))
    if result.missing:
        click.echo("Còn thiếu: " + "; ".join(result.missing) + ". Biên bản chưa xuất được cho đến khi điền.")
        click.echo(f"Điền ở giao diện: {antq_command()} --config {shlex.quote(str(result.config_path))} "
                   "(bước cài đặt lần đầu), hoặc sửa config.toml.")
