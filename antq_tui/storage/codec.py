"""The row codec: Python values to the columns the store writes, and rows back to records.

The JSON columns come from :mod:`.schema` (one description of every table); the store's
repositories, ``antq verify`` and the bundle merge encode and decode rows only through here.
Also the value rules every write applies first: years, dates, times, verdicts, members.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import json.encoder
import json.scanner
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config import Member
from ..criteria import (
    CriteriaSet,
    Criterion,
    EligibilityCheck,
    Field,
    FieldValueError,
    Suggestion,
    Verdict,
)
from ..folding import nfc
from ..inspection import Answer, EvidenceSeen, Unit
from ..text import LINE_MAX_CHARS, REMARK_MAX_CHARS, SUMMARY_MAX_CHARS, text_problem
from ..vnformat import parse_date, parse_time
from .errors import InvalidValueError, NotFoundError
from .records import ANSWER_COLUMNS, InspectionRow
from .schema import json_columns

if TYPE_CHECKING:
    from ..registry import Registry

ANSWER_JSON = json_columns("answers")
ELIGIBILITY_JSON = json_columns("eligibility_answers")
INSPECTION_JSON = json_columns("inspections")


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: "leave as it is" for keyword arguments where None means "clear"
UNSET: Any = _Unset()

#: the inspection fields :meth:`Store.update_inspection` accepts
INSPECTION_FIELDS = (
    "year",
    "visit_date",
    "place",
    "start_time",
    "end_time",
    "team",
    "representatives",
    "strengths",
    "shortcomings",
    "recommendations",
    "conclusion",
    "minutes_number",
)

#: the columns of an inspection recorded in its ``inspection.finalize`` log entry (checked by verify)
FINALIZED_COLUMNS = ("unit_id", "unit_name", "unit_kind", "unit_district", "unit_province", "year", "set_id",
                     "set_version", "snapshot_sha256", "criteria_total", "assessed")


def now() -> dt.datetime:
    """The local time, with its UTC offset, to the millisecond: what every saved row records."""
    t = dt.datetime.now().astimezone()
    return t.replace(microsecond=t.microsecond // 1000 * 1000)


def ts(value: dt.datetime) -> str:
    return value.isoformat(timespec="milliseconds")


def parse_ts(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def new_id() -> str:
    """A new UUID for a unit or an inspection."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Snapshot:
    criteria: CriteriaSet
    eligibility: tuple[EligibilityCheck, ...]
    plugins: dict[str, str]
    fingerprints: dict[int, str]
    eligibility_fingerprints: dict[str, str]
    sha256: str

    def criterion(self, number: int) -> Criterion:
        try:
            return self.criteria.criterion(number)
        except KeyError:
            raise NotFoundError(f"Bộ tiêu chí của cuộc kiểm tra này không có tiêu chí {number}.") from None

    def check(self, check_id: str) -> EligibilityCheck:
        for c in self.eligibility:
            if c.id == check_id:
                return c
        raise NotFoundError(f"Cuộc kiểm tra này không có điều kiện “{check_id}”.")


def snapshot_hash(criteria: str, eligibility: str, plugins: str, fingerprints: str) -> str:
    """The key of a snapshot: sha256 over its four JSON texts, joined by newlines."""
    return hashlib.sha256(f"{criteria}\n{eligibility}\n{plugins}\n{fingerprints}".encode()).hexdigest()


#: json's C scanner: (value, end) of the value at an index of a text, without json.loads' Python wrapper
#: (which skips white space with a regular expression): a million small values read in half the time.
#: Raises StopIteration (or ValueError) where json.loads would raise.
_SCAN: Callable[[str, int], tuple[Any, int]] = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


def dumps_with(*, sort_keys: bool = False, separators: tuple[str, str] = (", ", ": "),
               default: Callable[[Any], Any] | None = None) -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, sort_keys=…, separators=…, default=…)`` made once, for the
    loops that dump a value per row: json's C encoder built a single time (``json.dumps`` with any
    argument, and ``JSONEncoder.encode``, build one on every call: a third of the audit chain's time)
    and without the check for cycles, which rows and states never hold; json's Python encoder where
    the C one is missing. The same text as ``json.dumps``, byte for byte."""
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys, separators=separators, default=default)
    make = json.encoder.c_make_encoder  # type: ignore[attr-defined]
    if make is None:
        return encoder.encode
    item_separator, key_separator = separators
    encode = make(None, encoder.default, json.encoder.encode_basestring, None, key_separator, item_separator,
                  sort_keys, False, True)

    def dumps(value: Any) -> str:
        return "".join(encode(value, 0))

    return dumps


def loads(text: str) -> Any:
    """``json.loads(text)`` for a text, faster where the text is one value with no white space around."""
    try:
        value, end = _SCAN(text, 0)
    except (StopIteration, ValueError, TypeError):  # json.loads raises (or reads bytes) as it always did
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


class JsonCache:
    """:func:`loads` that reads each text once while it is kept: verify compares hundreds of thousands of
    values of which many are the same text (an empty object, a verdict, an untouched evidence list).
    Holds at most ``limit`` texts (then starts again); the values are shared, so never change one."""

    def __init__(self, limit: int = 5_000) -> None:
        self.limit = limit
        self._values: dict[str, Any] = {}

    def loads(self, text: str) -> Any:
        try:
            return self._values[text]
        except KeyError:
            pass
        except TypeError:  # not a text (a blob): as json.loads reads it
            return loads(text)
        value = loads(text)
        if len(self._values) >= self.limit:
            self._values.clear()
        self._values[text] = value
        return value


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


#: the inspection texts that may hold several lines: the summary, printed full width (SUMMARY_MAX_CHARS)
MULTILINE_FIELDS = ("strengths", "shortcomings", "recommendations", "conclusion")
SUMMARY_LIMIT = SUMMARY_MAX_CHARS


def text_value(value: Any, what: str, *, multiline: bool = False, limit: int | None = None,
               field_id: str = "") -> str:
    """Text typed by a person (or imported) as the store keeps it: NFC, and only if it passes the rules
    of :mod:`antq_tui.text` (no control characters; at most ``limit`` characters, by default
    ``LINE_MAX_CHARS`` for a line and ``REMARK_MAX_CHARS`` for a multi-line text).

    :raises InvalidValueError: "<what>: <reason>", in Vietnamese; nothing is saved.
    """
    text = nfc(str(value or ""))
    limit = limit if limit is not None else (REMARK_MAX_CHARS if multiline else LINE_MAX_CHARS)
    problem = text_problem(text, multiline=multiline, limit=limit)
    if problem:
        raise InvalidValueError(f"{what}: {problem}", field_id)
    return text


_MEMBER_LABELS = {"name": "Họ tên", "rank": "Cấp bậc", "position": "Chức vụ", "role": "Vai trò"}


def member_json(m: Member | Mapping[str, Any]) -> dict[str, str]:
    if isinstance(m, Member):
        data = dataclasses.asdict(m)
    elif isinstance(m, Mapping):
        data = {k: m.get(k, "") for k in ("name", "rank", "position", "role")}
        data["role"] = data["role"] or "thanh_vien"
    else:
        raise InvalidValueError(f"Thành viên không hợp lệ: {m!r}")
    return {k: text_value(v, _MEMBER_LABELS.get(k, k)) for k, v in data.items()}


def members(data: Any) -> list[Member]:
    return [Member(**m) for m in (data or [])]


def evidence_json(e: EvidenceSeen) -> dict[str, Any]:
    return {"item": e.item, "seen": e.seen, "number": e.number, "date": e.date.isoformat() if e.date else None,
            "note": e.note}


def evidence_from_json(data: Mapping[str, Any]) -> EvidenceSeen:
    return EvidenceSeen(
        item=data.get("item", ""),
        seen=bool(data.get("seen")),
        number=data.get("number", "") or "",
        date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        note=data.get("note", "") or "",
    )


def inputs_json(fields: Iterable[Field], values: Mapping[str, Any]) -> dict[str, Any]:
    by_id = {f.id: f for f in fields}
    return {k: (by_id[k].to_json(v) if k in by_id else v) for k, v in sorted(values.items()) if v is not None}


def inputs_from_json(fields: Iterable[Field], data: Mapping[str, Any]) -> dict[str, Any]:
    by_id = {f.id: f for f in fields}
    return {k: (by_id[k].from_json(v) if k in by_id else v) for k, v in data.items()}


def verdict_value(value: Verdict | str | None, what: str) -> str | None:
    try:
        verdict = Verdict.parse(value)
    except ValueError as exc:
        raise InvalidValueError(str(exc)) from None
    if verdict == Verdict.CHUA_DU:
        raise InvalidValueError(f"{what} chỉ là “Đạt” hoặc “Không đạt”.")
    return verdict.value if verdict else None


def time_value(text: str | None) -> str:
    """A time of day as :func:`antq_tui.vnformat.parse_time` reads it ("8h30" → "08:30"; "" stays "").

    Raises :class:`InvalidValueError` (with vnformat's message) for anything else.
    """
    try:
        return parse_time(text)
    except ValueError as exc:
        raise InvalidValueError(str(exc)) from None


def date_value(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value))
    except ValueError as exc:  # parse_date says what: the form, or a day that does not exist
        raise InvalidValueError(f"{what} không hợp lệ: {exc}") from None



ANSWER_COLUMN_SET = set(ANSWER_COLUMNS)


def year_value(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidValueError(f"Năm không hợp lệ: “{value}”.", "year") from None
    if not 2000 <= year <= 2100:
        raise InvalidValueError(f"Năm không hợp lệ: {year}.", "year")
    return year


def unit_from_row(row: Mapping[str, Any]) -> Unit:
    return Unit(id=row["id"], name=row["name"], kind=row["kind"], district=row["district"], province=row["province"])


ROW_COLUMNS = ("id, unit_id, unit_name, unit_kind, unit_district, unit_province, year, set_id, status, visit_date,"
                " assessed, criteria_total, minutes_number, origin, created_at, updated_at, finalized_at")


def inspection_row_from(r: Sequence[Any]) -> InspectionRow:
    """An :class:`InspectionRow` from a tuple of :data:`ROW_COLUMNS`."""
    visit_date, finalized_at = r[9], r[16]
    return InspectionRow(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
        dt.date.fromisoformat(visit_date) if visit_date else None,
        r[10], r[11], r[12], r[13], dt.datetime.fromisoformat(r[14]), dt.datetime.fromisoformat(r[15]),
        dt.datetime.fromisoformat(finalized_at) if finalized_at else None,
    )


def decode(row: Mapping[str, Any], json_keys: Iterable[str]) -> dict[str, Any]:
    return {k: (loads(v) if k in json_keys and v is not None else v) for k, v in row.items()}


def default_answer(criterion: Criterion) -> dict[str, Any]:
    """An answer row before anything was recorded (decoded form)."""
    return {
        "self_assessment": None,
        "verdict": None,
        "inputs": {},
        "suggestion": None,
        "evidence": [evidence_json(EvidenceSeen(item=e)) for e in criterion.evidence],
        "remark": "",
    }




def answer_from_row(row: Mapping[str, Any], fields: tuple[Field, ...]) -> Answer:
    return Answer(
        number=row["number"],
        self_assessment=Verdict.parse(row["self_assessment"]),
        verdict=Verdict.parse(row["verdict"]),
        inputs=inputs_from_json(fields, loads(row["inputs"])),
        suggestion=Suggestion.from_json(loads(row["suggestion"])) if row["suggestion"] else None,
        evidence=[evidence_from_json(e) for e in loads(row["evidence"])],
        remark=row["remark"],
        updated_at=parse_ts(row["updated_at"]),
        updated_by=row["updated_by"],
    )


def plugin_versions(cset: CriteriaSet, checks: Iterable[EligibilityCheck], registry: Registry | None) -> dict[str, str]:
    names = {cset.plugin} | {c.source for c in cset.criteria} | {p for c in cset.criteria for p in c.amended_by}
    names |= {c.source for c in checks}
    names.discard("")
    versions = {p.name: p.version for p in registry.plugins} if registry is not None else {}
    return {name: versions.get(name, "") for name in sorted(names)}


def field_at_fault(fields: Iterable[Field], raw: Mapping[str, Any], message: str) -> str:
    for f in fields:
        if f.id in raw and f"“{f.label}”" in message:
            return f.id
    return ""



def encode(values: Mapping[str, Any], json_keys: Iterable[str]) -> dict[str, Any]:
    """The column values of a decoded row: JSON columns (not None) as text, the others as they are."""
    keys = set(json_keys)
    return {k: (dumps(v) if k in keys and v is not None else v) for k, v in values.items()}


def merge_inputs(item: Criterion | EligibilityCheck, raw: Mapping[str, Any],
                 stored: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Figures typed for a criterion or condition (``raw``: text as typed or values) merged into the
    ``stored`` JSON: only the given fields change, an empty one is cleared.

    :returns: the merged values (for its check) and their JSON (for the row).
    :raises InvalidValueError: naming the field, when a value cannot be read.
    """
    try:
        parsed = item.parse_inputs(raw)
    except FieldValueError as exc:
        raise InvalidValueError(str(exc), field_at_fault(item.fields, raw, str(exc))) from None
    except KeyError as exc:
        raise InvalidValueError(str(exc.args[0])) from None
    for f in item.fields:
        if isinstance(parsed.get(f.id), str):
            parsed[f.id] = text_value(parsed[f.id], f"“{f.label}”", multiline=True, field_id=f.id)
    values = inputs_from_json(item.fields, stored)
    values.update(parsed)
    values = {k: v for k, v in values.items() if v is not None}
    return values, inputs_json(item.fields, values)

