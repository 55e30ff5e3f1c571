"""Input fields: reading what the thư ký types, showing a value, and running a check on the inputs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..folding import fold
from ..vnformat import format_date, format_number, parse_date
from .suggestions import Check, Suggestion


class FieldValueError(ValueError):
    """A value typed into an input field cannot be read. The message is Vietnamese, for the user."""


FIELD_TYPES: dict[str, str] = {
    "integer": "số nguyên",
    "choice": "lựa chọn",
    "yesno": "có/không",
    "date": "ngày (dd/mm/yyyy)",
    "text": "văn bản",
}

_YES = {"co", "c", "yes", "y", "true", "1", "x", "dung", "d"}
_NO = {"khong", "k", "no", "n", "false", "0", "sai", "s"}
_GROUPED_INTEGER = re.compile(r"-?\d{1,3}(\.\d{3})+")


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
            return self._parse_integer(text)
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
            except ValueError as exc:  # the form, or a day that does not exist (31/02)
                raise FieldValueError(f"“{self.label}”: {exc}") from None
        if self.type == "choice":
            return self._parse_choice(text)
        return text

    def _parse_integer(self, text: str) -> int:
        compact = text.replace(" ", "").replace(".", "") if _GROUPED_INTEGER.fullmatch(text) else text
        if not re.fullmatch(r"[-+]?\d+", compact):
            raise FieldValueError(f"“{self.label}” cần một số nguyên, không phải “{text}”.")
        value = int(compact)
        if self.minimum is not None and value < self.minimum:
            raise FieldValueError(f"“{self.label}” phải từ {self.minimum} trở lên (đã nhập {value}).")
        return value

    def _parse_choice(self, text: str) -> str:
        """The choice ``text`` names: the whole choice, or (two letters or more) the start of one of its
        words and what follows, folded ("xu" → "Xuất sắc", "tien tien" → "Tập thể lao động tiên tiến",
        "tốt" → "Hoàn thành tốt nhiệm vụ"). Matching several choices is refused, naming them."""
        key = " ".join(fold(text).split())
        for choice in self.choices:
            if fold(choice) == key:
                return choice
        found = [c for c in self.choices if len(key) >= 2 and _words_start_with(fold(c), key)]
        if len(found) == 1:
            return found[0]
        if found:
            raise FieldValueError(f"“{self.label}”: “{text}” khớp nhiều lựa chọn ({'; '.join(found)}); "
                                  "gõ thêm cho rõ.")
        raise FieldValueError(f"“{self.label}” chỉ nhận: {', '.join(self.choices)} (đã nhập “{text}”).")

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
            return format_number(value) + (f" {self.unit}" if self.unit else "")
        return str(value)

    def to_data(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"choices": list(self.choices)}


def _words_start_with(choice: str, key: str) -> bool:
    """Whether ``key`` is how ``choice`` reads from the start of one of its words (both folded)."""
    words = choice.split()
    return any(" ".join(words[i:]).startswith(key) for i in range(len(words)))


#: The keys a field's data may have (its dataclass fields).
FIELD_KEYS = frozenset(f.name for f in dataclasses.fields(Field))


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


def accepts_year(check: Callable[..., Any]) -> bool:
    """Whether a check takes the ``year`` keyword (by name, or through ``**kwargs``)."""
    try:
        params = inspect.signature(check).parameters
    except (TypeError, ValueError):
        return False
    return "year" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


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
        result = check(values, year=year) if accepts_year(check) else check(values)
    except Exception as exc:
        return Suggestion.chua_du(f"hàm kiểm tra của plugin lỗi ({type(exc).__name__}: {exc})")
    if not isinstance(result, Suggestion):
        return Suggestion.chua_du(f"hàm kiểm tra của plugin trả về {type(result).__name__}, không phải Suggestion")
    return result
