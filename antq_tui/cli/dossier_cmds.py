"""``antq dossier``: the recognition dossier of a unit and year (checklist, filling a paper, the printed
Biên bản họp xét and the Danh sách annex). A few lines over :mod:`antq_tui.services.dossier`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..services import dossier as dossier_service
from ..storage import UNSET
from .main import CliState, VnGroup, echo_json, main, pass_state, service_context


class DossierGroup(VnGroup):
    """``antq dossier ID|UNIT`` shows the checklist; ``antq dossier set|paper|annex …`` act on it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@main.group("dossier", cls=DossierGroup)
def dossier_group() -> None:
    """Hồ sơ đề nghị xét, công nhận của đơn vị theo năm: tờ trình/đề xuất, báo cáo kết quả xây dựng,
    biên bản họp xét (số, ngày, tệp kèm theo).

    antq dossier ID|ĐƠN_VỊ [--year NĂM] in danh mục hồ sơ (ID: mã cuộc kiểm tra; hoặc tên đơn vị).
    """


def _print(found: dossier_service.Dossier) -> None:
    click.echo(f"Hồ sơ đề nghị công nhận: {found.unit.name} năm {found.year} "
               f"({found.done}/{len(found.items)} mục đủ số, ngày, tệp)")
    for n, item in enumerate(found.items, start=1):
        mark = "x" if item.complete else " "
        click.echo(f"[{mark}] {n}. {item.label} ({item.item})")
        click.echo(f"      Số: {item.number or '—'} · Ngày: {item.date_label or '—'} · "
                   f"Tệp: {dossier_service.human_file(item) or '—'}")
    status = "đủ" if found.complete else "chưa đủ"
    click.echo(f"Hồ sơ {status}." + ("" if found.complete else " Bổ sung: antq dossier set ID MỤC --number … --date … --file …"))


@dossier_group.command("show", hidden=True)
@click.argument("ref", metavar="ID|ĐƠN_VỊ")
@click.option("--year", "-y", type=int, default=None, help="Năm xét (mặc định: năm của cuộc kiểm tra, hoặc năm gần nhất).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def show_command(state: CliState, ref: str, year: int | None, as_json: bool) -> None:
    """In danh mục hồ sơ đề nghị công nhận của đơn vị."""
    with service_context(state, write=False) as ctx:
        unit, year, _inspection = dossier_service.resolve(ctx, ref, year)
        found = dossier_service.dossier(ctx, unit, year)
    if as_json:
        echo_json(found.to_json())
    else:
        _print(found)


@dossier_group.command("set")
@click.argument("ref", metavar="ID|ĐƠN_VỊ")
@click.argument("item", metavar="MỤC")
@click.option("--year", "-y", type=int, default=None, help="Năm xét (mặc định: năm của cuộc kiểm tra).")
@click.option("--number", default=None, metavar="SỐ", help="Số, ký hiệu văn bản, ví dụ 12/TTr-UBND.")
@click.option("--date", "date", default=None, metavar="NGÀY", help="Ngày văn bản, dd/mm/yyyy (để trống thì xóa).")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None, metavar="TỆP",
              help="Tệp văn bản (bản quét, PDF, tối đa 50 MB), chép vào thư mục dữ liệu cùng mã sha256.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def set_command(state: CliState, ref: str, item: str, year: int | None, number: str | None, date: str | None,
                file: Path | None, as_json: bool) -> None:
    """Ghi số, ngày, tệp của một mục hồ sơ. MỤC: to_trinh (tờ trình/đề xuất), bao_cao (báo cáo kết quả
    xây dựng), bien_ban (biên bản họp xét); hoặc 1, 2, 3."""
    kwargs: dict[str, Any] = {"number": UNSET if number is None else number, "date": UNSET if date is None else date}
    with service_context(state) as ctx:
        unit, year, _inspection = dossier_service.resolve(ctx, ref, year)
        dossier_service.set_item(ctx, unit, year, item, file=file, **kwargs)
        found = dossier_service.dossier(ctx, unit, year)
    if as_json:
        echo_json(found.to_json())
    else:
        _print(found)


def _inspection(ctx: Any, ref: str, year: int | None) -> Any:
    from .main import fail

    unit, year, inspection = dossier_service.resolve(ctx, ref, year)
    if inspection is None:
        fail(f"{unit.name} chưa có cuộc kiểm tra năm {year}; không lập được giấy tờ của hồ sơ.")
    return inspection


@dossier_group.command("paper")
@click.argument("ref", metavar="ID|ĐƠN_VỊ")
@click.option("--year", "-y", type=int, default=None, help="Năm xét (mặc định: năm của cuộc kiểm tra).")
@click.option("--out", type=click.Path(path_type=Path), default=None, metavar="TỆP", help="Tệp hoặc thư mục ghi ra.")
@click.option("--html", is_flag=True, help="Xuất HTML thay cho PDF.")
@click.option("--no-docx", is_flag=True, help="Không xuất bản Word.")
@pass_state
def paper_command(state: CliState, ref: str, year: int | None, out: Path | None, html: bool, no_docx: bool) -> None:
    """Xuất mẫu Biên bản họp xét, đề nghị công nhận của đơn vị (PDF và Word), điền sẵn đơn vị, năm,
    kết quả kiểm tra; để trống thành phần dự họp và kết quả biểu quyết."""
    with service_context(state, write=False) as ctx:
        results = dossier_service.paper(ctx, _inspection(ctx, ref, year), out=out, html=html, docx=not no_docx)
    for r in results:
        click.echo(r.message)


@dossier_group.command("annex")
@click.argument("ref", metavar="ID|ĐƠN_VỊ")
@click.option("--year", "-y", type=int, default=None, help="Năm xét (mặc định: năm của cuộc kiểm tra).")
@click.option("--out", type=click.Path(path_type=Path), default=None, metavar="TỆP", help="Tệp hoặc thư mục ghi ra.")
@click.option("--html", is_flag=True, help="Xuất HTML thay cho PDF.")
@pass_state
def annex_command(state: CliState, ref: str, year: int | None, out: Path | None, html: bool) -> None:
    """Xuất Danh sách tập thể, cá nhân bị kỷ luật, vi phạm pháp luật, có đơn thư, khiếu kiện, mất đoàn
    kết (kèm theo hồ sơ), từ các trường hợp đã liệt kê ở từng điều kiện (antq eligibility … --case)."""
    with service_context(state, write=False) as ctx:
        result = dossier_service.annex(ctx, _inspection(ctx, ref, year), out=out, html=html)
    click.echo(result.message)
