"""``antq publish``: a read-only copy of the database, served with Datasette for the office to look at."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..services import ServiceError
from ..services import publish as publishing
from .main import CliState, fail, main, pass_state, service_context

#: for scripts and tests: the password without a prompt (never on the command line, where ps shows it)
PASSWORD_ENV = "ANTQ_PUBLISH_PASSWORD"


@main.command("publish")
@click.option("--port", type=click.IntRange(1, 65535), default=publishing.DEFAULT_PORT, show_default=True,
              help="Cổng của trang xem.")
@click.option("--host", default=publishing.DEFAULT_HOST, show_default=True,
              help="Địa chỉ lắng nghe; mặc định chỉ máy này. Một địa chỉ khác cho mọi máy trong mạng xem được.")
@click.option("--password", "ask_password", is_flag=True,
              help=f"Hỏi một mật khẩu; mọi trang đều cần đăng nhập (tên: {publishing.DEFAULT_USER}). "
                   f"Trong tập lệnh: biến môi trường {PASSWORD_ENV}.")
@click.option("--folder", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="THƯ_MỤC",
              help="Nơi ghi bản sao (mặc định: thư mục dữ liệu/cong_bo/).")
@click.option("--no-serve", is_flag=True, help="Chỉ tạo bản sao và metadata, không chạy trang xem.")
@pass_state
def publish_command(state: CliState, port: int, host: str, ask_password: bool, folder: Path | None,
                    no_serve: bool) -> None:
    """Công bố chỉ đọc: sao cơ sở dữ liệu ra một bản riêng và mở trang xem bằng Datasette.

    Trang xem dùng bản sao, không bao giờ mở antq.db để ghi; số liệu là của lúc công bố (chạy lại
    lệnh để cập nhật). Có sẵn các truy vấn: tỷ lệ đạt theo đơn vị, tiêu chí không đạt nhiều nhất,
    đơn vị chưa hoàn thành, tiến độ chỉ tiêu. Dừng bằng Ctrl+C.
    """
    password = os.environ.get(PASSWORD_ENV) or None
    if ask_password and password is None:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    try:
        if password is not None:
            publishing.check_password(password)
        with service_context(state, write=False) as ctx:
            publication = publishing.prepare(ctx, folder, password=password is not None)
        if no_serve:
            click.echo(f"Đã tạo bản công bố {publication.database} ({publication.inspections} cuộc kiểm tra) "
                       f"và {publication.metadata}.")
            return
        process = publishing.start_server(publication, host=host, port=port, password=password)
    except ServiceError as exc:
        fail(str(exc))
    click.echo(f"Đang công bố {publication.inspections} cuộc kiểm tra (bản sao chỉ đọc {publication.database}).")
    click.echo(f"Mở trình duyệt: http://{host}:{port}/" + (f"  (tên đăng nhập: {publishing.DEFAULT_USER})" if password else ""))
    if host not in (publishing.DEFAULT_HOST, "localhost", "::1"):
        click.echo("Lưu ý: trang xem mở cho các máy khác trong mạng" + ("." if password else ", không có mật khẩu."),
                   err=True)
    click.echo("Dừng bằng Ctrl+C.")
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        click.echo("Đã dừng trang xem.")
        return
    if code:
        fail(f"Datasette dừng với mã {code} (cổng {port} có thể đang được dùng: thử --port khác).")
