"""Validation of what plugins return: dicts or model objects in, checked model objects out.

Every function raises :class:`PluginDataError` with a Vietnamese reason that names the offending
set, criterion or field (``where``), so the loader can report it against the plugin and go on. The
small helpers (:func:`as_mapping`, :func:`require`, :func:`clean_text`, …) are public because the
registry validates amendments, targets and deadlines with them too.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ..labels import UNIT_KINDS, unit_kind_label
from .fields import FIELD_KEYS, FIELD_TYPES, Field
from .model import CriteriaSet, Criterion, Deadline, EligibilityCheck, Group, Target
from .suggestions import Check


class PluginDataError(ValueError):
    """Data returned by a plugin does not fit the contract. The message is Vietnamese, for the user."""


#: What an id (of a set, a field) may look like: lower-case ASCII, digits and "_", starting with a letter.
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def require(data: Mapping[str, Any], key: str, where: str) -> Any:
    """``data[key]``, which must be there and not empty."""
    if key not in data or data[key] is None or data[key] == "":
        raise PluginDataError(f"{where}: thiếu “{key}”")
    return data[key]


def as_mapping(obj: Any, where: str) -> Mapping[str, Any]:
    """A dataclass instance or a mapping, as a mapping of its fields."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return obj
    raise PluginDataError(f"{where}: cần một đối tượng hoặc dict, không phải {type(obj).__name__}")


def clean_text(value: Any, where: str) -> str:
    """A string, stripped and in NFC."""
    if not isinstance(value, str):
        raise PluginDataError(f"{where}: cần chuỗi văn bản, không phải {type(value).__name__}")
    return unicodedata.normalize("NFC", value.strip())


def clean_texts(value: Any, where: str) -> tuple[str, ...]:
    """A list of strings (not a single string), each as :func:`clean_text` makes it."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise PluginDataError(f"{where}: cần một danh sách chuỗi")
    return tuple(clean_text(v, where) for v in value)


def unit_kinds_from_data(value: Any, where: str) -> tuple[str, ...]:
    """A list of unit kind ids, each one of :data:`antq_tui.labels.UNIT_KINDS`."""
    kinds = clean_texts(value, where)
    for kind in kinds:
        if kind not in UNIT_KINDS:
            raise PluginDataError(f"{where}: loại đơn vị “{kind}” không hợp lệ (chọn: {', '.join(UNIT_KINDS)})")
    return kinds


def numbers_text(numbers: Iterable[int]) -> str:
    """``"1–34, 40"``: criterion numbers as runs, for a message that lists the valid ones."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs) or "không có"


def group_from_data(obj: Any, where: str) -> Group:
    data = as_mapping(obj, where)
    return Group(id=clean_text(require(data, "id", where), where),
                 title=clean_text(require(data, "title", where), where))


def field_from_data(obj: Any, where: str) -> Field:
    data = as_mapping(obj, where)
    fid = require(data, "id", where)
    where = f"{where}, trường “{fid}”"
    if not isinstance(fid, str) or not ID_RE.match(fid):
        raise PluginDataError(f"{where}: id chỉ gồm chữ thường không dấu, số và “_”")
    ftype = data.get("type", "integer")
    if ftype not in FIELD_TYPES:
        raise PluginDataError(f"{where}: kiểu “{ftype}” không hợp lệ (chọn: {', '.join(FIELD_TYPES)})")
    choices = clean_texts(data.get("choices", ()), where)
    if ftype == "choice" and not choices:
        raise PluginDataError(f"{where}: trường lựa chọn cần danh sách “choices”")
    unknown = set(data) - FIELD_KEYS
    if unknown:
        raise PluginDataError(f"{where}: khóa không biết: {', '.join(sorted(unknown))} "
                              f"(các khóa: {', '.join(f.name for f in dataclasses.fields(Field))})")
    return Field(
        id=fid,
        label=clean_text(require(data, "label", where), where),
        type=ftype,
        choices=choices,
        unit=clean_text(data.get("unit", ""), where),
        minimum=data.get("minimum", 0),
        help=clean_text(data.get("help", ""), where),
        required=bool(data.get("required", True)),
    )


def fields_from_data(value: Any, where: str) -> tuple[Field, ...]:
    """A list of fields with distinct ids (None or empty: no fields)."""
    fields = tuple(field_from_data(f, where) for f in (value or ()))
    seen: set[str] = set()
    for f in fields:
        if f.id in seen:
            raise PluginDataError(f"{where}: trường “{f.id}” bị trùng")
        seen.add(f.id)
    return fields


def check_from_data(value: Any, where: str) -> Check | None:
    """A check: a callable, or None."""
    if value is not None and not callable(value):
        raise PluginDataError(f"{where}: “check” phải là một hàm, không phải {type(value).__name__}")
    return value


#: what a fingerprint looks like (``antq criteria SET --json`` prints each criterion's)
FINGERPRINT_RE = re.compile(r"^[0-9a-f]{16}$")


def fixes_from_data(value: Any, where: str) -> tuple[str, ...]:
    """The ``fixes`` of a criterion or an amendment: fingerprints of the versions it corrects."""
    fixes = clean_texts(value or (), where)
    for fp in fixes:
        if not FINGERPRINT_RE.match(fp):
            raise PluginDataError(f"{where}: “fixes” cần các dấu vân tay 16 ký tự 0-9a-f (xem “fingerprint” trong "
                                  f"antq criteria BỘ --json), không phải “{fp}”")
    return fixes


def criterion_from_data(obj: Any, where: str, *, source: str = "") -> Criterion:
    data = as_mapping(obj, where)
    number = require(data, "number", where)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise PluginDataError(f"{where}: số tiêu chí phải là số nguyên dương, không phải {number!r}")
    where = f"{where}, tiêu chí {number}"
    evidence = clean_texts(data.get("evidence", ()), where)
    if not evidence:
        raise PluginDataError(f"{where}: thiếu “evidence” (hồ sơ, tài liệu cần kiểm chứng)")
    fields = fields_from_data(data.get("fields", ()), where)
    return Criterion(
        number=number,
        group=clean_text(require(data, "group", where), where),
        text=clean_text(require(data, "text", where), where),
        evidence=evidence,
        fields=fields,
        check=check_from_data(data.get("check"), where),
        note=clean_text(data.get("note", "") or "", where),
        source=source,
        fixes=fixes_from_data(data.get("fixes"), where),
    )


def criteria_set_from_data(obj: Any, *, plugin: str) -> CriteriaSet:
    """Validate and normalise a criteria set returned by ``antq_criteria_sets``."""
    where = f"Bộ tiêu chí của plugin “{plugin}”"
    data = as_mapping(obj, where)
    set_id = require(data, "id", where)
    if not isinstance(set_id, str) or not ID_RE.match(set_id):
        raise PluginDataError(f"{where}: id “{set_id}” chỉ gồm chữ thường không dấu, số và “_”")
    where = f"Bộ tiêu chí “{set_id}” (plugin “{plugin}”)"
    unit_kinds = unit_kinds_from_data(require(data, "unit_kinds", where), where)
    groups = [group_from_data(g, where) for g in require(data, "groups", where)]
    group_ids = [g.id for g in groups]
    twice = sorted({g for g in group_ids if group_ids.count(g) > 1})
    if twice:
        raise PluginDataError(f"{where}: nhóm bị trùng id: {', '.join(twice)}")
    criteria = [criterion_from_data(c, where, source=plugin) for c in require(data, "criteria", where)]
    seen: set[int] = set()
    for c in criteria:
        if c.number in seen:
            raise PluginDataError(f"{where}: tiêu chí {c.number} bị trùng số")
        seen.add(c.number)
        if c.group not in group_ids:
            raise PluginDataError(f"{where}, tiêu chí {c.number}: nhóm “{c.group}” không có trong bộ "
                                  f"(các nhóm: {', '.join(group_ids)})")
    legal_basis = clean_texts(require(data, "legal_basis", where), where)
    subject = data.get("subject", "") or ", ".join(unit_kind_label(k).lower() for k in unit_kinds)
    return CriteriaSet(
        id=set_id,
        title=clean_text(require(data, "title", where), where),
        version=clean_text(str(require(data, "version", where)), where),
        legal_basis=legal_basis,
        unit_kinds=unit_kinds,
        groups=tuple(groups),
        criteria=tuple(criteria),
        subject=clean_text(subject, where),
        plugin=plugin,
    )


def eligibility_from_data(obj: Any, *, plugin: str, known_sets: Iterable[str] | None = None) -> EligibilityCheck:
    """Validate and normalise an eligibility condition returned by ``antq_eligibility_checks``.

    :param known_sets: the ids of the sets loaded; a ``set_ids`` naming another is refused.
    """
    where = f"Điều kiện của plugin “{plugin}”"
    data = as_mapping(obj, where)
    cid = require(data, "id", where)
    where = f"Điều kiện “{cid}” (plugin “{plugin}”)"
    set_ids = clean_texts(data.get("set_ids", ()), where)
    if known_sets is not None:
        known = sorted(known_sets)
        unknown = [s for s in set_ids if s not in known]
        if unknown:
            raise PluginDataError(f"{where}: không có bộ tiêu chí {', '.join(f'“{s}”' for s in unknown)} "
                                  f"(các bộ: {', '.join(known) or 'chưa có bộ nào'})")
    return EligibilityCheck(
        id=cid,
        title=clean_text(require(data, "title", where), where),
        text=clean_text(require(data, "text", where), where),
        set_ids=set_ids,
        fields=fields_from_data(data.get("fields", ()), where),
        check=check_from_data(data.get("check"), where),
        source=plugin,
        fixes=fixes_from_data(data.get("fixes"), where),
    )


def _plain_from_data(cls: type, obj: Any, plugin: str, what: str) -> tuple[dict[str, Any], str]:
    """The data of a target or a deadline, with ``source`` filled in, its keys checked against
    ``cls``, and the ``where`` that names it by id."""
    where = f"{what} của plugin “{plugin}”"
    data = dict(as_mapping(obj, where))
    item_id = data.get("id")
    if item_id:
        where = f"{what} “{item_id}” của plugin “{plugin}”"
    names = [f.name for f in dataclasses.fields(cls) if f.name != "source"]
    unknown = sorted(set(data) - set(names) - {"source"})
    if unknown:
        raise PluginDataError(f"{where}: khóa không biết: {', '.join(unknown)} (các khóa: {', '.join(names)})")
    required = [f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    for key in required:
        require(data, key, where)
    for key in ("year", "month", "day"):
        if data.get(key) is not None and (not isinstance(data[key], int) or isinstance(data[key], bool)):
            raise PluginDataError(f"{where}: “{key}” phải là số nguyên, không phải {data[key]!r}")
    data["id"] = clean_text(data["id"], where)
    data["title"] = clean_text(data["title"], where)
    data["source"] = plugin
    return data, where


def target_from_data(obj: Any, *, plugin: str) -> Target:
    """Validate and normalise a target returned by ``antq_targets`` (a share or a count of units)."""
    data, where = _plain_from_data(Target, obj, plugin, "Chỉ tiêu")
    if "unit_names" in data:
        data["unit_names"] = clean_texts(data["unit_names"], f"{where}, “unit_names”")
    if "unit_kinds" in data:
        data["unit_kinds"] = unit_kinds_from_data(data["unit_kinds"], f"{where}, “unit_kinds”")
    percent = data.get("percent")
    if percent is not None and (isinstance(percent, bool) or not isinstance(percent, (int, float))
                                or not 0 <= percent <= 100):
        raise PluginDataError(f"{where}: “percent” phải là một số từ 0 đến 100, không phải {percent!r}")
    try:
        target = Target(**data)
    except TypeError as exc:
        raise PluginDataError(f"{where}: dữ liệu không đúng kiểu ({type(exc).__name__})") from None
    problem = target.problem()  # the model's own rule (share or count, per, counts)
    if problem:
        raise PluginDataError(f"{where}: {problem}")
    return target


def deadline_from_data(obj: Any, *, plugin: str) -> Deadline:
    """Validate and normalise a deadline returned by ``antq_calendar``: yearly on dd/mm (29/02 is fine:
    it falls on 28/02 in a common year; 31/04 never is) or once, on a full date; the work it gates."""
    data, where = _plain_from_data(Deadline, obj, plugin, "Mốc thời gian")
    if not data.get("date"):
        month, day = data.get("month", 0), data.get("day", 0)
        if not 1 <= month <= 12:
            raise PluginDataError(f"{where}: tháng (“month”) phải từ 1 đến 12, không phải {month}")
        import calendar  # only when a plugin gives deadlines

        last = calendar.monthrange(2024, month)[1]  # a leap year: 29/02 exists
        if not 1 <= day <= last:
            raise PluginDataError(f"{where}: ngày (“day”) của tháng {month} phải từ 1 đến {last}, không phải {day}")
    try:
        deadline = Deadline(**data)
    except TypeError as exc:
        raise PluginDataError(f"{where}: dữ liệu không đúng kiểu ({type(exc).__name__})") from None
    problem = deadline.problem()  # a one-off date that does not exist, an unknown gate: named by its id
    if problem:
        raise PluginDataError(f"{where}: {problem}")
    return deadline
