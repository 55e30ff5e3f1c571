"""The data a plugin hands to antq: criteria sets, criteria, input fields, checks, amendments.

This module is part of the plugin contract (see :mod:`antq_tui.hookspecs`). A plugin may build these
objects directly (``Criterion(number=18, ...)``) or return plain dicts with the same keys; either way
:func:`criteria_set_from_data` and friends validate what arrives and raise :class:`PluginDataError`
with a Vietnamese reason that names the offending set, criterion or field.

Nothing here imports Textual or touches the database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import inspect
import json
import re
import types
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .folding import fold
from .vnformat import format_date, parse_date

# --------------------------------------------------------------------------------------------------
# Unit kinds

#: The six kinds of unit the movement recognises, as ids (used in plugins, storage and the CLI).
UNIT_KINDS: dict[str, str] = {
    "xa": "Xã",
    "phuong": "Phường",
    "thi_tran": "Thị trấn",
    "co_quan": "Cơ quan",
    "doanh_nghiep": "Doanh nghiệp",
    "co_so_giao_duc": "Cơ sở giáo dục",
}


def unit_kind_label(kind: str) -> str:
    """The Vietnamese label of a unit kind id ("thi_tran" → "Thị trấn")."""
    return UNIT_KINDS.get(kind, kind)


def parse_unit_kind(text: str) -> str:
    """Accept an id or a label, with or without diacritics ("thị trấn", "thi tran", "thi_tran")."""
    key = fold(text).replace("_", " ").strip()
    for kind, label in UNIT_KINDS.items():
        if key in (fold(label), kind.replace("_", " ")):
            return kind
    raise ValueError(
        f"Loại đơn vị không hợp lệ: “{text}”. Chọn một trong: " + ", ".join(UNIT_KINDS.values())
    )


# --------------------------------------------------------------------------------------------------
# Errors


class PluginDataError(ValueError):
    """Data returned by a plugin does not fit the contract. The message is Vietnamese, for the user."""


class FieldValueError(ValueError):
    """A value typed into an input field cannot be read. The message is Vietnamese, for the user."""


# --------------------------------------------------------------------------------------------------
# Suggestions


class Verdict(str, enum.Enum):
    """A verdict: the team's decision, a unit's self-assessment, or a check's suggestion."""

    DAT = "dat"
    KHONG_DAT = "khong_dat"
    #: only for suggestions: the inputs the check needs are not all there yet
    CHUA_DU = "chua_du"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]

    @classmethod
    def parse(cls, value: "str | Verdict | None") -> "Verdict | None":
        if value is None or value == "":
            return None
        if isinstance(value, Verdict):
            return value
        key = fold(str(value)).replace(" ", "_")
        for verdict in cls:
            if key in (verdict.value, fold(verdict.label).replace(" ", "_")):
                return verdict
        raise ValueError(f"Kết quả không hợp lệ: “{value}” (đạt, không đạt hoặc chưa đủ dữ liệu)")


VERDICT_LABELS = {
    Verdict.DAT: "Đạt",
    Verdict.KHONG_DAT: "Không đạt",
    Verdict.CHUA_DU: "Chưa đủ dữ liệu",
}


@dataclass(frozen=True)
class Suggestion:
    """What a check suggests. The team decides; this only helps.

    :param verdict: ``Verdict.DAT``, ``Verdict.KHONG_DAT`` or ``Verdict.CHUA_DU``.
    :param reason: one line of Vietnamese that shows the figures, e.g.
        "giảm 7,1% (42 → 39 vụ): đạt mức giảm ≥ 5%".
    :param judgement: True where the criterion leaves room for the team's judgement; the app then
        says "cần đoàn đánh giá" beside the suggestion.
    """

    verdict: Verdict
    reason: str
    judgement: bool = False

    @classmethod
    def dat(cls, reason: str, *, judgement: bool = False) -> "Suggestion":
        return cls(Verdict.DAT, reason, judgement)

    @classmethod
    def khong_dat(cls, reason: str, *, judgement: bool = False) -> "Suggestion":
        return cls(Verdict.KHONG_DAT, reason, judgement)

    @classmethod
    def chua_du(cls, reason: str = "chưa đủ dữ liệu để gợi ý") -> "Suggestion":
        return cls(Verdict.CHUA_DU, reason, False)

    def to_json(self) -> dict[str, Any]:
        return {"verdict": self.verdict.value, "reason": self.reason, "judgement": self.judgement}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> "Suggestion | None":
        if not data:
            return None
        return cls(Verdict(data["verdict"]), str(data.get("reason", "")), bool(data.get("judgement")))


#: The signature of a check: the criterion's inputs (field id → parsed value, or None when empty).
#: A check may also take a keyword argument ``year`` (the inspection's year).
Check = Callable[..., Suggestion]


def _accepts_year(check: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(check).parameters
    except (TypeError, ValueError):
        return False
    return "year" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def _code_digest(code: types.CodeType, h: "hashlib._Hash") -> None:
    """Feed what a code object does (bytecode, names, constants, nested code) but not where it lives
    (file name, line numbers), so one plugin loaded from a folder or from a wheel hashes the same."""
    h.update(code.co_code)
    h.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _code_digest(const, h)
        else:
            h.update(repr(const).encode())


def check_identity(check: Callable[..., Any] | None) -> str:
    """What identifies a check for snapshots: its name and a hash of its code, defaults and closure.

    Changing a threshold inside a check (a constant, a default, a value captured by a closure)
    changes the identity, so inspections started with the old check stop re-running it.
    """
    if check is None:
        return ""
    name = f"{getattr(check, '__module__', '')}.{getattr(check, '__qualname__', type(check).__name__)}"
    func = getattr(check, "__func__", check)
    code = getattr(func, "__code__", None)
    if code is None:
        return name
    h = hashlib.sha256()
    _code_digest(code, h)
    h.update(repr(getattr(func, "__defaults__", None)).encode())
    h.update(repr(getattr(func, "__kwdefaults__", None)).encode())
    for cell in getattr(func, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        inner = getattr(value, "__code__", None)
        if inner is not None:
            _code_digest(inner, h)
        else:
            h.update(repr(value).encode())
    return f"{name}#{h.hexdigest()[:12]}"


# --------------------------------------------------------------------------------------------------
# Input fields

FIELD_TYPES: dict[str, str] = {
    "integer": "số nguyên",
    "choice": "lựa chọn",
    "yesno": "có/không",
    "date": "ngày (dd/mm/yyyy)",
    "text": "văn bản",
}

_YES = {"co", "c", "yes", "y", "true", "1", "x", "dung", "d"}
_NO = {"khong", "k", "no", "n", "false", "0", "sai", "s"}


@dataclass(frozen=True)
class Field:
    """One input a criterion needs, typed by the thư ký during the visit.

    :param id: a stable identifier (ASCII, snake_case): storage and statistics key on it.
    :param label: the Vietnamese label shown beside the input.
    :param type: ``"integer"``, ``"choice"``, ``"yesno"``, ``"date"`` or ``"text"``.
    :param choices: the allowed values of a ``choice`` field, in order.
    :param unit: what an integer counts ("vụ", "người"), shown after the number.
    :param minimum: the smallest integer accepted (default 0: counts are never negative).
    :param help: one line that says where the figure comes from.
    :param required: whether the check needs it; a check is only called once every required field
        has a value, otherwise the suggestion is "chưa đủ dữ liệu".
    """

    id: str
    label: str
    type: str = "integer"
    choices: tuple[str, ...] = ()
    unit: str = ""
    minimum: int | None = 0
    help: str = ""
    required: bool = True

    def parse(self, raw: Any) -> Any:
        """Read a typed value. Empty means "not given" (None). Raises :class:`FieldValueError`."""
        if raw is None:
            return None
        if not isinstance(raw, str):
            return self._coerce(raw)
        text = unicodedata.normalize("NFC", raw).strip()
        if text == "":
            return None
        if self.type == "integer":
            compact = text.replace(" ", "").replace(".", "") if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text) else text
            if not re.fullmatch(r"[-+]?\d+", compact):
                raise FieldValueError(f"“{self.label}” cần một số nguyên, không phải “{text}”.")
            value = int(compact)
            if self.minimum is not None and value < self.minimum:
                raise FieldValueError(f"“{self.label}” phải từ {self.minimum} trở lên (đã nhập {value}).")
            return value
        if self.type == "yesno":
            key = fold(text)
            if key in _YES:
                return True
            if key in _NO:
                return False
            raise FieldValueError(f"“{self.label}” cần “có” hoặc “không”, không phải “{text}”.")
        if self.type == "date":
            try:
                return parse_date(text)
            except ValueError:
                raise FieldValueError(f"“{self.label}” cần một ngày dạng dd/mm/yyyy, không phải “{text}”.") from None
        if self.type == "choice":
            key = fold(text)
            for choice in self.choices:
                if fold(choice) == key:
                    return choice
            if len(key) >= 2:  # an unambiguous prefix of two letters or more ("xu" → "Xuất sắc")
                for choice in self.choices:
                    if fold(choice).startswith(key) and sum(fold(c).startswith(key) for c in self.choices) == 1:
                        return choice
            raise FieldValueError(f"“{self.label}” chỉ nhận: {', '.join(self.choices)} (đã nhập “{text}”).")
        return text

    def _coerce(self, value: Any) -> Any:
        if self.type == "integer" and isinstance(value, int) and not isinstance(value, bool):
            return self.parse(str(value))
        if self.type == "yesno" and isinstance(value, bool):
            return value
        if self.type == "date" and isinstance(value, dt.date):
            return value
        return self.parse(str(value))

    def to_json(self, value: Any) -> Any:
        """A JSON-friendly form of a parsed value (dates as ISO strings)."""
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    def from_json(self, value: Any) -> Any:
        if value is None:
            return None
        if self.type == "date" and isinstance(value, str):
            return dt.date.fromisoformat(value)
        return value

    def display(self, value: Any) -> str:
        """How a value reads in the app and the minutes ("39 vụ", "Có", "12/10/2023")."""
        if value is None or value == "":
            return ""
        if self.type == "yesno":
            return "Có" if value else "Không"
        if self.type == "date":
            return format_date(value)
        if self.type == "integer":
            return f"{value:,}".replace(",", ".") + (f" {self.unit}" if self.unit else "")
        return str(value)

    def to_data(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"choices": list(self.choices)}


def field_by_id(fields: Iterable[Field], field_id: str, owner: str) -> Field:
    """The field ``field_id`` of a criterion or condition (``owner`` names it in the error)."""
    fields = tuple(fields)
    for f in fields:
        if f.id == field_id:
            return f
    known = ", ".join(f.id for f in fields) or "(không có trường nào)"
    raise KeyError(f"{owner} không có trường “{field_id}”. Các trường: {known}")


def parse_inputs(fields: Iterable[Field], raw: Mapping[str, Any], owner: str) -> dict[str, Any]:
    """Parse raw typed values by field; raises FieldValueError naming the first bad one."""
    fields = tuple(fields)
    return {key: field_by_id(fields, key, owner).parse(value) for key, value in raw.items()}


def run_check(check: Check | None, fields: Iterable[Field], inputs: Mapping[str, Any], *,
              year: int | None = None) -> Suggestion | None:
    """Run a check (of a criterion or an eligibility condition) on parsed inputs; None without a check.

    Missing required inputs give "chưa đủ dữ liệu" without calling the check; an exception inside
    the check is caught and shown as "chưa đủ dữ liệu" naming the error, so a faulty province check
    never stops the visit. ``year`` reaches checks that accept a ``year`` keyword.
    """
    if check is None:
        return None
    fields = tuple(fields)
    values = {f.id: inputs.get(f.id) for f in fields}
    missing = [f.label for f in fields if f.required and values.get(f.id) in (None, "")]
    if missing:
        return Suggestion.chua_du("chưa nhập: " + "; ".join(missing))
    try:
        result = check(values, year=year) if _accepts_year(check) else check(values)
    except Exception as exc:  # a plugin's bug must not crash the visit
        return Suggestion.chua_du(f"hàm kiểm tra của plugin lỗi ({type(exc).__name__}: {exc})")
    if not isinstance(result, Suggestion):
        return Suggestion.chua_du(f"hàm kiểm tra của plugin trả về {type(result).__name__}, không phải Suggestion")
    return result


# --------------------------------------------------------------------------------------------------
# Criteria and sets


@dataclass(frozen=True)
class Group:
    """A group of criteria ("Công tác bảo đảm an ninh, trật tự")."""

    id: str
    title: str


@dataclass(frozen=True)
class Criterion:
    """One criterion of a set.

    :param number: its number in the set (1, 2, …); unique within the set.
    :param group: the id of the group it belongs to.
    :param text: the full text, exactly as the decision words it.
    :param evidence: the records (hồ sơ, tài liệu kiểm chứng) the team asks the unit to show; each is
        ticked as seen during the visit, with its number (số, ký hiệu) and date.
    :param fields: inputs the check needs (figures, ratings, dates).
    :param check: a pure function ``check(inputs) -> Suggestion``; ``inputs`` maps each field id to its
        parsed value. It must not touch files, the clock or the network.
    :param note: guidance for the team (how to read the criterion), shown under the text.
    :param amended_by: filled in by antq: the plugins that amended this criterion.
    :param source: filled in by antq: the plugin that defined it.
    """

    number: int
    group: str
    text: str
    evidence: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    check: Check | None = field(default=None, compare=False)
    note: str = ""
    amended_by: tuple[str, ...] = ()
    #: filled in by antq: one line per amendment, "plugin: what changed. why"
    amendments: tuple[str, ...] = ()
    source: str = ""
    #: set only on criteria read back from a stored snapshot: whether the plugin had a check then
    had_check: bool | None = None

    @property
    def has_check(self) -> bool:
        return self.check is not None if self.had_check is None else self.had_check

    def field_by_id(self, field_id: str) -> Field:
        return field_by_id(self.fields, field_id, f"Tiêu chí {self.number}")

    def fingerprint(self) -> str:
        """A hash of what the team sees and what the check is: changes when the plugin changes it."""
        check_id = check_identity(self.check)
        payload = {
            "group": self.group,
            "text": self.text,
            "evidence": list(self.evidence),
            "fields": [f.to_data() for f in self.fields],
            "check": check_id,
            "amended_by": list(self.amended_by),
        }
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]

    def suggest(self, inputs: Mapping[str, Any], *, year: int | None = None) -> Suggestion | None:
        """Run the check on already-parsed inputs. None when the criterion has no check.

        ``year`` is the inspection's year; it reaches checks that accept a ``year`` keyword (those
        that judge a period, such as "Quý I hằng năm"), and is None when unknown.

        Missing required inputs give "chưa đủ dữ liệu" without calling the check; an exception
        inside the check is caught and shown as a suggestion of "chưa đủ dữ liệu" naming the error,
        so a faulty province check never stops the visit.
        """
        return run_check(self.check, self.fields, inputs, year=year)

    def parse_inputs(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Parse raw typed values by field; raises FieldValueError naming the first bad one."""
        return parse_inputs(self.fields, raw, f"Tiêu chí {self.number}")

    def to_data(self) -> dict[str, Any]:
        """The JSON form used by ``antq criteria --json`` and by snapshots (no function inside)."""
        return {
            "number": self.number,
            "group": self.group,
            "text": self.text,
            "evidence": list(self.evidence),
            "fields": [f.to_data() for f in self.fields],
            "has_check": self.has_check,
            "note": self.note,
            "amended_by": list(self.amended_by),
            "amendments": list(self.amendments),
            "source": self.source,
            "fingerprint": self.fingerprint(),
        }


@dataclass(frozen=True)
class CriteriaSet:
    """A whole criteria set, e.g. the ministry's 34 criteria for xã, phường, thị trấn.

    :param id: short, stable id used on the command line and in storage ("xa").
    :param title: the full Vietnamese title.
    :param version: the plugin's version of the set; bump it whenever text or a check changes.
    :param legal_basis: the documents it comes from, each one line ("Quyết định số 9745/QĐ-BCA-V05 …").
    :param unit_kinds: the unit kinds it applies to (ids from :data:`UNIT_KINDS`).
    :param groups: the groups, in order.
    :param criteria: the criteria, in order.
    :param subject: how the minutes name the kind of unit ("xã, phường, thị trấn").
    :param plugin: filled in by antq: the plugin that provided it.
    """

    id: str
    title: str
    version: str
    legal_basis: tuple[str, ...]
    unit_kinds: tuple[str, ...]
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    subject: str = ""
    plugin: str = ""

    def criterion(self, number: int) -> Criterion:
        for c in self.criteria:
            if c.number == number:
                return c
        raise KeyError(f"Bộ tiêu chí “{self.id}” không có tiêu chí {number}.")

    def group(self, group_id: str) -> Group:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    def criteria_in(self, group_id: str) -> list[Criterion]:
        return [c for c in self.criteria if c.group == group_id]

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "legal_basis": list(self.legal_basis),
            "unit_kinds": list(self.unit_kinds),
            "subject": self.subject,
            "plugin": self.plugin,
            "groups": [dataclasses.asdict(g) for g in self.groups],
            "criteria": [c.to_data() for c in self.criteria],
        }

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> "CriteriaSet":
        """Rebuild a set from its stored JSON form (as :meth:`to_data` wrote it); checks are absent."""
        return cls(
            id=data["id"],
            title=data["title"],
            version=data["version"],
            legal_basis=tuple(data["legal_basis"]),
            unit_kinds=tuple(data["unit_kinds"]),
            subject=data.get("subject", ""),
            plugin=data.get("plugin", ""),
            groups=tuple(Group(**g) for g in data["groups"]),
            criteria=tuple(
                Criterion(
                    number=c["number"],
                    group=c["group"],
                    text=c["text"],
                    evidence=tuple(c["evidence"]),
                    fields=tuple(_field_from_stored(f) for f in c["fields"]),
                    note=c.get("note", ""),
                    amended_by=tuple(c.get("amended_by", ())),
                    amendments=tuple(c.get("amendments", ())),
                    source=c.get("source", ""),
                    had_check=bool(c.get("has_check")),
                )
                for c in data["criteria"]
            ),
        )


def _field_from_stored(data: Mapping[str, Any]) -> Field:
    return Field(**{k: (tuple(v) if k == "choices" else v) for k, v in data.items() if k in _FIELD_KEYS})


_FIELD_KEYS = {f.name for f in dataclasses.fields(Field)}


# --------------------------------------------------------------------------------------------------
# Amendments


@dataclass(frozen=True)
class AddCriterion:
    """Add a criterion to another plugin's set (a province extending the ministry's set).

    :param set_id: the set to extend ("xa").
    :param criterion: the new criterion; its number must not exist in the set yet.
    :param new_group: a group to create for it when ``criterion.group`` is not in the set.
    :param note: why (e.g. "Quyết định số 123/QĐ-UBND của UBND tỉnh …"), shown in the app.
    """

    set_id: str
    criterion: Criterion
    new_group: Group | None = None
    note: str = ""


@dataclass(frozen=True)
class AmendCriterion:
    """Replace parts of another plugin's criterion (a province tightening it).

    Give only what changes; everything left as ``None`` (or empty) stays as the original plugin wrote it.

    :param set_id: the set ("xa").
    :param number: the criterion's number in that set.
    :param text: a new full text.
    :param evidence: a new list of records to verify (replaces the list).
    :param add_evidence: records appended to the list.
    :param fields: a new list of input fields (replaces the list).
    :param add_fields: fields appended to the list.
    :param check: a new check.
    :param note: why, shown in the app and the minutes.
    """

    set_id: str
    number: int
    text: str | None = None
    evidence: tuple[str, ...] | None = None
    add_evidence: tuple[str, ...] = ()
    fields: tuple[Field, ...] | None = None
    add_fields: tuple[Field, ...] = ()
    check: Check | None = None
    note: str = ""


Amendment = AddCriterion | AmendCriterion


# --------------------------------------------------------------------------------------------------
# Eligibility


@dataclass(frozen=True)
class EligibilityCheck:
    """A condition a unit must meet before it can be recognised (checked before the criteria).

    :param id: stable id ("an_toan_antt").
    :param title: short Vietnamese title ("An toàn về ANTT năm trước").
    :param text: the condition in full, with its legal basis.
    :param set_ids: the sets it applies to; empty means every set.
    :param fields: inputs, as for a criterion.
    :param check: ``check(inputs) -> Suggestion``, as for a criterion.
    """

    id: str
    title: str
    text: str
    set_ids: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    check: Check | None = field(default=None, compare=False)
    source: str = ""

    def applies_to(self, set_id: str) -> bool:
        return not self.set_ids or set_id in self.set_ids

    def suggest(self, inputs: Mapping[str, Any], *, year: int | None = None) -> Suggestion | None:
        return run_check(self.check, self.fields, inputs, year=year)

    def parse_inputs(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        return parse_inputs(self.fields, raw, f"Điều kiện “{self.title}”")

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "set_ids": list(self.set_ids),
            "fields": [f.to_data() for f in self.fields],
            "has_check": self.check is not None,
            "source": self.source,
        }

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> "EligibilityCheck":
        return cls(
            id=data["id"],
            title=data["title"],
            text=data["text"],
            set_ids=tuple(data.get("set_ids", ())),
            fields=tuple(_field_from_stored(f) for f in data.get("fields", ())),
            source=data.get("source", ""),
        )


# --------------------------------------------------------------------------------------------------
# Office: targets and the yearly calendar


@dataclass(frozen=True)
class Target:
    """A province's target, e.g. 30% of phường recognised by 2025.

    :param id: stable id.
    :param title: how the statistics name it ("30% số phường đạt điển hình").
    :param year: the year by which it must be met.
    :param unit_kinds: which kinds of unit count (denominator: the registry's units of these kinds).
    :param percent: the share required, 0–100.
    :param unit_names: instead of kinds, a named list of units (e.g. communes once affected by an
        illegal organisation); the percent then applies to that list.
    """

    id: str
    title: str
    year: int
    percent: float
    unit_kinds: tuple[str, ...] = ()
    unit_names: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Deadline:
    """A date in the movement's yearly cycle ("Cấp huyện xét, công nhận trước 15/10")."""

    id: str
    title: str
    month: int
    day: int
    source: str = ""

    def date_in(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)


# --------------------------------------------------------------------------------------------------
# Validation of what plugins return

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _require(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] is None or data[key] == "":
        raise PluginDataError(f"{where}: thiếu “{key}”")
    return data[key]


def _as_mapping(obj: Any, where: str) -> Mapping[str, Any]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return obj
    raise PluginDataError(f"{where}: cần một đối tượng hoặc dict, không phải {type(obj).__name__}")


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise PluginDataError(f"{where}: cần chuỗi văn bản, không phải {type(value).__name__}")
    return unicodedata.normalize("NFC", value.strip())


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise PluginDataError(f"{where}: cần một danh sách chuỗi")
    return tuple(_text(v, where) for v in value)


def field_from_data(obj: Any, where: str) -> Field:
    data = _as_mapping(obj, where)
    fid = _require(data, "id", where)
    where = f"{where}, trường “{fid}”"
    if not isinstance(fid, str) or not _ID_RE.match(fid):
        raise PluginDataError(f"{where}: id chỉ gồm chữ thường không dấu, số và “_”")
    ftype = data.get("type", "integer")
    if ftype not in FIELD_TYPES:
        raise PluginDataError(f"{where}: kiểu “{ftype}” không hợp lệ (chọn: {', '.join(FIELD_TYPES)})")
    choices = _texts(data.get("choices", ()), where)
    if ftype == "choice" and not choices:
        raise PluginDataError(f"{where}: trường lựa chọn cần danh sách “choices”")
    unknown = set(data) - _FIELD_KEYS
    if unknown:
        raise PluginDataError(f"{where}: khóa không biết: {', '.join(sorted(unknown))}")
    return Field(
        id=fid,
        label=_text(_require(data, "label", where), where),
        type=ftype,
        choices=choices,
        unit=_text(data.get("unit", ""), where),
        minimum=data.get("minimum", 0),
        help=_text(data.get("help", ""), where),
        required=bool(data.get("required", True)),
    )


def _fields(value: Any, where: str) -> tuple[Field, ...]:
    fields = tuple(field_from_data(f, where) for f in (value or ()))
    seen: set[str] = set()
    for f in fields:
        if f.id in seen:
            raise PluginDataError(f"{where}: trường “{f.id}” bị trùng")
        seen.add(f.id)
    return fields


def _check(value: Any, where: str) -> Check | None:
    if value is not None and not callable(value):
        raise PluginDataError(f"{where}: “check” phải là một hàm, không phải {type(value).__name__}")
    return value


def criterion_from_data(obj: Any, where: str, *, source: str = "") -> Criterion:
    data = _as_mapping(obj, where)
    number = _require(data, "number", where)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise PluginDataError(f"{where}: số tiêu chí phải là số nguyên dương, không phải {number!r}")
    where = f"{where}, tiêu chí {number}"
    evidence = _texts(data.get("evidence", ()), where)
    if not evidence:
        raise PluginDataError(f"{where}: thiếu “evidence” (hồ sơ, tài liệu cần kiểm chứng)")
    fields = _fields(data.get("fields", ()), where)
    return Criterion(
        number=number,
        group=_text(_require(data, "group", where), where),
        text=_text(_require(data, "text", where), where),
        evidence=evidence,
        fields=fields,
        check=_check(data.get("check"), where),
        note=_text(data.get("note", "") or "", where),
        source=source,
    )


def criteria_set_from_data(obj: Any, *, plugin: str) -> CriteriaSet:
    """Validate and normalise a criteria set returned by ``antq_criteria_sets``."""
    where = f"Bộ tiêu chí của plugin “{plugin}”"
    data = _as_mapping(obj, where)
    set_id = _require(data, "id", where)
    if not isinstance(set_id, str) or not _ID_RE.match(set_id):
        raise PluginDataError(f"{where}: id “{set_id}” chỉ gồm chữ thường không dấu, số và “_”")
    where = f"Bộ tiêu chí “{set_id}” (plugin “{plugin}”)"
    unit_kinds = _texts(_require(data, "unit_kinds", where), where)
    for kind in unit_kinds:
        if kind not in UNIT_KINDS:
            raise PluginDataError(f"{where}: loại đơn vị “{kind}” không hợp lệ (chọn: {', '.join(UNIT_KINDS)})")
    groups = []
    for g in _require(data, "groups", where):
        gd = _as_mapping(g, where)
        groups.append(Group(id=_text(_require(gd, "id", where), where), title=_text(_require(gd, "title", where), where)))
    group_ids = [g.id for g in groups]
    if len(set(group_ids)) != len(group_ids):
        raise PluginDataError(f"{where}: có nhóm bị trùng id")
    criteria = [criterion_from_data(c, where, source=plugin) for c in _require(data, "criteria", where)]
    seen: set[int] = set()
    for c in criteria:
        if c.number in seen:
            raise PluginDataError(f"{where}: tiêu chí {c.number} bị trùng số")
        seen.add(c.number)
        if c.group not in group_ids:
            raise PluginDataError(f"{where}, tiêu chí {c.number}: nhóm “{c.group}” không có trong bộ")
    legal_basis = _texts(_require(data, "legal_basis", where), where)
    return CriteriaSet(
        id=set_id,
        title=_text(_require(data, "title", where), where),
        version=_text(str(_require(data, "version", where)), where),
        legal_basis=legal_basis,
        unit_kinds=unit_kinds,
        groups=tuple(groups),
        criteria=tuple(criteria),
        subject=_text(data.get("subject", "") or ", ".join(unit_kind_label(k).lower() for k in unit_kinds), where),
        plugin=plugin,
    )


def eligibility_from_data(obj: Any, *, plugin: str) -> EligibilityCheck:
    where = f"Điều kiện của plugin “{plugin}”"
    data = _as_mapping(obj, where)
    cid = _require(data, "id", where)
    where = f"Điều kiện “{cid}” (plugin “{plugin}”)"
    return EligibilityCheck(
        id=cid,
        title=_text(_require(data, "title", where), where),
        text=_text(_require(data, "text", where), where),
        set_ids=_texts(data.get("set_ids", ()), where),
        fields=_fields(data.get("fields", ()), where),
        check=_check(data.get("check"), where),
        source=plugin,
    )


def eligibility_fingerprint(check: EligibilityCheck) -> str:
    """Like :meth:`Criterion.fingerprint` for an eligibility condition: changes when the plugin changes it."""
    fn = check.check
    payload = {
        "title": check.title,
        "text": check.text,
        "fields": [f.to_data() for f in check.fields],
        "check": check_identity(fn),
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]
