"""Before the visit: ``antq prepare-list`` (records to prepare) and ``antq self-assessment`` (the unit's form)."""

from __future__ import annotations

from pathlib import Path

import click

from ..services import inspections, previsit
from .main import CliState, echo_json, main, pass_state, service_context


@main.command("prepare-list")
@click.argument("inspection_id", required=False)
@click.option("--set", "set_id", default=None, metavar="BỘ",
              help="Không có cuộc kiểm tra: danh mục chung của bộ tiêu chí này (xem antq criteria).")
@click.option("--year", "-y", type=int, default=None, help="Năm ghi trên danh mục chung (mặc định: năm nay).")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None, metavar="TỆP",
              help="Nơi ghi (mặc định: thư mục dữ liệu/bao_cao/).")
@click.option("--html", "as_html", is_flag=True, help="Ghi HTML để in thay cho PDF.")
@pass_state
def prepare_list_command(state: CliState, inspection_id: str | None, set_id: str | None, year: int | None,
                         out: Path | None, as_html: bool) -> None:
    """Danh mục hồ sơ, tài liệu đơn vị cần chuẩn bị, theo từng tiêu chí (gửi kèm thông báo kiểm tra).

    Lấy từ bộ tiêu chí của cuộc kiểm tra MÃ_KIỂM_TRA (kể cả nội dung tỉnh sửa đổi, bổ sung), hoặc
    từ bộ --set khi chưa lập cuộc kiểm tra.
    """
    with service_context(state, write=False) as ctx:
        iid = inspections.resolve_id(ctx, inspection_id) if inspection_id else None
        result = previsit.records_list(ctx, iid, set_id=set_id, year=year, out=out, html=as_html)
    click.echo(result.message)


@main.group("self-assessment")
def self_assessment_group() -> None:
    """Mẫu tự đánh giá của đơn vị (tệp Excel): lập, nhập lại, xem."""


@self_assessment_group.command("form")
@click.argument("inspection_id")
@click.option("--out", "-o", type=click.Path(path_type=Path), default=None, metavar="TỆP",
              help="Nơi ghi tệp .xlsx (mặc định: thư mục dữ liệu/bao_cao/).")
@pass_state
def form_command(state: CliState, inspection_id: str, out: Path | None) -> None:
    """Lập mẫu tự đánh giá (XLSX) để gửi đơn vị điền: tự đánh giá, số liệu, số và ngày của hồ sơ."""
    with service_context(state, write=False) as ctx:
        result = previsit.write_form(ctx, inspections.resolve_id(ctx, inspection_id), out)
    click.echo(result.message)


@self_assessment_group.command("import")
@click.argument("inspection_id")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Chỉ đọc và kiểm tra tệp, không ghi gì.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def import_command(state: CliState, inspection_id: str, file: Path, dry_run: bool, as_json: bool) -> None:
    """Nhập mẫu tự đánh giá đơn vị đã điền vào cuộc kiểm tra (chưa hoàn thành).

    Phần đơn vị khai được giữ riêng và hiện là "đơn vị khai" cho tới khi đoàn đối chiếu; chỉ điền sẵn
    vào chỗ đoàn chưa ghi gì, không ghi đè nội dung đoàn đã ghi. Tệp có ô sai thì không nhập gì.
    """
    with service_context(state, write=not dry_run) as ctx:
        outcome = previsit.import_form(ctx, inspections.resolve_id(ctx, inspection_id), file, dry_run=dry_run)
    if as_json:
        echo_json({"dry_run": dry_run, "declared": outcome.declared, "prefilled": outcome.prefilled,
                   "kept": outcome.kept})
        return
    head = "Tệp đọc được, chưa ghi gì (--dry-run)" if dry_run else "Đã nhập tự đánh giá của đơn vị"
    click.echo(f"{head}: {len(outcome.declared)} tiêu chí có nội dung đơn vị khai.")
    for line in outcome.prefilled:
        click.echo(f"  Điền sẵn — {line}")
    for line in outcome.kept:
        click.echo(f"  Giữ nguyên — {line}")


@self_assessment_group.command("show")
@click.argument("inspection_id")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def show_command(state: CliState, inspection_id: str, as_json: bool) -> None:
    """Xem những gì đơn vị đã khai (chưa được đoàn đối chiếu) theo từng tiêu chí."""
    with service_context(state, write=False) as ctx:
        iid = inspections.resolve_id(ctx, inspection_id)
        inspection = inspections.get(ctx, iid)
        declared = previsit.declarations(ctx, iid)
    if as_json:
        echo_json({str(n): {"self_assessment": d.self_assessment.value if d.self_assessment else None,
                            "inputs": d.inputs, "records": [r.to_json() for r in d.records], "remark": d.remark}
                   for n, d in declared.items()})
        return
    if not declared:
        click.echo("Chưa nhập mẫu tự đánh giá nào của đơn vị cho cuộc kiểm tra này.")
        return
    for number, declaration in declared.items():
        lines = previsit.declared_lines(inspection, declaration)
        if lines:
            click.echo(f"Tiêu chí {number}:")
            for line in lines:
                click.echo(f"  {line}")
