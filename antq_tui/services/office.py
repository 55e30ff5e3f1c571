"""At the office: the year's statistics, the report (báo cáo) and the tờ trình, with their rules.

The year defaults to the latest year with inspections (not after this year when one is), else this
year — the same in the TUI's statistics screen and in ``antq stats``; the report and the tờ trình count finalized inspections only; no tờ
trình is made when no finalized inspection recommends recognition (đề nghị công nhận).

The report covers a period (:data:`antq_tui.office.report_paper.PERIODS`: the year, or its first six
months for the sơ kết) and prints narrative sections the office edits: antq drafts them from the minutes,
the office's saved draft (one per year and period) wins where there is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..workspace import is_placeholder, unset_roles
from .context import Context, ServiceError

if TYPE_CHECKING:
    from ..office.report_paper import Period, ReportData
    from ..office.reports import DocumentResult, OfficeData

#: the documents :func:`document` makes (kind → what the messages call it)
REPORT = "bao_cao"
TO_TRINH = "to_trinh"
STATISTICS = "thong_ke"


def default_year(ctx: Context, year: int | None = None, *, today: dt.date | None = None) -> int:
    """``year``; else the latest year with inspections, not after today's year if any is; else today's."""
    if year:
        return year
    today = today or dt.date.today()
    years = {row.year for row in ctx.store.list_inspections()}
    past = [y for y in years if y <= today.year]
    return max(past or years or [today.year])


def statistics(ctx: Context, year: int | None = None, *, set_id: str | None = None, district: str | None = None,
               include_drafts: bool = False, whole: bool = False, figures: bool = True) -> OfficeData:
    """The year's inspections, their statistics and the province's target progress.

    :param include_drafts: count the inspections not finalized too (a draft can still change, so by
        default they are left out, and the papers say how many).
    :param whole: read each inspection whole (the report and the tờ trình cite figures and remarks);
        the statistics count from the verdicts alone.
    :param figures: with each verdict's key figure (the unit × criterion table of the XLSX and CSV);
        a view that shows no such table (the screen, the text, JSON) is faster without.
    """
    from ..office.reports import OfficeData

    return OfficeData.load(ctx.workspace, ctx.store, default_year(ctx, year), set_id=set_id, district=district,
                           finalized_only=not include_drafts, whole=whole, figures=figures)


def has_recommended_unit(data: OfficeData) -> bool:
    """Whether some unit of ``data`` has the suggested conclusion "đề nghị công nhận"."""
    return any(u.recommend for s in data.stats.sections for u in s.units)


def document(ctx: Context, kind: str, year: int | None = None, *, set_id: str | None = None,
             district: str | None = None, include_drafts: bool = False, out: Path | None = None,
             html: bool = False, today: dt.date | None = None, docx: bool = False) -> DocumentResult:
    """Write the report (``REPORT``), the tờ trình (``TO_TRINH``) or the statistics (``STATISTICS``)
    as PDF (or HTML, or a Word file with ``docx``). The report and the tờ trình count finalized
    inspections only; the statistics too unless ``include_drafts``.

    :raises ServiceError: a tờ trình with no recommended unit; a report or tờ trình whose signer (the
        trưởng đoàn of config.toml) or district plan is still a placeholder.
    """
    from ..office.reports import export_document

    if kind == REPORT:
        return report(ctx, year, set_id=set_id, district=district, out=out, html=html, today=today, docx=docx)
    if kind != STATISTICS:
        require_filled(ctx, kind)

    year = default_year(ctx, year, today=today)
    data = statistics(ctx, year, set_id=set_id, district=district, include_drafts=include_drafts and kind == STATISTICS,
                      whole=kind != STATISTICS)
    if kind == TO_TRINH and not has_recommended_unit(data):
        raise ServiceError(f"Năm {year} không có cuộc kiểm tra đã hoàn thành nào có kết luận gợi ý "
                           "“đề nghị công nhận”; không lập tờ trình.")
    if kind == TO_TRINH:  # one per authority (services.recognition decides who recognises each unit)
        from dataclasses import replace

        from .dossier import dossier_status
        from .recognition import write_to_trinh

        result = write_to_trinh(ctx, data, out=out, html=html, docx=docx, today=today)
        # the dossier of each unit proposed: warn when it is incomplete
        units = {i.unit.id: i.unit for i in data.inspections
                 if any(u.recommend and u.unit_id == i.unit.id for s in data.stats.sections for u in s.units)}
        gaps = [s.message for s in (dossier_status(ctx, unit, year) for unit in units.values()) if not s.complete]
        return replace(result, message="\n".join([result.message, *(f"Lưu ý: {g}" for g in gaps)]))
    if docx:
        from ..office.docx_reports import export_document_docx

        return export_document_docx(ctx.workspace, data, kind, out, today=today)
    return export_document(ctx.workspace, data, kind, out, html=html, today=today)


def unfilled(ctx: Context) -> list[str]:
    """What the report and the tờ trình would print empty or as a placeholder (Vietnamese): the
    trưởng đoàn who signs them, the district plan they cite."""
    config = ctx.config
    gaps = [f"tên {label} (người ký)" for label in unset_roles(config.team) if label == "trưởng đoàn"]
    if config.district_plan and is_placeholder(config.district_plan):
        gaps.append("số, ngày kế hoạch của huyện")
    return gaps


def require_filled(ctx: Context, kind: str) -> None:
    """Refuse, naming each field, a report or tờ trình that would print a placeholder."""
    gaps = unfilled(ctx)
    if gaps:
        what = "tờ trình" if kind == TO_TRINH else "báo cáo"
        raise ServiceError(f"Không lập {what} vì còn thiếu " + "; ".join(gaps)
                           + ". Hãy điền ở Cài đặt (phím c ở màn hình chính) hoặc config.toml, rồi làm lại.")


# --------------------------------------------------------------------------------------------------
# the report (báo cáo): its period and its narrative sections, drafted from the minutes, edited by the
# office (the TUI's editor, or a TOML file with antq report --write-sections / --sections)


def period_of(text: str | None) -> Period:
    """The report's period from what the user typed ("nam", "6thang", "sơ kết"…); None: the year.

    :raises ServiceError: a period antq does not know.
    """
    from ..office.report_paper import PeriodError, parse_period

    try:
        return parse_period(text)
    except PeriodError as exc:
        raise ServiceError(str(exc)) from None


def report_data(ctx: Context, year: int | None = None, period: str | None = None, *, set_id: str | None = None,
                district: str | None = None, today: dt.date | None = None) -> ReportData:
    """The finalized inspections of the period, and the sections the report prints: the office's saved
    draft where it saved one, else antq's text drawn from the minutes."""
    from ..office.report_paper import for_period, merged_sections, prefilled_sections

    chosen = period_of(period)
    data = for_period(statistics(ctx, default_year(ctx, year, today=today), set_id=set_id, district=district,
                                 whole=True), chosen)  # the report quotes each criterion: whole inspections
    saved, data.saved_at = ctx.store.report_sections(data.year, chosen.key)
    data.prefilled = prefilled_sections(data)
    data.sections = merged_sections(data.prefilled, saved)
    return data


def save_report_sections(ctx: Context, year: int, period: str | None, sections: Mapping[str, str]) -> dt.datetime:
    """Keep the office's text of the report's sections as the draft of ``year`` and ``period``.

    :raises ServiceError: a section antq does not know.
    """
    from ..office.report_paper import SECTIONS

    unknown = [k for k in sections if k not in SECTIONS]
    if unknown:
        raise ServiceError("Không có phần báo cáo: " + ", ".join(unknown) + ".")
    chosen = period_of(period)
    saved, _ = ctx.store.report_sections(year, chosen.key)
    return ctx.store.save_report_sections(year, chosen.key, {**saved, **sections}, user=ctx.user)


def write_sections_file(ctx: Context, path: Path, year: int | None = None, period: str | None = None, *,
                        today: dt.date | None = None) -> str:
    """Write the report's sections (the saved draft, else antq's) to a TOML file to edit; never over a
    file that exists (it may hold text not yet read back). Returns the Vietnamese message.

    :raises ServiceError: the file exists or cannot be written.
    """
    from ..files import write_atomic
    from ..office.report_paper import sections_to_toml

    path = Path(path)
    if path.suffix.lower() != ".toml":
        path = path.with_name(path.name + ".toml")
    if path.exists():
        raise ServiceError(f"Tệp {path} đã có; antq không ghi đè (có thể chứa nội dung đang sửa). Hãy chọn tên "
                           "khác, hoặc in báo cáo với tệp đó: antq report --sections TỆP.")
    data = report_data(ctx, year, period, today=today)
    try:
        write_atomic(path, sections_to_toml(data.sections, data.year, data.period).encode("utf-8"))
    except OSError as exc:
        raise ServiceError(f"Không ghi được tệp {path}: {exc}") from None
    origin = "bản nháp đã lưu" if data.saved_at else "biên bản các cuộc kiểm tra đã hoàn thành"
    return (f"Đã ghi nội dung báo cáo {data.period.kind} {data.period.title(data.year)} (lấy từ {origin}) ra tệp: "
            f"{path}\nSửa tệp rồi in: antq report --year {data.year} --period {data.period.key} --sections {path}")


def read_sections_file(path: Path, year: int, period: str | None) -> dict[str, str]:
    """The sections of a TOML file written by :func:`write_sections_file` and edited by the office.

    :raises ServiceError: the file is missing, not UTF-8, not TOML, or for another year or period.
    """
    from ..office.report_paper import SectionsFileError, sections_from_toml

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ServiceError(f"Không có tệp {path}.") from None
    except UnicodeDecodeError:
        raise ServiceError(f"Tệp {path} không phải văn bản UTF-8; hãy lưu lại tệp dạng UTF-8.") from None
    except OSError as exc:
        raise ServiceError(f"Không đọc được tệp {path}: {exc}") from None
    try:
        return sections_from_toml(text, year, period_of(period))
    except SectionsFileError as exc:
        raise ServiceError(f"{path}: {exc}") from None


def report(ctx: Context, year: int | None = None, *, period: str | None = None, sections_file: Path | None = None,
           set_id: str | None = None, district: str | None = None, out: Path | None = None, html: bool = False,
           docx: bool = False, today: dt.date | None = None) -> DocumentResult:
    """The báo cáo (tổng kết năm, or sơ kết 6 tháng with ``period``) as PDF, HTML or Word, from the
    finalized inspections of the period. With ``sections_file``, its sections are read, kept as the
    office's draft (so the TUI shows them too) and printed.

    :raises ServiceError: a bad period or sections file; a signer or district plan still a placeholder.
    """
    from ..office.reports import export_document

    require_filled(ctx, REPORT)
    year = default_year(ctx, year, today=today)
    if sections_file is not None:
        save_report_sections(ctx, year, period, read_sections_file(sections_file, year, period))
    data = report_data(ctx, year, period, set_id=set_id, district=district, today=today)
    if docx:
        from ..office.docx_reports import export_document_docx

        result = export_document_docx(ctx.workspace, data, REPORT, out, today=today)
    else:
        result = export_document(ctx.workspace, data, REPORT, out, html=html, today=today)
    empty = data.empty_sections()
    if empty:
        note = ("Lưu ý: còn để trống " + ", ".join(f"“{t}”" for t in empty) + " (in dòng chấm để viết tay); sửa ở "
                "Thống kê → b, hoặc antq report --write-sections TỆP rồi --sections TỆP.")
        result = replace(result, message=f"{note}\n{result.message}")
    return result


def to_trinh(ctx: Context, year: int | None = None, **kwargs: object) -> DocumentResult:
    """The tờ trình đề nghị công nhận (see :func:`document`)."""
    return document(ctx, TO_TRINH, year, **kwargs)  # type: ignore[arg-type]


def statistics_path(ctx: Context, data: OfficeData, fmt: str) -> Path:
    """Where the statistics of ``data`` go by default, as ``fmt`` ("csv", "xlsx", "pdf", "docx")."""
    from ..office.reports import default_path

    return default_path(ctx.workspace, data, STATISTICS, fmt)


def write_statistics(ctx: Context, data: OfficeData, *, csv: Path | None = None, xlsx: Path | None = None,
                     pdf: Path | None = None, html: bool = False, docx: Path | None = None) -> str:
    """Write the statistics as CSV, Excel, PDF or Word; returns the Vietnamese message."""
    from ..office.reports import write_statistics as write

    return write(ctx.workspace, data, csv=csv, xlsx=xlsx, pdf=pdf, html=html, docx=docx)
