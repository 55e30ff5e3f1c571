"""After the visit: the unit's recognition dossier, the eligibility lists, and the QĐ 510 scope warning.

**The dossier** (hồ sơ đề nghị xét, công nhận) is what the provinces' plans ask a unit to send, per unit
and year: the tờ trình or đề xuất of the UBND xã or of the head of the agency, the báo cáo kết quả xây
dựng and the biên bản họp xét, đề nghị công nhận. Each paper has its số, ngày and a file; a paper is
complete when it has all three. :func:`dossier_status` is what the tờ trình asks before it proposes a
unit. The file is checked (:func:`antq_tui.services.attachments.check_source`) and copied by the same
rules as an evidence file.

**The eligibility lists**: the district plans ask the unit to list ("danh sách") the collectives and
people disciplined from Cảnh cáo up, the law violations, the pending complaints, internal disunity.
A case is listed under its condition and counted in one of its fields: a field whose unit is
“trường hợp” (an integer: the number of cases), or the only field of a condition that is a yes/no
("Nội bộ mất đoàn kết": “có” once a case is listed). **One rule** (:func:`listed_value`): once a
condition has cases listed for a field, that field's value is what the list says; the figure cannot be
typed otherwise (:func:`check_inputs_agree`, called by :func:`antq_tui.services.inspections.set_eligibility`).

**The QĐ 510 scope**: the movement's classification (Quyết định 510/QĐ-BCA-V05) leaves out small and
micro enterprises and primary and pre-schools (trường tiểu học, mầm non, nhà trẻ); such a unit has no
classification "Khá" to be eligible with. :func:`scope_warning` says so when an inspection is created.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..folding import fold, nfc
from ..storage import UNSET
from ..vnformat import format_date, human_size, parse_date
from .context import Context, ServiceError

if TYPE_CHECKING:
    from ..criteria import EligibilityCheck, Field
    from ..inspection import Inspection, Unit
    from ..storage.dossier import CaseRecord, DossierItemRecord

# -- the dossier -------------------------------------------------------------------------------------

TO_TRINH = "to_trinh"
BAO_CAO = "bao_cao"
BIEN_BAN = "bien_ban"
#: the dossier's papers, in the plans' order
ITEMS = (TO_TRINH, BAO_CAO, BIEN_BAN)
COMMUNE_KINDS = ("xa", "phuong", "thi_tran")


def item_label(item: str, kind: str) -> str:
    """What the plans call the paper, worded for the unit's kind."""
    commune = kind in COMMUNE_KINDS
    if item == TO_TRINH:
        return ("Tờ trình hoặc đề xuất của Ủy ban nhân dân xã, phường, thị trấn" if commune
                else "Tờ trình hoặc đề xuất của thủ trưởng cơ quan, doanh nghiệp, cơ sở giáo dục")
    if item == BAO_CAO:
        return "Báo cáo kết quả xây dựng đơn vị điển hình về phong trào toàn dân bảo vệ ANTQ"
    return "Biên bản họp xét, đề nghị công nhận đơn vị điển hình"


#: short names a user may type for each paper (folded)
_ITEM_NAMES = {TO_TRINH: ("to_trinh", "totrinh", "to trinh", "de xuat", "1"),
               BAO_CAO: ("bao_cao", "baocao", "bao cao", "2"),
               BIEN_BAN: ("bien_ban", "bienban", "bien ban", "bien ban hop xet", "3")}


def parse_item(text: str) -> str:
    """``"to_trinh"``, ``"tờ trình"``, ``"1"`` → ``"to_trinh"``; else a Vietnamese error."""
    key = fold(nfc(text or "")).strip().replace("-", "_")
    for item, names in _ITEM_NAMES.items():
        if key in names:
            return item
    raise ServiceError(f"Không có mục hồ sơ “{text}”. Các mục: to_trinh (tờ trình/đề xuất), bao_cao (báo cáo "
                       "kết quả xây dựng), bien_ban (biên bản họp xét).")


@dataclass(frozen=True)
class DossierItem:
    """One paper of the dossier as the screens and commands show it."""

    item: str
    label: str
    number: str = ""
    date: dt.date | None = None
    file_name: str = ""
    file_path: Path | None = None
    file_size: int = 0
    file_sha256: str = ""

    @property
    def date_label(self) -> str:
        return format_date(self.date) if self.date else ""

    @property
    def missing(self) -> list[str]:
        """What the paper still lacks: "số", "ngày", "tệp"."""
        return [what for what, have in (("số", self.number), ("ngày", self.date), ("tệp", self.file_name)) if not have]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def reference(self) -> str:
        """"số 12/TTr-UBND ngày 02/10/2023" as far as known, else ""."""
        parts = [f"số {self.number}" if self.number else "", f"ngày {self.date_label}" if self.date else ""]
        return " ".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "label": self.label, "number": self.number, "date": self.date_label,
                "file": self.file_name, "path": str(self.file_path) if self.file_path else "",
                "size": self.file_size, "sha256": self.file_sha256, "complete": self.complete,
                "missing": self.missing}


@dataclass(frozen=True)
class Dossier:
    """The dossier of one unit and year."""

    unit: Unit
    year: int
    items: tuple[DossierItem, ...]

    def item(self, key: str) -> DossierItem:
        return next(i for i in self.items if i.item == key)

    @property
    def complete(self) -> bool:
        return all(i.complete for i in self.items)

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.complete)

    def to_json(self) -> dict[str, Any]:
        return {"unit": {"id": self.unit.id, "name": self.unit.name, "kind": self.unit.kind}, "year": self.year,
                "complete": self.complete, "items": [i.to_json() for i in self.items]}


@dataclass(frozen=True)
class DossierStatus:
    """Whether the dossier is complete and, if not, the Vietnamese warning naming what lacks."""

    complete: bool
    missing: tuple[str, ...] = ()  # "Tờ trình … (thiếu số, tệp)"
    message: str = ""


def _view(item: str, kind: str, record: DossierItemRecord | None) -> DossierItem:
    if record is None:
        return DossierItem(item, item_label(item, kind))
    return DossierItem(item, item_label(item, kind), record.number, record.date, record.file_name, record.file_path,
                       record.file_size, record.file_sha256)


def dossier(ctx: Context, unit: Unit, year: int) -> Dossier:
    """The unit's dossier of ``year``: every paper, recorded or still empty."""
    records = ctx.store.dossier_items(unit.id, year)
    return Dossier(unit, year, tuple(_view(item, unit.kind, records.get(item)) for item in ITEMS))


def dossier_status(ctx: Context, unit: Unit, year: int) -> DossierStatus:
    """Whether ``unit``'s dossier of ``year`` is complete; the warning the tờ trình shows when not."""
    found = dossier(ctx, unit, year)
    missing = tuple(f"{i.label} (thiếu {', '.join(i.missing)})" for i in found.items if not i.complete)
    if not missing:
        return DossierStatus(True)
    return DossierStatus(False, missing, f"Hồ sơ đề nghị công nhận của {unit.name} năm {year} chưa đủ: "
                                         + "; ".join(missing) + ". Bổ sung bằng lệnh antq dossier set.")


def set_item(ctx: Context, unit: Unit, year: int, item: str, *, number: str = UNSET, date: dt.date | str | None = UNSET,
             file: str | Path | None = None) -> DossierItem:
    """Record a paper's số, ngày or file; only what is given changes.

    :raises ServiceError: an unknown paper, a date that is no dd/mm/yyyy, a file that cannot be attached.
    """
    from .attachments import check_source

    key = parse_item(item)
    if isinstance(date, str):
        date = _date(date) if date.strip() else None
    source = check_source(file) if file is not None and str(file).strip() else None
    record = ctx.store.set_dossier_item(unit.id, year, key, number=nfc(number) if isinstance(number, str) else number,
                                        date=date, source=source, user=ctx.acting_user)
    return _view(key, unit.kind, record)


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None


def resolve(ctx: Context, ref: str, year: int | None = None) -> tuple[Unit, int, Inspection | None]:
    """``ref`` is an inspection (its id or the start of it) or a unit's name: the unit, the year (the
    inspection's; else ``year``; else the unit's latest inspection's) and the inspection of that year
    (the latest one, finalized first), if any.

    :raises ServiceError: no such inspection or unit, or a name several units share.
    """
    from . import inspections

    try:
        inspection = inspections.get(ctx, inspections.resolve_id(ctx, ref))
    except ServiceError:
        inspection = None
    if inspection is not None and (year is None or year == inspection.year):
        return inspection.unit, inspection.year, inspection
    if inspection is not None:
        unit = inspection.unit
    else:
        query = fold(nfc(ref)).strip()
        units = [u for u in ctx.store.find_units(ref) if u.name]
        exact = [u for u in units if fold(u.name) == query]
        units = exact or units
        if not units:
            raise ServiceError(f"Không tìm thấy cuộc kiểm tra hay đơn vị “{ref}” (xem antq list).")
        if len(units) > 1:
            raise ServiceError(f"Có {len(units)} đơn vị khớp “{ref}”: " + ", ".join(u.name for u in units[:5])
                               + ". Hãy gõ tên đầy đủ hoặc mã cuộc kiểm tra.")
        unit = units[0]
    rows = [r for r in ctx.store.list_inspections() if r.unit_id == unit.id]
    if year is None:
        year = max((r.year for r in rows), default=dt.date.today().year)
    of_year = sorted((r for r in rows if r.year == year),
                     key=lambda r: (r.status == "finalized", r.visit_date or dt.date.min))
    return unit, year, (inspections.get(ctx, of_year[-1].id) if of_year else None)


# -- the eligibility lists ----------------------------------------------------------------------------

#: what an integer field counts when its cases can be listed
CASE_UNIT = "trường hợp"


def listed_fields(check: EligibilityCheck) -> list[Field]:
    """The fields of ``check`` that a list of cases decides: integer fields counting “trường hợp”, or
    the only field of a yes/no condition. Empty: the condition is no count (a decision, a rating)."""
    counts = [f for f in check.fields if f.type == "integer" and f.unit == CASE_UNIT]
    if counts:
        return counts
    if len(check.fields) == 1 and check.fields[0].type == "yesno":
        return [check.fields[0]]
    return []


def listed_value(field: Field, count: int) -> int | bool:
    """The one rule: the value a field takes from ``count`` cases listed for it."""
    return count > 0 if field.type == "yesno" else count


@dataclass(frozen=True)
class Case:
    """One listed case as shown: STT (from 1, within its condition), name, form, date, status."""

    id: str
    no: int
    check_id: str
    field_id: str
    field_label: str
    name: str
    form: str
    date: dt.date | None
    status: str

    @property
    def date_label(self) -> str:
        return format_date(self.date) if self.date else ""

    def line(self) -> str:
        """"Nguyễn Văn A · Cảnh cáo · 12/05/2023 · Đã xử lý"."""
        return " · ".join(x for x in (self.name, self.form, self.date_label, self.status) if x)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "no": self.no, "check": self.check_id, "field": self.field_id, "name": self.name,
                "form": self.form, "date": self.date_label, "status": self.status}


def _check(inspection: Inspection, check_id: str) -> EligibilityCheck:
    check = next((c for c in inspection.eligibility_checks if c.id == check_id), None)
    if check is None:
        known = ", ".join(c.id for c in inspection.eligibility_checks) or "không có"
        raise ServiceError(f"Cuộc kiểm tra này không có điều kiện “{check_id}” (các điều kiện: {known}).")
    return check


def cases(ctx: Context, inspection: Inspection, check_id: str | None = None) -> list[Case]:
    """The cases listed for the inspection (of one condition), numbered within each condition."""
    labels = {(c.id, f.id): f.label for c in inspection.eligibility_checks for f in c.fields}
    out: list[Case] = []
    seen: dict[str, int] = {}
    order = {c.id: n for n, c in enumerate(inspection.eligibility_checks)}
    records: list[CaseRecord] = sorted(ctx.store.eligibility_cases(inspection.id, check_id),
                                       key=lambda r: order.get(r.check_id, len(order)))
    for r in records:
        seen[r.check_id] = seen.get(r.check_id, 0) + 1
        out.append(Case(r.id, seen[r.check_id], r.check_id, r.field_id, labels.get((r.check_id, r.field_id), ""),
                        r.name, r.form, r.date, r.status))
    return out


def parse_case(text: str) -> dict[str, Any]:
    """``"Nguyễn Văn A|Cảnh cáo|12/05/2023|Đã xử lý"`` → its parts (form, date, status may be left out)."""
    parts = [nfc(p).strip() for p in (text or "").split("|")]
    if len(parts) > 4 or not parts[0]:
        raise ServiceError(f"Trường hợp cần dạng “tên|hình thức|dd/mm/yyyy|tình trạng” (ví dụ "
                           f"“Nguyễn Văn A|Cảnh cáo|12/05/2023|Đã xử lý”), không phải “{text}”.")
    name, form, day, status = (parts + ["", "", ""])[:4]
    return {"name": name, "form": form, "date": _date(day) if day else None, "status": status}


def _sync(ctx: Context, inspection_id: str, check: EligibilityCheck, field_id: str) -> None:
    """Give field ``field_id`` of ``check`` the value its listed cases say (:func:`listed_value`)."""
    f = next(f for f in listed_fields(check) if f.id == field_id)
    count = sum(1 for r in ctx.store.eligibility_cases(inspection_id, check.id) if r.field_id == field_id)
    ctx.store.set_eligibility(inspection_id, check.id, inputs={field_id: listed_value(f, count)},
                              evaluator=ctx.evaluator, user=ctx.user_for(inspection_id))


def add_case(ctx: Context, inspection_id: str, check_id: str, spec: str | Mapping[str, Any], *,
             field_id: str | None = None) -> Case:
    """List a case under condition ``check_id`` (counted in ``field_id``, by default the condition's
    first listed field) and set the count it belongs to from the list.

    :raises ServiceError: the condition is no count, an unknown field, a malformed case.
    """
    inspection = ctx.store.get_inspection(inspection_id)
    check = _check(inspection, check_id)
    fields = listed_fields(check)
    if not fields:
        raise ServiceError(f"Điều kiện “{check.title}” không phải số trường hợp nên không liệt kê danh sách.")
    if field_id:
        chosen = next((f for f in fields if f.id == field_id), None)
        if chosen is None:
            raise ServiceError(f"Điều kiện “{check.title}” không có mục đếm “{field_id}” (các mục: "
                               + ", ".join(f"{f.id} — {f.label}" for f in fields) + ").")
    else:
        chosen = fields[0]
    parts = parse_case(spec) if isinstance(spec, str) else dict(spec)
    record = ctx.store.add_eligibility_case(inspection_id, check.id, chosen.id, user=ctx.user_for(inspection_id),
                                            **parts)
    _sync(ctx, inspection_id, check, chosen.id)
    return next(c for c in cases(ctx, ctx.store.get_inspection(inspection_id), check.id) if c.id == record.id)


def remove_case(ctx: Context, inspection_id: str, check_id: str, ref: str | int) -> Case:
    """Take case ``ref`` (its STT within the condition, or the start of its id) off the list; the count
    follows the list."""
    inspection = ctx.store.get_inspection(inspection_id)
    check = _check(inspection, check_id)
    listed = cases(ctx, inspection, check.id)
    text = str(ref).strip()
    found = [c for c in listed if (text.isdigit() and c.no == int(text)) or (len(text) >= 4 and c.id.startswith(text))]
    if len(found) != 1:
        raise ServiceError(f"Điều kiện “{check.title}” không có trường hợp số “{text}” (có {len(listed)} trường hợp).")
    ctx.store.remove_eligibility_case(inspection_id, found[0].id, user=ctx.user_for(inspection_id))
    if any(f.id == found[0].field_id for f in listed_fields(check)):
        _sync(ctx, inspection_id, check, found[0].field_id)
    return found[0]


def check_inputs_agree(ctx: Context, inspection_id: str, check_id: str, inputs: Mapping[str, Any]) -> None:
    """Refuse a typed figure that differs from the cases listed for it (the list decides the count).

    :raises ServiceError: naming the field, the cases listed and how to change the figure.
    """
    records = ctx.store.eligibility_cases(inspection_id, check_id)
    if not records:
        return
    inspection = ctx.store.get_inspection(inspection_id)
    check = next((c for c in inspection.eligibility_checks if c.id == check_id), None)
    if check is None:
        return
    for f in listed_fields(check):
        if f.id not in inputs:
            continue
        count = sum(1 for r in records if r.field_id == f.id)
        if not count:
            continue
        try:
            typed = f.parse(inputs[f.id])
        except ValueError:
            continue  # the store says what is wrong with the value itself
        wanted = listed_value(f, count)
        if typed != wanted:
            raise ServiceError(f"“{f.label}”: đã liệt kê {count} trường hợp nên giá trị là {f.display(wanted)}. "
                               "Muốn sửa, hãy thêm hoặc bỏ trường hợp trong danh sách.")


# -- the QĐ 510 scope -----------------------------------------------------------------------------

#: a unit's type within its kind, chosen when an inspection is created (id → label); only those that
#: fall outside the QĐ 510 classification are named, "" is every other unit of the kind
SUBTYPES: dict[str, dict[str, str]] = {
    "doanh_nghiep": {"dn_nho": "Doanh nghiệp nhỏ, siêu nhỏ"},
    "co_so_giao_duc": {"tieu_hoc": "Cơ sở giáo dục tiểu học", "mam_non": "Cơ sở giáo dục mầm non, nhà trẻ"},
}
#: words in a school's name that say it is a primary or pre-school (folded)
_OUT_OF_SCOPE_NAMES = {"tieu hoc": "tieu_hoc", "mam non": "mam_non", "mau giao": "mam_non", "nha tre": "mam_non"}


def subtype_choices(kind: str) -> list[tuple[str, str]]:
    """(label, id) of the types a unit of ``kind`` may be given; the first is "" (every other unit)."""
    named = SUBTYPES.get(kind, {})
    if not named:
        return []
    return [("Loại khác", ""), *((label, key) for key, label in named.items())]


def scope_warning(kind: str, name: str, subtype: str = "") -> str:
    """The Vietnamese warning for a unit outside the QĐ 510 classification, else "".

    Known from the type chosen at creation (``subtype``) or, for a school, from its name ("Trường Mầm
    non Hoa Ban", "Trường Tiểu học Song Pe").
    """
    if subtype and subtype not in SUBTYPES.get(kind, {}):
        raise ServiceError(f"Loại “{subtype}” không dùng cho đơn vị loại này (các loại: "
                           + (", ".join(SUBTYPES.get(kind, {})) or "không có") + ").")
    if not subtype and kind == "co_so_giao_duc":
        folded = fold(nfc(name))
        subtype = next((v for k, v in _OUT_OF_SCOPE_NAMES.items() if k in folded), "")
    if not subtype:
        return ""
    what = SUBTYPES[kind][subtype]
    return (f"Lưu ý: {what} không thuộc đối tượng đánh giá, phân loại phong trào toàn dân bảo vệ an ninh Tổ "
            "quốc theo Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022 của Bộ Công an (trừ doanh nghiệp nhỏ, siêu "
            "nhỏ; cơ sở giáo dục tiểu học, mầm non, nhà trẻ), nên không có kết quả phân loại “Khá” trở lên để xét "
            "điều kiện. Kiểm tra lại trước khi đề nghị công nhận.")


# -- papers ---------------------------------------------------------------------------------------------


@dataclass
class PaperResult:
    path: Path
    format: str
    message: str


def paper(ctx: Context, inspection: Inspection, *, out: Path | None = None, html: bool = False,
          docx: bool = True, today: dt.date | None = None) -> list[PaperResult]:
    """The Biên bản họp xét of the unit's own meeting, prefilled (PDF, or HTML; and Word unless
    ``docx`` is False). Returns what was written, in order."""
    from ..office.dossier_papers import export_meeting_minutes

    data = paper_data(ctx, inspection)
    with _template_errors():
        results = export_meeting_minutes(ctx.workspace, data, out=out, html=html, docx=docx, today=today)
    return [PaperResult(r.path, r.format, r.message) for r in results]


def annex(ctx: Context, inspection: Inspection, *, out: Path | None = None, html: bool = False,
          today: dt.date | None = None) -> PaperResult:
    """The "Danh sách …" annex to the dossier: the cases listed under each condition (PDF or HTML)."""
    from ..office.dossier_papers import export_annex

    with _template_errors():
        r = export_annex(ctx.workspace, paper_data(ctx, inspection), out=out, html=html, today=today)
    return PaperResult(r.path, r.format, r.message)


@contextlib.contextmanager
def _template_errors() -> Iterator[None]:
    """A broken template (a province's override) or an unwritable path: a Vietnamese message."""
    from ..files import OutputPathError
    from ..minutes.render import TemplateError, describe_template_error

    try:
        yield
    except TemplateError as exc:
        raise ServiceError(describe_template_error(exc)) from None
    except OutputPathError as exc:
        raise ServiceError(str(exc)) from None
    except OSError as exc:
        raise ServiceError(f"Không ghi được tệp: {exc.strerror or exc}.") from None


def paper_data(ctx: Context, inspection: Inspection) -> dict[str, Any]:
    """What the dossier's papers print: the inspection and its summary, the dossier, the cases by condition."""
    from .inspections import summary

    listed = cases(ctx, inspection)
    lists = []
    for check in inspection.eligibility_checks:
        fields = listed_fields(check)
        if not fields:
            continue
        lists.append({"check": check, "cases": [c for c in listed if c.check_id == check.id],
                      "fields": fields})
    return {"inspection": inspection, "summary": summary(inspection),
            "dossier": dossier(ctx, inspection.unit, inspection.year), "lists": lists,
            "cases": listed}


def human_file(item: DossierItem) -> str:
    """"bien_ban.pdf (1,2 MB)" or ""."""
    return f"{item.file_name} ({human_size(item.file_size)})" if item.file_name else ""


__all__ = ["ITEMS", "SUBTYPES", "Case", "Dossier", "DossierItem", "DossierStatus", "add_case", "annex", "cases",
           "check_inputs_agree", "dossier", "dossier_status", "listed_fields", "listed_value", "paper",
           "parse_case", "parse_item", "remove_case", "resolve", "scope_warning", "set_item", "subtype_choices"]
