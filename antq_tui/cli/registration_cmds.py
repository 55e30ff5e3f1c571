"""Registration: ``antq register UNIT`` and ``antq registrations``, over
:mod:`antq_tui.services.registration` (as the TUI's "Đăng ký" screen)."""

from __future__ import annotations

import datetime as dt

import click

from ..criteria import parse_unit_kind
from ..vnformat import format_date, parse_date
from .main import CliState, echo_json, fail, main, pass_state, service_context
from .tables import print_table


def _date(text: str | None) -> dt.date | None:
    try:
        return parse_date(text) if text else None
    except ValueError as exc:
        fail(str(exc))


@main.command("register")
@click.argument("unit")
@click.option("--date", "-d", "date_text", default=None, metavar="dd/mm/yyyy",
              help="Ngày đơn vị đăng ký (mặc định: hôm nay).")
@click.option("--year", "-y", type=int, default=None, help="Năm đăng ký xây dựng điển hình (mặc định: năm của ngày đăng ký).")
@click.option("--note", default="", help="Ghi chú (số văn bản đăng ký…).")
@click.option("--kind", default=None, metavar="LOẠI",
              help="Loại đơn vị, khi đơn vị chưa có trong danh sách (tạo đơn vị mới).")
@click.option("--update", is_flag=True, help="Sửa ngày, ghi chú của đơn vị đã đăng ký.")
@click.option("--remove", is_flag=True, help="Bỏ đơn vị khỏi danh sách đăng ký của năm.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def register_command(state: CliState, unit: str, date_text: str | None, year: int | None, note: str,
                     kind: str | None, update: bool, remove: bool, as_json: bool) -> None:
    """Ghi đơn vị UNIT (tên hoặc mã) vào danh sách đăng ký xây dựng điển hình của năm.

    Đăng ký sau hạn (mốc đăng ký do plugin khai báo, ví dụ “trước ngày 30/3”) vẫn được ghi, kèm lưu ý.
    """
    from ..services import registration

    if kind:
        try:
            kind = parse_unit_kind(kind)
        except ValueError as exc:
            fail(str(exc))
    date = _date(date_text)
    with service_context(state) as ctx:
        if remove:
            message = registration.unregister(ctx, unit, year=year or (date or dt.date.today()).year)
            if as_json:
                echo_json({"removed": True, "message": message})
            else:
                click.echo(message)
            return
        done = registration.register(ctx, unit, year=year, date=date, note=note, kind=kind, update=update)
    if as_json:
        r = done.registration
        echo_json({"year": r.year, "unit_id": r.unit.id, "name": r.unit.name, "registered_on": r.registered_on.isoformat(),
                   "note": r.note, "new": done.new, "late": done.late, "message": done.message})
        return
    click.echo(done.message)


@main.command("registrations")
@click.option("--year", "-y", type=int, default=None, help="Năm (mặc định: năm nay).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def registrations_command(state: CliState, year: int | None, as_json: bool) -> None:
    """Danh sách đơn vị đăng ký xây dựng điển hình của năm, hạn đăng ký và chỉ tiêu lựa chọn chưa đạt."""
    from ..services import registration

    with service_context(state, write=False) as ctx:
        data = registration.listing(ctx, year)
    if as_json:
        echo_json(data.to_json())
        return
    click.echo(f"DANH SÁCH ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH NĂM {data.year}")
    click.echo(data.deadline_label)
    if not data.entries:
        click.echo(f"Chưa có đơn vị nào đăng ký năm {data.year}. Ghi bằng: antq register TÊN-ĐƠN-VỊ --date dd/mm/yyyy")
    else:
        print_table(["STT", "Đơn vị", "Loại", "Huyện", "Ngày đăng ký", "Ghi chú"],
                    [[str(i), e.registration.unit.name, e.registration.unit.kind_label, e.registration.unit.district,
                      format_date(e.registration.registered_on) + (" (sau hạn)" if e.late else ""), e.registration.note]
                     for i, e in enumerate(data.entries, 1)], wrap=(1, 5))
    for line in data.unmet:
        click.echo(f"Chưa đạt: {line}")
