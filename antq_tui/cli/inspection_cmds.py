"""Recording an inspection from the command line: ``antq new``, ``answer``, ``eligibility``, ``visit``,
``finalize``, ``reopen``. Each command is a few lines over :mod:`antq_tui.services.inspections`, the
functions the TUI calls, so a script and the keyboard record the same rows under the same rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from ..config import Member, parse_role
from ..criteria import UNIT_KINDS, Verdict
from ..folding import nfc
from ..storage import UNSET
from .inspection_view import (
    answer_json,
    eligibility_json,
    inspection_json,
    print_answer,
    print_eligibility,
)
from .main import CliState, echo_json, fail, main, pass_state, service_context

#: ``--verdict`` / ``--self`` / ``--decision`` values; "xoa" clears
VERDICT_CHOICES = ("dat", "khong_dat", "xoa")


def _verdict(value: str | None) -> Any:
    """UNSET when the option was not given, None for "xoa", else the verdict."""
    if value is None:
        return UNSET
    return None if value == "xoa" else Verdict(value)


def _inputs(pairs: tuple[str, ...]) -> dict[str, str]:
    """``("so_vu=3", "ngay=12/10/2023")`` → a mapping; a pair without "=" is a usage error."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--input cần dạng TRƯỜNG=GIÁ_TRỊ (ví dụ so_vu=3), không phải “{pair}”.")
        out[key.strip()] = nfc(value.strip())
    return out


def _evidence(spec: str) -> tuple[int, dict[str, Any]]:
    """``"2"`` → item 2 seen; ``"2:15-NQ/ĐU:12/10/2023"`` → seen, with its number and date (1-based)."""
    index, _sep, rest = spec.partition(":")
    if not index.strip().isdigit() or int(index) < 1:
        fail(f"--evidence cần dạng SỐ_THỨ_TỰ[:số, ký hiệu:ngày] (ví dụ 2:15-NQ/ĐU:12/10/2023), không phải “{spec}”.")
    values: dict[str, Any] = {"seen": True}
    if rest:
        number, sep, date = rest.rpartition(":") if rest.count(":") else (rest, "", "")
        values["doc_number"] = nfc(number.strip() if sep else rest.strip())
        if sep:
            values["date"] = date.strip() or None
    return int(index) - 1, values


def _member(spec: str, *, team: bool) -> Member:
    """``"Lò Văn Thành;Thượng tá;Phó Trưởng Công an huyện;truong_doan"`` (the unit's people: name;position)."""
    parts = [nfc(p.strip()) for p in spec.split(";")]
    if not parts[0]:
        fail(f"Thiếu họ tên trong “{spec}”.")
    if not team:
        return Member(name=parts[0], position=parts[1] if len(parts) > 1 else "", role="")
    rank, position, role = (parts[1:] + ["", "", ""])[:3]
    try:
        role_key = parse_role(role) if role else "thanh_vien"
    except ValueError as exc:
        fail(str(exc))
    return Member(name=parts[0], rank=rank, position=position, role=role_key)


def _date(text: str | None) -> dt.date | None:
    from ..vnformat import parse_date

    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        fail(str(exc))


# --------------------------------------------------------------------------------------------------


@main.command("new")
@click.option("--unit", "unit_name", required=True, metavar="TÊN", help="Tên đơn vị, ví dụ “Xã Phiêng Ban”.")
@click.option("--kind", type=click.Choice(list(UNIT_KINDS)), required=True, help="Loại đơn vị.")
@click.option("--year", "-y", type=int, default=None, help="Năm xét (mặc định: năm nay).")
@click.option("--set", "set_id", default=None, metavar="BỘ",
              help="Bộ tiêu chí (mặc định: bộ duy nhất cho loại đơn vị; xem antq criteria).")
@click.option("--date", "visit_date", default=None, metavar="NGÀY", help="Ngày kiểm tra, dd/mm/yyyy.")
@click.option("--place", default="", metavar="NƠI", help="Địa điểm kiểm tra.")
@click.option("--start", "start_time", default="", metavar="GIỜ", help="Giờ bắt đầu, ví dụ 08:00.")
@click.option("--end", "end_time", default="", metavar="GIỜ", help="Giờ kết thúc.")
@click.option("--team", "team", multiple=True, metavar="NGƯỜI",
              help="Thành viên đoàn “Họ tên;cấp bậc;chức vụ;vai trò” (ghi nhiều lần; mặc định: đoàn trong config.toml).")
@click.option("--rep", "reps", multiple=True, metavar="NGƯỜI", help="Đại diện đơn vị “Họ tên;chức vụ” (ghi nhiều lần).")
@click.option("--number", "minutes_number", default="", metavar="SỐ", help="Số biên bản, ví dụ 15.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def new_command(state: CliState, unit_name: str, kind: str, year: int | None, set_id: str | None,
                visit_date: str | None, place: str, start_time: str, end_time: str, team: tuple[str, ...],
                reps: tuple[str, ...], minutes_number: str, as_json: bool) -> None:
    """Tạo cuộc kiểm tra mới cho một đơn vị (đơn vị đã có cùng tên và loại thì dùng lại)."""
    from ..services import inspections

    members = [_member(m, team=True) for m in team] if team else None
    representatives = [_member(m, team=False) for m in reps]
    date = _date(visit_date)
    with service_context(state) as ctx:
        unit = inspections.unit_for(ctx, unit_name, kind)
        insp = inspections.create(
            ctx, unit, year or dt.date.today().year, set_id, visit_date=date, place=nfc(place),
            start_time=start_time, end_time=end_time, team=members, representatives=representatives,
            minutes_number=minutes_number)
    if as_json:
        echo_json(inspection_json(insp))
        return
    click.echo(f"Đã tạo cuộc kiểm tra {insp.unit.name} năm {insp.year} (bộ tiêu chí {insp.criteria.id}, "
               f"{len(insp.criteria.criteria)} tiêu chí, {len(insp.eligibility_checks)} điều kiện).")
    click.echo(f"Mã: {insp.id}")


@main.command("answer")
@click.argument("inspection_id")
@click.argument("number", type=int)
@click.option("--verdict", type=click.Choice(VERDICT_CHOICES), default=None,
              help="Kết luận của đoàn: dat (đạt), khong_dat (không đạt), xoa (bỏ kết luận).")
@click.option("--self", "self_assessment", type=click.Choice(VERDICT_CHOICES), default=None,
              help="Đơn vị tự đánh giá: dat, khong_dat, xoa.")
@click.option("--input", "inputs", multiple=True, metavar="TRƯỜNG=GIÁ_TRỊ",
              help="Số liệu của tiêu chí (ghi nhiều lần); để trống giá trị thì xóa.")
@click.option("--evidence", "evidence", multiple=True, metavar="STT[:SỐ:NGÀY]",
              help="Hồ sơ kiểm chứng thứ STT (từ 1) đã xem, kèm số, ký hiệu và ngày nếu có (ghi nhiều lần).")
@click.option("--unseen", "unseen", multiple=True, type=int, metavar="STT", help="Bỏ đánh dấu đã xem hồ sơ thứ STT.")
@click.option("--remark", default=None, metavar="VĂN_BẢN", help="Nhận xét của đoàn.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def answer_command(state: CliState, inspection_id: str, number: int, verdict: str | None,
                   self_assessment: str | None, inputs: tuple[str, ...], evidence: tuple[str, ...],
                   unseen: tuple[int, ...], remark: str | None, as_json: bool) -> None:
    """Ghi kết quả một tiêu chí: số liệu, hồ sơ đã xem, tự đánh giá, kết luận, nhận xét.

    Không kèm tùy chọn nào thì chỉ in kết quả đang có của tiêu chí.
    """
    from ..services import inspections

    values = _inputs(inputs)
    items = [_evidence(e) for e in evidence]
    with service_context(state) as ctx:
        iid = inspections.resolve_id(ctx, inspection_id)
        if values:
            inspections.set_inputs(ctx, iid, number, values)
        for index, seen in items:
            inspections.set_evidence(ctx, iid, number, index, **seen)
        for index in unseen:
            inspections.set_evidence(ctx, iid, number, index - 1, seen=False)
        if self_assessment is not None:
            inspections.set_self_assessment(ctx, iid, number, _verdict(self_assessment))
        if verdict is not None:
            inspections.set_verdict(ctx, iid, number, _verdict(verdict))
        if remark is not None:
            inspections.set_remark(ctx, iid, number, nfc(remark))
        insp = inspections.get(ctx, iid)
        try:
            criterion = insp.criteria.criterion(number)
        except KeyError:
            fail(f"Bộ tiêu chí của cuộc kiểm tra này không có tiêu chí {number}.")
    if as_json:
        echo_json(answer_json(insp, criterion))
    else:
        print_answer(insp, criterion)


@main.command("eligibility")
@click.argument("inspection_id")
@click.argument("check_id", metavar="ĐIỀU_KIỆN")
@click.option("--input", "inputs", multiple=True, metavar="TRƯỜNG=GIÁ_TRỊ", help="Số liệu của điều kiện (ghi nhiều lần).")
@click.option("--decision", type=click.Choice(["dat", "khong_dat", "theo_goi_y"]), default=None,
              help="Kết luận của đoàn: dat, khong_dat, hoặc theo_goi_y (theo gợi ý của plugin).")
@click.option("--remark", default=None, metavar="VĂN_BẢN", help="Ghi chú.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def eligibility_command(state: CliState, inspection_id: str, check_id: str, inputs: tuple[str, ...],
                        decision: str | None, remark: str | None, as_json: bool) -> None:
    """Ghi một điều kiện để được xét (điều kiện ĐIỀU_KIỆN, mã điều kiện có trong kết quả của antq new --json).

    Không kèm tùy chọn nào thì chỉ in kết quả đang có của điều kiện.
    """
    from ..services import inspections

    values = _inputs(inputs)
    kwargs: dict[str, Any] = {}
    if values:
        kwargs["inputs"] = values
    if decision is not None:
        kwargs["decision"] = None if decision == "theo_goi_y" else Verdict(decision)
    if remark is not None:
        kwargs["remark"] = nfc(remark)
    with service_context(state) as ctx:
        iid = inspections.resolve_id(ctx, inspection_id)
        if kwargs:
            inspections.set_eligibility(ctx, iid, check_id, **kwargs)
        insp = inspections.get(ctx, iid)
    check = next((c for c in insp.eligibility_checks if c.id == check_id), None)
    if check is None:
        known = ", ".join(c.id for c in insp.eligibility_checks) or "không có"
        fail(f"Cuộc kiểm tra này không có điều kiện “{check_id}” (các điều kiện: {known}).")
    if as_json:
        echo_json(eligibility_json(insp, check))
    else:
        print_eligibility(insp, check)


@main.command("visit")
@click.argument("inspection_id")
@click.option("--date", "visit_date", default=None, metavar="NGÀY", help="Ngày kiểm tra, dd/mm/yyyy.")
@click.option("--place", default=None, metavar="NƠI", help="Địa điểm.")
@click.option("--start", "start_time", default=None, metavar="GIỜ", help="Giờ bắt đầu.")
@click.option("--end", "end_time", default=None, metavar="GIỜ", help="Giờ kết thúc.")
@click.option("--number", "minutes_number", default=None, metavar="SỐ", help="Số biên bản.")
@click.option("--team", "team", multiple=True, metavar="NGƯỜI", help="Thay đoàn: “Họ tên;cấp bậc;chức vụ;vai trò”.")
@click.option("--rep", "reps", multiple=True, metavar="NGƯỜI", help="Thay đại diện đơn vị: “Họ tên;chức vụ”.")
@click.option("--strengths", default=None, help="Ưu điểm.")
@click.option("--shortcomings", default=None, help="Tồn tại, hạn chế.")
@click.option("--recommendations", default=None, help="Kiến nghị.")
@click.option("--conclusion", default=None, help="Kết luận.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def visit_command(state: CliState, inspection_id: str, visit_date: str | None, team: tuple[str, ...],
                  reps: tuple[str, ...], as_json: bool, **texts: str | None) -> None:
    """Sửa thông tin buổi kiểm tra (ngày, giờ, nơi, đoàn, đại diện, số biên bản) và phần tổng hợp."""
    from ..services import inspections

    fields: dict[str, Any] = {k: nfc(v) for k, v in texts.items() if v is not None}
    if visit_date is not None:
        fields["visit_date"] = _date(visit_date)
    if team:
        fields["team"] = [_member(m, team=True) for m in team]
    if reps:
        fields["representatives"] = [_member(m, team=False) for m in reps]
    with service_context(state) as ctx:
        iid = inspections.resolve_id(ctx, inspection_id)
        if fields:
            inspections.update_details(ctx, iid, **fields)
        insp = inspections.get(ctx, iid)
    if as_json:
        echo_json(inspection_json(insp))
    else:
        click.echo(f"Đã lưu thông tin cuộc kiểm tra {insp.unit.name} năm {insp.year}." if fields
                   else f"{insp.unit.name} năm {insp.year}: không có gì thay đổi.")


@main.command("finalize")
@click.argument("inspection_id")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def finalize_command(state: CliState, inspection_id: str, as_json: bool) -> None:
    """Hoàn thành cuộc kiểm tra (chỉ khi mọi tiêu chí đã có kết luận); sau đó chỉ xem được."""
    from ..services import inspections

    with service_context(state) as ctx:
        insp = inspections.finalize(ctx, inspections.resolve_id(ctx, inspection_id))
    if as_json:
        echo_json(inspection_json(insp))
        return
    click.echo(f"Đã hoàn thành cuộc kiểm tra {insp.unit.name} năm {insp.year}. "
               f"Kết luận gợi ý: {inspections.summary(insp).conclusion_label}.")
    click.echo(f"Xuất biên bản: antq export {insp.id[:8]}")


@main.command("reopen")
@click.argument("inspection_id")
@click.option("--reason", required=True, metavar="LÝ_DO", help="Lý do mở lại (ghi vào nhật ký).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def reopen_command(state: CliState, inspection_id: str, reason: str, as_json: bool) -> None:
    """Mở lại một cuộc kiểm tra đã hoàn thành để sửa; cần ghi lý do."""
    from ..services import inspections

    with service_context(state) as ctx:
        insp = inspections.reopen(ctx, inspections.resolve_id(ctx, inspection_id), nfc(reason))
    if as_json:
        echo_json(inspection_json(insp))
    else:
        click.echo(f"Đã mở lại cuộc kiểm tra {insp.unit.name} năm {insp.year}. Biên bản đã xuất trước đó được giữ nguyên.")
