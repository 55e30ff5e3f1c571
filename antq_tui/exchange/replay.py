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
    #: the same, per row: (inspection, table, target) → column → the last logged value
    by_row: dict[tuple[str, str, str], dict[str, str | None]] = defaultdict(dict)
    lifecycle: dict[str, str] = {}
    families: dict[str, list[tuple[str, str]]] = {}  # action → (table, column) of each family it is of
    for row in t["audit"]:
        iid = row.get("inspection_id")
        if iid is None:
            continue
        action = row["action"]
        if action in ("inspection.finalize", "inspection.reopen"):
            lifecycle[iid] = action
        if action not in families:
            families[action] = [(table, action[len(prefix):]) for prefix, table, _key in _FAMILIES
                                if action.startswith(prefix)]
        for table, column in families[action]:
            target = str(row["target"])
            logged[iid][(table, target, column)] = row["new"]
            by_row[(iid, table, target)][column] = row["new"]
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
    canonical: dict[tuple[str, bool, str], str | None] = {}  # the same texts recur (evidence lists, "{}")

    def logged_text(table: str, column: str, value: Any) -> str | None:
        """What the log would hold for ``value``: dumps of its decoded value."""
        if not isinstance(value, str):
            return dumps(_decoded(table, column, value))
        key = (table, column in _JSON_COLUMNS[table], value)
        if key not in canonical:
            canonical[key] = dumps(_decoded(table, column, value))
        return canonical[key]

    def agrees(table: str, row: dict[str, Any], entries: dict[str, str | None], columns: frozenset[str],
               when_set: tuple[str, ...]) -> bool:
        """Whether the loop below finds nothing wrong with ``row``, asking only its logged columns."""
        for column, new in entries.items():
            if column in columns and logged_text(table, column, row.get(column)) != new:
                return False
        return all(column in entries or _decoded(table, column, row.get(column)) is None for column in when_set)

    for _prefix, table, key_column in _FAMILIES:
        present: set[tuple[str, str]] = set()
        columns = TABLES[table].names
        column_set = frozenset(columns)
        when_set = _LOGGED_WHEN_SET[table]
        for row in t[table]:
            iid, target = row["inspection_id"], str(row[key_column])
            present.add((iid, target))
            if agrees(table, row, by_row.get((iid, table, target), {}), column_set, when_set):
                continue
            log = logged.get(iid, {})  # something disagrees: find the first column, as it is named
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
