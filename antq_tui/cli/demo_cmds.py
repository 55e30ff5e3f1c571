"""``antq demo DIR``: a sample workspace a newcomer can open at once."""

from __future__ import annotations

import shlex
import shutil
import sys
import time
from pathlib import Path

import click

from ..demo import DemoError
from ..services import ServiceError
from ..services.demo import create_demo
from ..storage import StorageError
from ..vnformat import format_number
from .main import fail, main


def antq_command() -> str:
    """How to run this very antq again, as a command to paste: ``antq`` when that name on PATH is this
    program; else the path of the running program (``/…/.venv/bin/antq`` after ``./scripts/run`` or
    ``.venv/bin/antq``, which are not on PATH); else ``python -m antq_tui`` with this Python."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if program is not None and program.stem == "antq" and program.is_file():
        on_path = shutil.which("antq")
        if on_path and Path(on_path).resolve() == program.resolve():
            return "antq"
        return shlex.quote(str(program.absolute()))
    return f"{shlex.quote(sys.executable)} -m antq_tui"


@main.command("demo")
@click.argument("directory", type=click.Path(path_type=Path))
def demo_command(directory: Path) -> None:
    """Tạo không gian làm việc mẫu (dữ liệu mẫu) trong thư mục THƯ_MỤC mới hoặc trống.

    Huyện Bắc Yên, tỉnh Sơn La: đoàn kiểm tra của Công an huyện, Xã Phiêng Ban (năm 2022 và 2023, đã
    hoàn thành), Thị trấn Bắc Yên (đang kiểm tra) và Trường PTDT nội trú THCS & THPT huyện Bắc Yên (đã
    hoàn thành). Không bao giờ ghi đè: thư mục đã có nội dung thì bị từ chối (mã thoát 2).
    """
    started = time.monotonic()
    try:
        _config_path, lines = create_demo(directory, command=antq_command())
    except (DemoError, StorageError, ServiceError) as exc:
        fail(str(exc))
    for line in lines:
        click.echo(line)
    click.echo(f"(xong trong {format_number(time.monotonic() - started)} giây)")
