"""A bundle's tables against its own log: each inspection's answers replayed from its audit rows.

The audit rows of a bundle are checked one by one against their hashes (:mod:`.bundle`); this checks
that the rows the import would write say what that log says. For every answer and eligibility answer
of an inspection, each column the log recorded must hold the value of its last log row, a verdict or
decision must have a log row, and a finalized inspection's last lifecycle row must be its
finalization. A bundle whose tables were edited behind the log (or a log forged without its tables)
is refused before the database is opened.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..inspection import STATUS_FINALIZED
from ..storage.audit import dumps
from ..storage.schema import TABLES

if TYPE_CHECKING:
    from .bundle import Bundle

#: (log action prefix, table, the column naming the row)
_FAMILIES = (("answer.", "answers", "number"), ("eligibility.", "eligibility_answers", "check_id"))
_TABLE_OF = {"export.record": "exports", "attachment.add": "attachments"}
#: columns that must have a log row whenever they hold a value
_LOGGED_WHEN_SET = {"answers": ("verdict",), "eligibility_answers": ("decision",)}


#: per table, the columns holding JSON text
_JSON_COLUMNS = {table: TABLES[table].json_columns for _prefix, table, _key in _FAMILIES}


def _decoded(table: str, column: str, value: Any) -> Any:
    if isinstance(value, str) and column in _JSON_COLUMNS[table]:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def check_replay(bundle: Bundle) -> None:
    """Raise :class:`.bundle.BundleError` naming the first inspection whose tables and log disagree."""
    from .bundle import BundleError

    t = bundle.tables
    logged: dict[str, dict[tuple[str, str, str], str | None]] = defaultdict(dict)
    lifecycle: dict[str, str] = {}
    for row in t["audit"]:
        iid = row.get("inspection_id")
        if iid is None:
            continue
        action = row["action"]
        if action in ("inspection.finalize", "inspection.reopen"):
            lifecycle[iid] = action
        for prefix, table, _key in _FAMILIES:
            if action.startswith(prefix):
                logged[iid][(table, str(row["target"]), action[len(prefix):])] = row["new"]
    names = {r["id"]: f"{r['unit_name']} năm {r['year']}" for r in t["inspections"]}

    def refuse(iid: str, what: str) -> BundleError:
        return BundleError(f"Gói “{bundle.path.name}”: dữ liệu của {names.get(iid, iid)} không khớp nhật ký của chính "
                           f"gói ({what}; gói bị sửa). Chưa nhập gì.")

    for row in t["inspections"]:
        if row["status"] == STATUS_FINALIZED and lifecycle.get(row["id"]) != "inspection.finalize":
            raise refuse(row["id"], "đã hoàn thành nhưng nhật ký không ghi việc hoàn thành")
    # known by inspection and sha256: a conflict copy keeps the log rows of the files but gives
    # their records new ids
    recorded = {(_TABLE_OF[r["action"]], r["inspection_id"], json.loads(r["new"] or "{}").get("sha256"))
                for r in t["audit"] if r["action"] in _TABLE_OF}
    for table, what in (("exports", "biên bản đã xuất"), ("attachments", "tệp đính kèm")):
        for row in t[table]:
            if (table, row["inspection_id"], row["sha256"]) not in recorded:
                raise refuse(row["inspection_id"], f"{what} “{str(row.get('path', ''))[-40:]}” không có trong nhật ký")
    for _prefix, table, key_column in _FAMILIES:
        present: set[tuple[str, str]] = set()
        columns = TABLES[table].names
        when_set = _LOGGED_WHEN_SET[table]
        for row in t[table]:
            iid, target = row["inspection_id"], str(row[key_column])
            present.add((iid, target))
            log = logged.get(iid, {})
            for column in columns:  # a value is decoded only when the log or the rule asks for it
                entry = (table, target, column)
                if entry in log:
                    if dumps(_decoded(table, column, row.get(column))) != log[entry]:
                        raise refuse(iid, f"mục {target}, “{column}”")
                elif column in when_set and _decoded(table, column, row.get(column)) is not None:
                    raise refuse(iid, f"mục {target}, “{column}” không có trong nhật ký")
        for iid, log in logged.items():
            for (t_name, target, column), new in log.items():
                if t_name == table and (iid, target) not in present and column in _LOGGED_WHEN_SET[table] \
                        and new is not None and iid in names:
                    raise refuse(iid, f"nhật ký ghi mục {target} nhưng gói không có dòng đó")
