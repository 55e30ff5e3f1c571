"""At the office: ``antq stats``, ``antq units import|list``, ``antq targets``, ``antq calendar``,
``antq report`` and ``antq totrinh``. The figures come from :mod:`antq_tui.office`, as in the TUI."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..criteria import UNIT_KINDS, parse_unit_kind, unit_kind_label
from ..services import ServiceError
from ..storage import StorageError, Store
from ..vnformat import format_date, parse_date
from .main import (
    CliState,
    echo_json,
    fail,
    main,
    open_store_for_writing,
    pass_state,
    service_context,
)
from .tables import print_table

if TYPE_CHECKING:
    from ..office.reports import OfficeData


def _store(state: CliState) -> Store | None:
    """The workspace's store for reading; None when there is no database yet."""
    ws = state.workspace()
    if not ws.db_path.exists():
        return None
    try:
        return Store.for_workspace(ws)
    except StorageError as exc:
        fail(str(exc))


def _load_office_data(state: CliState, year: int | None, set_id: str | None, district: str | None,
                      include_drafts: bool) -> OfficeData:
    """The year's statistics from the workspace's database, or a Vietnamese error and exit."""
    from ..services import office

    with service_context(state, write=False) as ctx:
        return office.statistics(ctx, year, set_id=set_id, district=district, include_drafts=include_drafts)


def _table(header: list[str], rows: list[list[str]], wrap: tuple[int, ...] | None = None) -> None:
    print_table(header, rows, wrap=wrap)


def _year_option(fn):
    return click.option("--year", "-y", type=int, default=None,
                        help="Năm (mặc định: năm gần nhất có cuộc kiểm tra, không quá năm nay).")(fn)


def _this_year(year: int | None) -> int:
    return year or dt.date.today().year


# --------------------------------------------------------------------------------------------------
# antq stats


@main.command("stats")
@_year_option
@click.option("--set", "set_id", default=None, metavar="BỘ", help="Chỉ bộ tiêu chí này (xem antq criteria).")
@click.option("--district", default=None, metavar="HUYỆN", help="Chỉ đơn vị của huyện này.")
@click.option("--include-drafts", is_flag=True,
              help="Tính cả các cuộc kiểm tra chưa hoàn thành (bản nháp); mặc định chỉ tính các cuộc đã hoàn thành.")
@click.option("--finalized", "finalized_only", is_flag=True, hidden=True)  # the default now; kept for old scripts
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.option("--csv", "csv_path", is_flag=False, flag_value="-", default=None, metavar="[TỆP]",
              help="Xuất CSV (UTF-8, mở được bằng Excel); không kèm tên tệp thì in ra màn hình.")
@click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="TỆP",
              help="Xuất tệp Excel (.xlsx).")
@click.option("--pdf", "pdf_path", type=click.Path(path_type=Path), default=None, metavar="TỆP",
              help="Xuất tệp PDF (khổ A4 ngang).")
@click.option("--html", "as_html", is_flag=True, help="Cùng --pdf: ghi HTML để in thay cho PDF.")
@click.option("--docx", "docx_path", is_flag=False, flag_value="", default=None, metavar="[TỆP]",
              help="Xuất tệp Word (.docx, khổ A4 ngang) để sửa; không kèm tên tệp thì ghi vào thư mục dữ liệu/bao_cao/.")
@pass_state
def stats_command(state: CliState, year: int | None, set_id: str | None, district: str | None, include_drafts: bool,
                  finalized_only: bool, as_json: bool, csv_path: str | None, xlsx_path: Path | None, pdf_path: Path | None,
                  as_html: bool, docx_path: str | None) -> None:
    """Biểu thống kê kết quả kiểm tra, thẩm định của một năm: từng đơn vị và từng tiêu chí.

    Chỉ tính các cuộc kiểm tra đã hoàn thành (bản nháp còn thay đổi được); --include-drafts tính cả
    bản nháp, và biểu ghi rõ điều đó.

    Mỗi bộ tiêu chí một phần: một dòng cho mỗi đơn vị được kiểm tra (số tiêu chí đạt theo từng nhóm,
    điều kiện, kết luận gợi ý) và một dòng cho mỗi tiêu chí (số đơn vị đạt, không đạt, chưa đánh giá,
    kèm số thứ tự các đơn vị không đạt); cuối cùng là tiến độ thực hiện chỉ tiêu của tỉnh (nếu có).
    """
    from ..office.reports import write_statistics

    if sum(x is not None and x is not False for x in (csv_path, xlsx_path, pdf_path, docx_path)) + as_json > 1:
        fail("Chỉ chọn một trong --json, --csv, --xlsx, --pdf, --docx.")
    if include_drafts and finalized_only:
        fail("Chỉ chọn một trong --include-drafts và --finalized.")
    ws = state.workspace()
    if set_id and set_id not in ws.registry.sets:
        # a set no longer loaded can still have inspections: only warn
        click.echo(f"Lưu ý: không có plugin nào cung cấp bộ tiêu chí “{set_id}” lúc này.", err=True)
    data = _load_office_data(state, year, set_id, district, include_drafts)
    if as_json:
        echo_json(data.to_json())
        return
    if csv_path == "-":
        click.echo(data.csv_bytes(), nl=False)  # bytes: the BOM and UTF-8 whatever the console's encoding
        return
    if csv_path or xlsx_path or pdf_path or docx_path is not None:
        from ..office.reports import default_path

        docx = (Path(docx_path) if docx_path else default_path(ws, data, "thong_ke", "docx")) if docx_path is not None else None
        try:
            message = write_statistics(ws, data, csv=Path(csv_path) if csv_path else None, xlsx=xlsx_path, pdf=pdf_path,
                                       html=as_html, docx=docx)
        except OSError as exc:
            fail(f"Không ghi được tệp: {exc}")
        click.echo(message)
        return
    _print_statistics(data)


def _print_statistics(data) -> None:
    stats = data.stats
    click.echo(f"BIỂU THỐNG KÊ KẾT QUẢ KIỂM TRA, THẨM ĐỊNH — {stats.scope_label}")
    if not stats.sections:
        click.echo("Không có cuộc kiểm tra nào.")
    for section in stats.sections:
        click.echo("")
        click.echo(f"{section.title} ({section.set_id}): {len(section.units)} đơn vị, {section.finalized} đã hoàn thành, "
                   f"{section.recommended} đề nghị công nhận")
        _table(["STT", "Đơn vị", "Ngày", "Trạng thái", "Đạt", "Đạt theo nhóm", "Điều kiện", "Kết luận gợi ý"],
               [[str(u.no), f"{u.unit} ({u.kind_label.lower()})", u.visit_date_label or "—", u.status_label,
                 f"{u.dat}/{u.total}",
                 " ".join((f"{u.groups[g].dat}/{u.groups[g].total}" if g in u.groups else "—")
                          for g, _ in section.groups),
                 u.eligible_label, u.conclusion_label] for u in section.units],
               wrap=(1, 3, 5, 6, 7))
        for i, (_, title) in enumerate(section.groups, 1):
            click.echo(f"  Nhóm {i}: {title}")
        click.echo("")
        _table(["Tiêu chí", "Đạt", "Không đạt", "Chưa đánh giá", "Đơn vị không đạt (STT)"],
               [[str(c.number), str(c.dat), str(c.khong_dat), str(c.unassessed), c.failed_numbers or "—"]
                for c in section.criteria])
    if data.targets:
        click.echo("")
        click.echo("TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU")
        for p in data.targets:
            click.echo(f"- {p.target.title}: {p.status_label}")


# --------------------------------------------------------------------------------------------------
# antq units


@main.group("units")
def units_group() -> None:
    """Danh sách đơn vị của huyện (mẫu số để tính tỷ lệ): nhập từ tệp CSV/XLSX, xem."""


@units_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--replace", is_flag=True, help="Danh sách mới thay hẳn danh sách cũ (đơn vị không có trong tệp bị bỏ khỏi danh sách).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def units_import(state: CliState, file: Path, replace: bool, as_json: bool) -> None:
    """Nhập danh sách đơn vị từ tệp CSV hoặc XLSX có dòng tiêu đề: Tên, Loại, Huyện, Tỉnh.

    Có dòng nào không đọc được thì báo từng dòng và không nhập gì (thoát mã 1).
    """
    from ..office.units_registry import RegistryFileError, import_registry

    ws = state.workspace()
    with open_store_for_writing(state) as store:
        try:
            report = import_registry(store, file, district=ws.config.district, province=ws.config.province,
                                     replace=replace)
        except RegistryFileError as exc:
            if as_json:
                echo_json({"file": str(file), "imported": False, "error": str(exc)})
                sys.exit(1)
            fail(str(exc), 1)
        except StorageError as exc:
            fail(str(exc))
    if as_json:
        echo_json(report.to_json())
    else:
        for line in report.lines():
            click.echo(line, err=not report.ok)
    if not report.ok:
        sys.exit(1)


@units_group.command("list")
@click.option("--district", default=None, metavar="HUYỆN", help="Chỉ huyện này.")
@click.option("--kind", default=None, metavar="LOẠI", help="Chỉ loại này (xã, phường, thị trấn, cơ quan…).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def units_list(state: CliState, district: str | None, kind: str | None, as_json: bool) -> None:
    """Liệt kê các đơn vị trong danh sách của huyện."""
    if kind:
        try:
            kind = parse_unit_kind(kind)
        except ValueError as exc:
            fail(str(exc))
    store = _store(state)
    units = []
    if store is not None:
        with store:
            units = [u for u in store.registered_units(district=district) if not kind or u.kind == kind]
    if as_json:
        echo_json([{"id": u.id, "name": u.name, "kind": u.kind, "kind_label": u.kind_label, "district": u.district,
                    "province": u.province} for u in units])
        return
    if not units:
        click.echo("Danh sách đơn vị trống. Nhập bằng: antq units import TỆP.csv (cột Tên, Loại, Huyện, Tỉnh).")
        return
    _table(["STT", "Đơn vị", "Loại", "Huyện", "Tỉnh"],
           [[str(i), u.name, u.kind_label, u.district, u.province] for i, u in enumerate(units, 1)])
    counts = {k: sum(u.kind == k for u in units) for k in UNIT_KINDS}
    click.echo(f"({len(units)} đơn vị: " + ", ".join(f"{n} {unit_kind_label(k).lower()}" for k, n in counts.items() if n)
               + ")")


# --------------------------------------------------------------------------------------------------
# antq targets, antq calendar


@main.command("targets")
@click.option("--year", "-y", type=int, default=None, help="Tính đến hết năm này (mặc định: năm nay).")
@click.option("--district", default=None, metavar="HUYỆN", help="Chỉ đơn vị của huyện này.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def targets_command(state: CliState, year: int | None, district: str | None, as_json: bool) -> None:
    """Tiến độ thực hiện chỉ tiêu của tỉnh (do plugin của tỉnh khai báo), tính đến hết năm đã chọn.

    Đơn vị được tính là đạt khi cuộc kiểm tra đã hoàn thành gần nhất (đến năm đó) có kết luận gợi ý
    “đề nghị công nhận”; mẫu số là danh sách đơn vị (antq units import).
    """
    from ..office.targets import target_progress

    year = _this_year(year)
    ws = state.workspace()
    targets = ws.registry.targets
    store = _store(state)
    progress = []
    if store is not None and targets:
        with store:
            progress = target_progress(store, targets, year, district=district)
    elif targets:
        from ..office.targets import progress as compute

        progress = compute(targets, [], [], district=district)
    if as_json:
        echo_json({"year": year, "district": district, "targets": [p.to_json() for p in progress]})
        return
    if not targets:
        click.echo("Chưa có plugin nào khai báo chỉ tiêu (hook antq_targets).")
        return
    click.echo(f"TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU (tính đến năm {year}{', ' + district if district else ''})")
    for p in progress:
        click.echo(f"- {p.target.title}: {p.status_label}")
        if p.recognised:
            click.echo("    Đã đạt: " + "; ".join(p.recognised))
        if p.not_in_registry:
            click.echo("    Chưa có trong danh sách đơn vị: " + "; ".join(p.not_in_registry))
        if p.outside_registry:
            click.echo(f"    {p.outside_registry} đơn vị đạt nhưng không có trong danh sách đơn vị.")


@main.command("calendar")
@click.option("--today", "today_text", default=None, metavar="dd/mm/yyyy", help="Tính từ ngày này (mặc định: hôm nay).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def calendar_command(state: CliState, today_text: str | None, as_json: bool) -> None:
    """Các mốc thời gian trong năm của phong trào (do plugin khai báo), mốc gần nhất ở trên."""
    from ..office.calendar import upcoming

    try:
        today = parse_date(today_text) if today_text else dt.date.today()
    except ValueError as exc:
        fail(str(exc))
    items = upcoming(state.workspace().registry, today)
    if as_json:
        echo_json({"today": today.isoformat(), "deadlines": [u.to_json() for u in items]})
        return
    if not items:
        click.echo("Chưa có plugin nào khai báo mốc thời gian (hook antq_calendar).")
        return
    click.echo(f"Hôm nay {format_date(today)}. Mốc gần nhất: {items[0].label}")
    _table(["Ngày", "Còn", "Mốc", "Plugin"],
           [[format_date(u.date), u.days_label, u.deadline.title, u.deadline.source] for u in items])


# --------------------------------------------------------------------------------------------------
# antq report, antq totrinh


def _document_command(name: str, kind: str, help_text: str):
    @main.command(name, help=help_text)
    @_year_option
    @click.option("--set", "set_id", default=None, metavar="BỘ", help="Chỉ bộ tiêu chí này.")
    @click.option("--district", default=None, metavar="HUYỆN", help="Chỉ đơn vị của huyện này.")
    @click.option("--out", "out", type=click.Path(path_type=Path), default=None, metavar="TỆP",
                  help="Tệp hoặc thư mục để ghi (mặc định: thư mục dữ liệu/bao_cao/).")
    @click.option("--html", "as_html", is_flag=True, help="Ghi HTML để in thay cho PDF.")
    @click.option("--docx", "as_docx", is_flag=True, help="Ghi tệp Word (.docx) để sửa, đánh số, ký tại cơ quan.")
    @pass_state
    def command(state: CliState, year: int | None, set_id: str | None, district: str | None, out: Path | None,
                as_html: bool, as_docx: bool) -> None:
        from ..services import office

        if as_html and as_docx:
            fail("Chỉ chọn một trong --html, --docx.")
        with service_context(state, write=False) as ctx:
            try:
                result = office.document(ctx, kind, year, set_id=set_id, district=district, out=out, html=as_html,
                                         docx=as_docx)
            except ServiceError as exc:
                fail(str(exc), 1)
            except OSError as exc:
                fail(f"Không ghi được tệp: {exc}")
        click.echo(result.message)

    return command


report_command = _document_command(
    "report", "bao_cao",
    "Báo cáo kết quả kiểm tra, thẩm định của năm (PDF): kết quả từng tiêu chí của từng đơn vị, từ các cuộc "
    "kiểm tra đã hoàn thành.",
)
totrinh_command = _document_command(
    "totrinh", "to_trinh",
    "Tờ trình đề nghị công nhận (PDF): các đơn vị có kết luận gợi ý “đề nghị công nhận” trong các cuộc "
    "kiểm tra đã hoàn thành của năm.",
)
