"""``antq keys``: this workspace's signing key, and the keys of the teams it trusts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from ..services import Context, ServiceError
from ..services import keys as keys_service
from ..storage import StorageError
from .main import CliState, echo_json, fail, main, pass_state

T = TypeVar("T")


@main.group("keys")
def keys_group() -> None:
    """Khóa ký của máy này và các khóa được tin cậy (gói dữ liệu, biên bản, cuộc kiểm tra đã hoàn thành)."""


def _run(state: CliState, fn: Callable[[Context], T]) -> T:
    try:
        with Context.open(state.workspace()) as ctx:
            return fn(ctx)
    except (ServiceError, StorageError) as exc:
        fail(str(exc))


@keys_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def show_command(state: CliState, as_json: bool) -> None:
    """Dấu vân tay khóa của máy này (tạo khóa ở lần dùng đầu). Đọc nó cho văn phòng khi họ tin cậy khóa."""
    info = _run(state, keys_service.show)
    if as_json:
        echo_json(info.to_json())
        return
    click.echo(f"Khóa ký của máy này: {info.fingerprint}")
    click.echo(f"Máy (cơ sở dữ liệu): {info.database_id}")
    click.echo(f"Tệp khóa bí mật: {info.path} (chỉ người dùng này đọc được; đừng chép cho ai).")


@keys_group.command("export")
@click.option("--out", "-o", "out", type=click.Path(path_type=Path), required=True,
              help="Tệp khóa công khai sẽ ghi (hoặc thư mục), ví dụ E:/doi-bac-yen.pub")
@pass_state
def export_command(state: CliState, out: Path) -> None:
    """Ghi khóa công khai của máy này ra tệp để văn phòng tin cậy (antq keys trust TỆP) và mã hóa gói cho máy này."""
    path = _run(state, lambda ctx: keys_service.export_public(ctx, out))
    info = _run(state, keys_service.show)
    click.echo(f"Đã ghi khóa công khai vào {path} (dấu vân tay {info.fingerprint}).")


@keys_group.command("trust")
@click.argument("key", metavar="TỆP|DẤU_VÂN_TAY")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def trust_command(state: CliState, key: str, as_json: bool) -> None:
    """Tin cậy khóa của một đội: tệp khóa công khai, hoặc dấu vân tay của khóa đã thấy trên một gói bị từ chối.
    Hãy đối chiếu dấu vân tay với người gửi (gọi điện) trước khi tin cậy."""
    info = _run(state, lambda ctx: keys_service.trust(ctx, key))
    if as_json:
        echo_json(info.to_json())
        return
    click.echo(f"Đã tin cậy khóa {info.fingerprint} (máy {info.database_id[:8] or '?'}, {info.name or '?'}).")


@keys_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def list_command(state: CliState, as_json: bool) -> None:
    """Liệt kê khóa của máy này, các khóa tin cậy, đã thu hồi và đã thấy (chưa tin cậy)."""
    infos = _run(state, keys_service.list_keys)
    if as_json:
        echo_json([i.to_json() for i in infos])
        return
    for info in infos:
        click.echo(f"{info.fingerprint}  {info.label:<18} máy {info.database_id[:8] or '?':<8}  {info.name}")


@keys_group.command("revoke")
@click.argument("fingerprint", metavar="DẤU_VÂN_TAY")
@pass_state
def revoke_command(state: CliState, fingerprint: str) -> None:
    """Thu hồi một khóa: gói do khóa đó ký bị từ chối, chữ ký của nó bị antq verify báo."""
    info = _run(state, lambda ctx: keys_service.revoke(ctx, fingerprint))
    click.echo(f"Đã thu hồi khóa {info.fingerprint}.")
