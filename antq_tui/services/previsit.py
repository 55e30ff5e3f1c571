"""Before the visit: the list of records to prepare, and the unit's self-assessment form (write, import).

The office sends both with the inspection notice, so the day on site is shorter: the unit prepares
the records criterion by criterion, fills the form (its own Đạt / Không đạt, its figures, the số and
ngày of its records), and the team imports the form into the inspection before leaving. The rules:

- the list and the form come from the inspection's snapshot (what it will check), or from the set
  as loaded (a list for every unit of a kind, before any inspection exists);
- a filled form is imported only into a draft, only whole (a cell that does not read refuses the
  file, naming its sheet, row and column), and only where the team has recorded nothing: what the
  unit declared is kept apart (``unit_declarations``) and shown as the unit's until the team has
  verified it (:mod:`antq_tui.storage.declarations`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..criteria import CriteriaSet
from ..files import export_target, write_atomic
from ..inspection import Inspection
from ..storage.declarations import Declaration, DeclarationOutcome, DeclaredRecord
from .context import Context, ServiceError

#: the largest form read (a filled form is a few dozen kB)
MAX_FORM_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class FormResult:
    path: Path
    message: str


def _criteria_for(ctx: Context, inspection_id: str | None, set_id: str | None) -> tuple[CriteriaSet, Inspection | None]:
    if inspection_id:
        inspection = ctx.store.get_inspection(inspection_id)
        return inspection.criteria, inspection
    if not set_id:
        raise ServiceError("Cần mã cuộc kiểm tra, hoặc bộ tiêu chí (--set) để lập danh mục chung.")
    sets = ctx.registry.sets
    if set_id not in sets:
        known = ", ".join(sorted(sets)) or "(không có bộ nào được nạp)"
        raise ServiceError(f"Không có bộ tiêu chí “{set_id}”. Các bộ đang có: {known}.")
    return sets[set_id], None


def records_list(ctx: Context, inspection_id: str | None = None, *, set_id: str | None = None,
                 year: int | None = None, out: Path | None = None, html: bool = False,
                 today: dt.date | None = None):  # -> office.reports.DocumentResult
    """Write the "Danh mục hồ sơ, tài liệu đơn vị cần chuẩn bị" for an inspection or a whole set."""
    from ..office.records_list import RecordsFor, export

    criteria, inspection = _criteria_for(ctx, inspection_id, set_id)
    who = (RecordsFor(inspection.year, inspection.unit.name, inspection.unit.kind) if inspection
           else RecordsFor(year or (today or dt.date.today()).year))
    return export(ctx.workspace, criteria, who, out, html=html, today=today)


def write_form(ctx: Context, inspection_id: str, out: Path | None = None) -> FormResult:
    """Write the blank self-assessment form (XLSX) of a draft inspection."""
    from ..office.reports import REPORTS_SUBDIR
    from ..office.self_assessment import FormFor, form_filename
    from ..office.self_assessment import write_form as build

    inspection = ctx.store.get_inspection(inspection_id)
    who = FormFor(inspection.unit.name, inspection.unit.kind, inspection.year, inspection.id)
    target = export_target(ctx.workspace, out, ctx.workspace.data_dir / REPORTS_SUBDIR / form_filename(who), ".xlsx")
    path = write_atomic(target, build(inspection.criteria, who))
    return FormResult(path, f"Đã lập mẫu tự đánh giá của {inspection.unit.name} (năm {inspection.year}): {path}. "
                            "Gửi cho đơn vị điền rồi nhập lại bằng antq self-assessment import.")


def import_form(ctx: Context, inspection_id: str, path: Path, *, dry_run: bool = False) -> DeclarationOutcome:
    """Import a filled form into a draft inspection (module docstring); ``dry_run`` reads and checks only.

    :raises ServiceError: the file is missing, unreadable, foreign or has cells that do not read; the
        inspection is finalized. Nothing is written then.
    """
    from ..office.self_assessment import FormError, read_form

    inspection = ctx.store.get_inspection(inspection_id)
    if inspection.finalized:
        raise ServiceError("Cuộc kiểm tra đã hoàn thành: không nhập tự đánh giá của đơn vị nữa.")
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FORM_BYTES:
            raise ServiceError(f"Tệp {path.name} lớn {size // 1024 // 1024} MB, không phải mẫu tự đánh giá (tối đa 5 MB).")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ServiceError(f"Không tìm thấy tệp {path}.") from None
    except IsADirectoryError:
        raise ServiceError(f"{path} là thư mục, không phải tệp Excel.") from None
    except OSError as exc:
        raise ServiceError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None
    try:
        rows = read_form(data, inspection.criteria, inspection_id=inspection.id, name=path.name)
    except FormError as exc:
        raise ServiceError(str(exc)) from None
    declared = [Declaration(r.number, r.self_assessment, r.inputs,
                            tuple(DeclaredRecord(i, number, date) for i, number, date in r.records), r.remark)
                for r in rows]
    if dry_run:
        outcome = DeclarationOutcome(declared=[d.number for d in declared if not d.empty])
        return outcome
    return ctx.store.import_declarations(inspection.id, declared, source_sha256=hashlib.sha256(data).hexdigest(),
                                         user=ctx.user_for(inspection.id))


def declarations(ctx: Context, inspection_id: str) -> dict[int, Declaration]:
    """What the unit declared, by criterion (for the walk's "đơn vị khai" and ``antq self-assessment show``)."""
    return ctx.store.declarations(inspection_id)


def declared_lines(inspection: Inspection, declaration: Declaration | None) -> list[str]:
    """The unit's declaration of one criterion as the walk shows it: one line per item not yet verified."""
    if declaration is None or declaration.empty:
        return []
    criterion = inspection.criteria.criterion(declaration.number)
    answer = inspection.answer(declaration.number)
    lines = []
    if declaration.self_assessment:
        lines.append(f"Đơn vị tự đánh giá: {declaration.self_assessment.label}")
    for field_id, value in declaration.inputs.items():
        try:
            f = criterion.field_by_id(field_id)
        except KeyError:
            continue
        shown = f.display(f.from_json(value))
        typed = answer.inputs.get(field_id)
        same = "" if typed is None else (" (đoàn đã ghi cùng số)" if typed == f.from_json(value) else
                                         f" (đoàn ghi {f.display(typed)})")
        lines.append(f"Đơn vị khai {f.label}: {shown}{same}")
    for record in declaration.records:
        if record.index < len(answer.evidence) and answer.evidence[record.index].seen:
            continue  # verified by the team
        parts = [f"số {record.number}" if record.number else "", f"ngày {record.date:%d/%m/%Y}" if record.date else ""]
        lines.append(f"Hồ sơ {record.index + 1} (đơn vị khai, chưa đối chiếu): " + ", ".join(p for p in parts if p))
    if declaration.remark:
        lines.append(f"Giải trình của đơn vị: {declaration.remark}")
    return lines


__all__ = ["FormResult", "declarations", "declared_lines", "import_form", "records_list", "write_form"]
