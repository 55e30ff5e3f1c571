"""``antq plugin new NAME [DIR]``: start a province's plugin package (the use case is
:func:`antq_tui.services.plugin_scaffold.new_plugin`)."""

from __future__ import annotations

from pathlib import Path

import click

from ..services import ServiceError
from ..services.plugin_scaffold import new_plugin
from .main import fail, main


@main.group("plugin")
def plugin_group() -> None:
    """Viết plugin của tỉnh: tạo gói mẫu (antq plugin new)."""


@plugin_group.command("new")
@click.argument("name")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--display-name", default="", metavar="TÊN",
              help="Tên in trên giấy tờ (ví dụ “Công an tỉnh Thanh Hóa”); sửa được sau trong __init__.py.")
def new_command(name: str, directory: Path | None, display_name: str) -> None:
    """Tạo gói plugin TÊN (tên mô-đun Python, ví dụ tinh_thanh_hoa) trong THƯ_MỤC (mặc định ./TÊN; phải
    mới hoặc trống): pyproject.toml, một tiêu chí sửa đổi và một tiêu chí thêm có hàm kiểm tra, mẫu tiêu
    đề của tỉnh và các kiểm thử chạy được bằng pytest."""
    try:
        result = new_plugin(name, directory, display_name=display_name)
    except ServiceError as exc:
        fail(str(exc))
    click.echo(result.message)
