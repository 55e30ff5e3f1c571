"""The rows of a bundle checked value by value before the database is touched.

A bundle's checksums only prove the file is the one that was written; whoever wrote it may not be
antq. Every row the import would insert must be one the store itself could have written, or it
would crash ``antq list`` and ``get_inspection`` later (a "32/13/2023" visit date, inputs that are not
JSON, a status "weird"). :func:`check_shape` runs first (tables are lists of rows, required columns
present with the right types) so the id and hash checks can read them; :func:`check_values` then
checks what the store would decode: dates, times, JSON columns, enums, the snapshots (they must
rebuild with :meth:`CriteriaSet.from_snapshot`), the answers against their snapshot's criteria, and
the counts kept on each inspection.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import Any

from ..config import Member
from ..criteria import UNIT_KINDS, CriteriaSet, EligibilityCheck, Suggestion, Verdict
from ..inspection import STATUS_DRAFT, STATUS_FINALIZED
from ..storage.schema import TABLES, Column

#: the tables a bundle holds (kept in step with :data:`antq_tui.exchange.bundle.TABLES`)
_LABELS = {
    "units": "đơn vị",
    "snapshots": "bộ tiêu chí đã chụp",
    "inspections": "cuộc kiểm tra",
    "answers": "câu trả lời",
    "eligibility_answers": "điều kiện",
    "attachments": "tệp đính kèm",
    "exports": "biên bản đã xuất",
    "audit": "dòng nhật ký",
    "recognitions": "quyết định công nhận",
    "award_proposals": "đề nghị khen thưởng",
    "eligibility_cases": "trường hợp trong danh sách",
}

_STATUSES = (STATUS_DRAFT, STATUS_FINALIZED)
_VERDICTS = (Verdict.DAT.value, Verdict.KHONG_DAT.value)


class RowError(ValueError):
    """One value of one row is wrong; ``str(exc)`` is Vietnamese."""


# --------------------------------------------------------------------------------------------------
# value kinds: each returns None when the value is fine, or a Vietnamese reason


def _str(v: Any) -> str | None:
    return None if isinstance(v, str) else "phải là văn bản"


def _nonempty(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else "không được để trống"


def _int(v: Any) -> str | None:
    return None if isinstance(v, int) and not isinstance(v, bool) else "phải là số nguyên"


def _count(v: Any) -> str | None:
    return _int(v) or (None if v >= 0 else "không được âm")


def _year(v: Any) -> str | None:
    return _int(v) or (None if 2000 <= v <= 2100 else "phải từ 2000 đến 2100")


def _date(v: Any) -> str | None:
    if not isinstance(v, str):
        return "phải là ngày dạng yyyy-mm-dd"
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return "không phải ngày hợp lệ (yyyy-mm-dd)"
    return None


def _timestamp(v: Any) -> str | None:
    if not isinstance(v, str):
        return "phải là thời điểm (ISO 8601)"
    try:
        dt.datetime.fromisoformat(v)
    except ValueError:
        return "không phải thời điểm hợp lệ (ISO 8601)"
    return None


def _time(v: Any) -> str | None:
    if not isinstance(v, str):
        return "phải là giờ dạng HH:MM"
    if v == "":
        return None
    try:
        dt.time.fromisoformat(v)
    except ValueError:
        return "không phải giờ hợp lệ (HH:MM)"
    return None


def _one_of(*allowed: str) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        return None if v in allowed else f"phải là một trong: {', '.join(allowed)}"
    _BULK[check] = lambda values: _only(values, str) and set(values) <= set(allowed)
    return check


def _json(kind: type | tuple[type, ...]) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        if not isinstance(v, str):
            return "phải là văn bản JSON"
        try:
            value = json.loads(v)
        except ValueError:
            return "không phải JSON hợp lệ"
        except RecursionError:  # json's own guard, deeper than Python recurses: never a traceback
            return "lồng nhau quá sâu"
        return None if isinstance(value, kind) else "JSON không đúng dạng"
    kinds = kind if isinstance(kind, tuple) else (kind,)

    def bulk(values: list[Any]) -> bool:
        if not _only(values, str):
            return False
        decoded = map(json.loads, set(values))
        return _parse_all(lambda v: v, decoded) if object in kinds else _only(list(decoded), *kinds)
    _BULK[check] = bulk
    return check


def _optional(check: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    def optional(v: Any) -> str | None:
        return None if v is None else check(v)
    inner = _bulk(check)
    _BULK[optional] = lambda values: inner([v for v in values if v is not None])
    return optional


# --------------------------------------------------------------------------------------------------
# the same checks over a whole column at once: True only when the check above passes every value
# (False, or ValueError/TypeError, says only "look row by row": check_shape then finds the row and
# its message as before). In C loops (map, set, min), each JSON text decoded once however often it
# repeats: a bundle's columns are mostly the same few types and texts.

_BULK: dict[Callable[[Any], str | None], Callable[[list[Any]], bool]] = {}


def _bulk(check: Callable[[Any], str | None]) -> Callable[[list[Any]], bool]:
    return _BULK.get(check) or (lambda values: all(check(v) is None for v in values))


def _only(values: list[Any], *types: type) -> bool:
    """Every value of exactly these types (what json.loads makes: no subclass, a bool is no int)."""
    return set(map(type, values)) <= set(types)


def _parse_all(parse: Callable[[str], Any], values: Iterable[str]) -> bool:
    deque(map(parse, values), maxlen=0)  # ValueError on the first that does not parse
    return True


_BULK.update({
    _str: lambda values: _only(values, str),
    _nonempty: lambda values: _only(values, str) and all(map(str.strip, values)),
    _int: lambda values: _only(values, int),
    _count: lambda values: _only(values, int) and min(values, default=0) >= 0,
    _year: lambda values: _only(values, int) and min(values, default=2000) >= 2000 and max(values, default=2000) <= 2100,
    _date: lambda values: _only(values, str) and _parse_all(dt.date.fromisoformat, set(values)),
    _timestamp: lambda values: _only(values, str) and _parse_all(dt.datetime.fromisoformat, set(values)),
    _time: lambda values: _only(values, str) and _parse_all(dt.time.fromisoformat, set(values) - {""}),
})


#: checks stricter than a column's type (from :data:`antq_tui.storage.schema.TABLES`)
_STRICTER: dict[tuple[str, str], Callable[[Any], str | None]] = {
    ("units", "name"): _nonempty, ("units", "kind"): _one_of(*UNIT_KINDS),
    ("inspections", "unit_name"): _nonempty, ("inspections", "unit_kind"): _one_of(*UNIT_KINDS),
    ("inspections", "year"): _year, ("inspections", "set_id"): _nonempty,
    ("inspections", "status"): _one_of(*_STATUSES), ("inspections", "criteria_total"): _count,
    ("inspections", "assessed"): _count, ("inspections", "visit_date"): _date,
    ("inspections", "start_time"): _time, ("inspections", "end_time"): _time,
    ("answers", "self_assessment"): _one_of(*_VERDICTS), ("answers", "verdict"): _one_of(*_VERDICTS),
    ("answers", "suggestion"): _json((dict, type(None))),
    ("eligibility_answers", "check_id"): _nonempty, ("eligibility_answers", "decision"): _one_of(*_VERDICTS),
    ("eligibility_answers", "suggestion"): _json((dict, type(None))),
    ("attachments", "name"): _nonempty, ("attachments", "size"): _count,
    ("exports", "size"): _count, ("exports", "status"): _one_of(*_STATUSES),
    ("recognitions", "kind"): _one_of("moi", "duy_tri"), ("recognitions", "decision_number"): _nonempty,
    ("recognitions", "decision_date"): _date, ("recognitions", "issued_by"): _nonempty,
    ("award_proposals", "year"): _year, ("award_proposals", "award"): _nonempty,
    ("award_proposals", "proposal_date"): _date,
}
#: columns the import derives itself (never taken from the file), so a bundle may leave them out
_DERIVED = {("units", "name_folded"), ("units", "search_folded"), ("inspections", "search_folded")}
#: columns with a default in the schema that a bundle must still carry
_ALSO_REQUIRED = {("inspections", "status")}
#: what a bundle row carries besides its table's columns
_EXTRA: dict[str, dict[str, Callable[[Any], str | None]]] = {
    "inspections": {"copy_of": _optional(_str), "copy_reason": _optional(_str)},
    "attachments": {"file": _optional(_str)}, "exports": {"file": _optional(_str)},
}


def _column_check(table: str, column: Column) -> Callable[[Any], str | None]:
    check = _STRICTER.get((table, column.name))
    if check is None:
        if column.json is not None:
            check = _json(column.json)
        elif column.name.endswith("_at"):
            check = _timestamp
        else:
            check = _int if column.sql_type == "INTEGER" else _str
    return check if column.notnull or column.name in TABLES[table].key else _optional(check)


def _specs() -> tuple[dict[str, dict[str, Callable[[Any], str | None]]], dict[str, dict[str, Callable[[Any], str | None]]]]:
    """Per table: the columns a bundle row must have, and those it may have, each with its check."""
    required: dict[str, dict[str, Callable[[Any], str | None]]] = {}
    optional: dict[str, dict[str, Callable[[Any], str | None]]] = {}
    for table in _LABELS:
        if table == "audit":
            continue
        required[table], optional[table] = {}, dict(_EXTRA.get(table, {}))
        for column in TABLES[table].columns:
            must = (column.name in TABLES[table].key or (column.notnull and not column.default)
                    or (table, column.name) in _ALSO_REQUIRED) and (table, column.name) not in _DERIVED
            (required if must else optional)[table][column.name] = _column_check(table, column)
    # an audit row travels with its place in the chain it was first written in, not as stored here
    required["audit"] = {"at": _timestamp, "who": _str, "action": _nonempty, "target": _str,
                         "old": _optional(_json(object)), "new": _optional(_json(object)), "origin": _str,
                         "origin_id": _int, "prev_hash": _str, "hash": _str}
    optional["audit"] = {"inspection_id": _optional(_str), "origin_inspection_id": _optional(_str)}
    return required, optional


#: per table: column → check. Columns the schema gives a default may be absent (an older antq's row).
_REQUIRED, _OPTIONAL = _specs()


def _row_label(table: str, row: Mapping[str, Any]) -> str:
    for key in ("id", "sha256", "origin_id"):
        if isinstance(row.get(key), (str, int)):
            return f"{_LABELS[table]} “{str(row[key])[:40]}”"
    if table in ("answers", "eligibility_answers"):
        return f"{_LABELS[table]} “{row.get('number', row.get('check_id'))}” của cuộc kiểm tra “{str(row.get('inspection_id'))[:40]}”"
    return _LABELS[table]


def check_shape(tables: Mapping[str, Any]) -> None:
    """Each table a list of rows (JSON objects), each required column there with the right type.

    :raises RowError: naming the table, the row and the column.
    """
    for table, required in _REQUIRED.items():
        rows = tables.get(table)
        if not isinstance(rows, list):
            raise RowError(f"bảng {_LABELS[table]} không phải danh sách")
        if _shape_holds(table, rows):
            continue
        optional = _OPTIONAL[table]
        for row in rows:
            if not isinstance(row, dict):
                raise RowError(f"bảng {_LABELS[table]} có dòng không phải bản ghi")
            for column, check in required.items():
                if column not in row:
                    raise RowError(f"{_row_label(table, row)} thiếu cột “{column}”")
                reason = check(row[column])
                if reason:
                    raise RowError(f"{_row_label(table, row)}: cột “{column}” {reason} (đang là “{str(row[column])[:40]}”)")
            for column, check in optional.items():
                if column in row:
                    reason = check(row[column])
                    if reason:
                        raise RowError(
                            f"{_row_label(table, row)}: cột “{column}” {reason} (đang là “{str(row[column])[:40]}”)")


def _shape_holds(table: str, rows: list[Any]) -> bool:
    """Whether every row of ``table`` passes :func:`check_shape`, column by column (see :data:`_BULK`);
    False when one might not."""
    required, optional = _REQUIRED[table], _OPTIONAL[table]
    if not _only(rows, dict):
        return False
    names = required.keys()
    if not all(row.keys() >= names for row in rows):
        return False
    try:
        for column, check in required.items():
            if not _bulk(check)(list(map(itemgetter(column), rows))):
                return False
        for column, check in optional.items():
            if not _bulk(check)([row[column] for row in rows if column in row]):
                return False
    except (ValueError, TypeError, RecursionError):
        return False
    return True


def check_values(tables: Mapping[str, Any]) -> None:
    """What the store would decode from these rows decodes; call after :func:`check_shape` and the
    reference checks (every inspection's snapshot is in the bundle).

    :raises RowError: naming what is wrong.
    """
    keys = {table: TABLES[table].key for table in _LABELS} | {"audit": ("origin", "origin_id")}
    for table, key in keys.items():
        seen = Counter(zip(*(map(itemgetter(k), tables[table]) for k in key), strict=True))
        twice = [k for k, n in seen.items() if n > 1]
        if twice:
            raise RowError(f"bảng {_LABELS[table]} có hai dòng cùng mã “{'/'.join(map(str, twice[0]))[:60]}”")

    sets: dict[str, CriteriaSet] = {}
    for row in tables["snapshots"]:
        label = _row_label("snapshots", row)
        try:
            sets[row["sha256"]] = CriteriaSet.from_snapshot(json.loads(row["criteria"]))
            for e in json.loads(row.get("eligibility", "[]")):
                EligibilityCheck.from_snapshot(e)
            {int(k): v for k, v in json.loads(row.get("fingerprints", "{}")).items()}
        except Exception as exc:
            raise RowError(f"{label} không đọc lại được ({type(exc).__name__})") from None

    inspections = {r["id"]: r for r in tables["inspections"]}
    for row in tables["inspections"]:
        label = _row_label("inspections", row)
        for column in ("team", "representatives"):
            try:
                [Member(**m) for m in json.loads(row.get(column, "[]"))]
            except Exception:
                raise RowError(f"{label}: cột “{column}” không phải danh sách thành viên hợp lệ") from None
        cset = sets[row["snapshot_sha256"]]
        if row["criteria_total"] != len(cset.criteria):
            raise RowError(f"{label}: số tiêu chí ({row['criteria_total']}) khác với bộ tiêu chí đã chụp "
                           f"({len(cset.criteria)})")
        if row["set_id"] != cset.id:
            raise RowError(f"{label}: bộ tiêu chí “{row['set_id']}” khác với bộ đã chụp “{cset.id}”")
        if row["status"] == STATUS_FINALIZED and not row.get("finalized_at"):
            raise RowError(f"{label}: đã hoàn thành nhưng không có thời điểm hoàn thành")

    # a bundle repeats the same texts (the same evidence list, "{}" inputs): each combination that
    # decoded once is not decoded again
    decoded_ok: set[tuple[Any, ...]] = set()
    evidence_ok: set[str] = set()
    assessed: Counter[str] = Counter()
    for row in tables["answers"]:
        sha = inspections[row["inspection_id"]]["snapshot_sha256"]
        try:
            criterion = sets[sha].criterion(row["number"])
        except KeyError:
            raise RowError(f"{_row_label('answers', row)}: bộ tiêu chí đã chụp không có tiêu chí {row['number']}") from None
        _check_decoded("answers", row, criterion.fields, (sha, row["number"]), decoded_ok)
        evidence = row.get("evidence", "[]")
        if evidence not in evidence_ok:
            try:
                for e in json.loads(evidence):
                    if not isinstance(e, dict) or not isinstance(e.get("item", ""), str):
                        raise TypeError
                    if e.get("date"):
                        dt.date.fromisoformat(e["date"])
            except (ValueError, TypeError):
                raise RowError(f"{_row_label('answers', row)}: hồ sơ kiểm chứng không hợp lệ") from None
            evidence_ok.add(evidence)
        if row.get("verdict") is not None:
            assessed[row["inspection_id"]] += 1
    for iid, row in inspections.items():
        if "assessed" in row and row["assessed"] != assessed[iid]:
            raise RowError(f"{_row_label('inspections', row)}: số tiêu chí đã đánh giá ({row['assessed']}) khác với "
                           f"các câu trả lời trong gói ({assessed[iid]})")

    snapshots = {s["sha256"]: s for s in tables["snapshots"]}
    eligibility: dict[str, dict[str, Any]] = {}  # per snapshot, its checks by id
    fields_of: dict[tuple[str, str], Any] = {}
    for row in tables["eligibility_answers"]:
        sha = inspections[row["inspection_id"]]["snapshot_sha256"]
        if sha not in eligibility:
            eligibility[sha] = {e["id"]: e for e in json.loads(snapshots[sha].get("eligibility", "[]"))}
        checks = eligibility[sha]
        key = (sha, row["check_id"])
        if key not in fields_of:
            fields_of[key] = (EligibilityCheck.from_snapshot(checks[row["check_id"]]).fields
                              if row["check_id"] in checks else ())
        _check_decoded("eligibility_answers", row, fields_of[key], key, decoded_ok)

    from ..text import json_text_problem, value_problem

    for table in ("units", "inspections", "answers", "eligibility_answers", "attachments", "exports"):
        json_columns = {c.name for c in TABLES[table].columns if c.json is not None}
        for row in tables[table]:  # the rule typed text follows (antq_tui.text), JSON columns decoded
            for column, value in row.items():
                if isinstance(value, str):  # most values: text with nothing to refuse, seen without a decode
                    problem = (json_text_problem(value) if column in json_columns
                               else None if value.isprintable() else value_problem(value))
                else:
                    problem = value_problem(value)
                if problem:
                    raise RowError(f"{_row_label(table, row)}: cột “{column}”: {problem}")

    from ..storage.ids import is_uuid

    for table in ("recognitions", "award_proposals"):  # on an inspection of the bundle, text as typed text
        for row in tables[table]:
            if not is_uuid(row["id"]) or row["inspection_id"] not in inspections:
                raise RowError(f"{_row_label(table, row)} không thuộc cuộc kiểm tra nào trong gói")
            for column, value in row.items():
                problem = value_problem(value)
                if problem:
                    raise RowError(f"{_row_label(table, row)}: cột “{column}”: {problem}")

    for table in ("attachments",):
        for row in tables[table]:
            number = row.get("number")
            cset = sets[inspections[row["inspection_id"]]["snapshot_sha256"]]
            if number is not None and number not in {c.number for c in cset.criteria}:
                raise RowError(f"{_row_label(table, row)}: bộ tiêu chí đã chụp không có tiêu chí {number}")


def _check_decoded(table: str, row: Mapping[str, Any], fields: Any, fields_key: tuple[str, Any],
                   decoded_ok: set[tuple[Any, ...]]) -> None:
    """The inputs decode with the snapshot's fields (``fields_key`` names them) and the suggestion is a
    suggestion; ``decoded_ok`` holds what did already."""
    texts = (table, fields_key, row.get("inputs", "{}"), row.get("suggestion"))
    if texts in decoded_ok:
        return
    try:
        inputs = json.loads(row.get("inputs", "{}"))
        by_id = {f.id: f for f in fields}
        for key, value in inputs.items():
            if key in by_id:
                by_id[key].from_json(value)
        if row.get("suggestion"):
            Suggestion.from_json(json.loads(row["suggestion"]))
    except Exception:
        raise RowError(f"{_row_label(table, row)}: số liệu hoặc gợi ý không đọc được") from None
    decoded_ok.add(texts)
