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
from collections import Counter
from collections.abc import Callable, Mapping
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
    return check


def _json(kind: type | tuple[type, ...]) -> Callable[[Any], str | None]:
    def check(v: Any) -> str | None:
        if not isinstance(v, str):
            return "phải là văn bản JSON"
        try:
            value = json.loads(v)
        except ValueError:
            return "không phải JSON hợp lệ"
        return None if isinstance(value, kind) else "JSON không đúng dạng"
    return check


def _optional(check: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    return lambda v: None if v is None else check(v)


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


def check_values(tables: Mapping[str, Any]) -> None:
    """What the store would decode from these rows decodes; call after :func:`check_shape` and the
    reference checks (every inspection's snapshot is in the bundle).

    :raises RowError: naming what is wrong.
    """
    keys = {table: TABLES[table].key for table in _LABELS} | {"audit": ("origin", "origin_id")}
    for table, key in keys.items():
        seen = Counter(tuple(r[k] for k in key) for r in tables[table])
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

    assessed: Counter[str] = Counter()
    for row in tables["answers"]:
        label = _row_label("answers", row)
        cset = sets[inspections[row["inspection_id"]]["snapshot_sha256"]]
        try:
            criterion = cset.criterion(row["number"])
        except KeyError:
            raise RowError(f"{label}: bộ tiêu chí đã chụp không có tiêu chí {row['number']}") from None
        _check_decoded(label, row, criterion.fields)
        try:
            for e in json.loads(row.get("evidence", "[]")):
                if not isinstance(e, dict) or not isinstance(e.get("item", ""), str):
                    raise TypeError
                if e.get("date"):
                    dt.date.fromisoformat(e["date"])
        except (ValueError, TypeError):
            raise RowError(f"{label}: hồ sơ kiểm chứng không hợp lệ") from None
        if row.get("verdict") is not None:
            assessed[row["inspection_id"]] += 1
    for iid, row in inspections.items():
        if "assessed" in row and row["assessed"] != assessed[iid]:
            raise RowError(f"{_row_label('inspections', row)}: số tiêu chí đã đánh giá ({row['assessed']}) khác với "
                           f"các câu trả lời trong gói ({assessed[iid]})")

    for row in tables["eligibility_answers"]:
        label = _row_label("eligibility_answers", row)
        snap = next(s for s in tables["snapshots"] if s["sha256"] == inspections[row["inspection_id"]]["snapshot_sha256"])
        checks = {e["id"]: e for e in json.loads(snap.get("eligibility", "[]"))}
        fields = EligibilityCheck.from_snapshot(checks[row["check_id"]]).fields if row["check_id"] in checks else ()
        _check_decoded(label, row, fields)

    from ..text import value_problem

    for table in ("units", "inspections", "answers", "eligibility_answers", "attachments", "exports"):
        json_columns = {c.name for c in TABLES[table].columns if c.json is not None}
        for row in tables[table]:  # the rule typed text follows (antq_tui.text), JSON columns decoded
            for column, value in row.items():
                problem = value_problem(json.loads(value) if column in json_columns and isinstance(value, str)
                                        else value)
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


def _check_decoded(label: str, row: Mapping[str, Any], fields: Any) -> None:
    """The inputs decode with the snapshot's fields and the suggestion is a suggestion."""
    try:
        inputs = json.loads(row.get("inputs", "{}"))
        by_id = {f.id: f for f in fields}
        for key, value in inputs.items():
            if key in by_id:
                by_id[key].from_json(value)
        if row.get("suggestion"):
            Suggestion.from_json(json.loads(row["suggestion"]))
    except Exception:
        raise RowError(f"{label}: số liệu hoặc gợi ý không đọc được") from None
