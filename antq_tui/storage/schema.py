"""What each table holds, said once: columns, their types, which hold JSON, and each table's key.

The migrations create the tables (their SQL is frozen history, :mod:`.migrations`); this module is
the description the rest of the code reads:

- :func:`check_schema` compares it with the file (``PRAGMA table_info``) after every upgrade and on a
  read-only open, so a migration and this description cannot drift apart unnoticed;
- the row codec (:mod:`.codec`) encodes and decodes the JSON columns listed here;
- the bundle validation (:mod:`antq_tui.exchange.validate`) checks a bundle's rows column by column
  against it (type, JSON kind, required or not) and its duplicate keys with :attr:`Table.key`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .errors import StorageError


@dataclass(frozen=True)
class Column:
    """One column. ``json`` is the JSON kind (``dict``, ``list``, ``object``) of a column holding JSON text."""

    name: str
    sql_type: str = "TEXT"  # "TEXT" or "INTEGER"
    notnull: bool = True
    default: bool = False  # the schema gives it a default (an older row may lack it)
    json: type | None = None


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def json_columns(self) -> frozenset[str]:
        return frozenset(c.name for c in self.columns if c.json is not None)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _t(name: str, key: tuple[str, ...], *columns: Column) -> Table:
    return Table(name, columns, key)


def _c(name: str, sql_type: str = "TEXT", *, null: bool = False, default: bool = False,
       json: type | None = None) -> Column:
    return Column(name, sql_type, not null, default, json)


TABLES: dict[str, Table] = {t.name: t for t in (
    _t("units", ("id",),
       _c("id", null=True), _c("name"), _c("kind"), _c("district", default=True), _c("province", default=True),
       _c("name_folded"), _c("search_folded"), _c("created_at"), _c("updated_at")),
    _t("snapshots", ("sha256",),
       _c("sha256", null=True), _c("criteria", json=dict), _c("eligibility", default=True, json=list),
       _c("plugins", default=True, json=dict), _c("fingerprints", default=True, json=dict), _c("taken_at")),
    _t("inspections", ("id",),
       _c("id", null=True), _c("unit_id"), _c("unit_name"), _c("unit_kind"), _c("unit_district", default=True),
       _c("unit_province", default=True), _c("year", "INTEGER"), _c("set_id"), _c("set_version"),
       _c("snapshot_sha256"), _c("status", default=True), _c("visit_date", null=True), _c("place", default=True),
       _c("start_time", default=True), _c("end_time", default=True), _c("team", default=True, json=list),
       _c("representatives", default=True, json=list), _c("strengths", default=True),
       _c("shortcomings", default=True), _c("recommendations", default=True), _c("conclusion", default=True),
       _c("minutes_number", default=True), _c("criteria_total", "INTEGER"), _c("assessed", "INTEGER", default=True),
       _c("search_folded"), _c("created_at"), _c("created_by", default=True), _c("updated_at"),
       _c("finalized_at", null=True), _c("origin", default=True)),
    _t("answers", ("inspection_id", "number"),
       _c("inspection_id"), _c("number", "INTEGER"), _c("self_assessment", null=True), _c("verdict", null=True),
       _c("inputs", default=True, json=dict), _c("suggestion", null=True, json=dict),
       _c("evidence", default=True, json=list), _c("remark", default=True), _c("updated_at"),
       _c("updated_by", default=True)),
    _t("eligibility_answers", ("inspection_id", "check_id"),
       _c("inspection_id"), _c("check_id"), _c("inputs", default=True, json=dict),
       _c("suggestion", null=True, json=dict), _c("decision", null=True), _c("remark", default=True),
       _c("updated_at"), _c("updated_by", default=True)),
    _t("attachments", ("id",),
       _c("id", null=True), _c("inspection_id"), _c("number", "INTEGER", null=True), _c("name"), _c("path"),
       _c("sha256"), _c("size", "INTEGER"), _c("note", default=True), _c("added_at"), _c("added_by", default=True),
       _c("evidence_index", "INTEGER", null=True)),
    _t("exports", ("id",),
       _c("id", null=True), _c("inspection_id"), _c("path"), _c("sha256"), _c("size", "INTEGER"), _c("status"),
       _c("created_at"), _c("created_by", default=True)),
    _t("audit", ("id",),
       _c("id", "INTEGER", null=True), _c("at"), _c("who"), _c("inspection_id", null=True), _c("action"),
       _c("target", default=True), _c("old", null=True, json=object), _c("new", null=True, json=object),
       _c("prev_hash"), _c("hash")),
    _t("meta", ("key",), _c("key", null=True), _c("value")),
    _t("audit_origin", ("audit_id",),
       _c("audit_id", "INTEGER", null=True), _c("origin"), _c("origin_id", "INTEGER"),
       _c("origin_inspection_id", null=True), _c("origin_prev_hash"), _c("origin_hash")),
    _t("inspection_copies", ("id",), _c("id", null=True), _c("copy_of"), _c("reason"), _c("created_at")),
    _t("unit_aliases", ("alias",), _c("alias", null=True), _c("unit_id"), _c("created_at")),
    _t("unit_registry", ("unit_id",),
       _c("unit_id", null=True), _c("source", default=True), _c("added_at"), _c("added_by", default=True),
       _c("attributes", default=True, json=list)),
    _t("report_sections", ("year", "period"),
       _c("year", "INTEGER"), _c("period"), _c("sections", default=True, json=dict), _c("updated_at"),
       _c("updated_by", default=True)),
    # 0009_recognitions
    _t("recognitions", ("id",),
       _c("id", null=True), _c("inspection_id"), _c("kind"), _c("decision_number"), _c("decision_date"),
       _c("issued_by"), _c("level", default=True), _c("note", default=True), _c("created_at"),
       _c("created_by", default=True), _c("removed_at", null=True), _c("removed_by", default=True),
       _c("removed_reason", default=True)),
    _t("award_proposals", ("id",),
       _c("id", null=True), _c("inspection_id"), _c("year", "INTEGER"), _c("award"), _c("number", default=True),
       _c("proposal_date", null=True), _c("proposed_by", default=True), _c("created_at"),
       _c("created_by", default=True)),
    _t("registrations", ("year", "unit_id"),
       _c("year", "INTEGER"), _c("unit_id"), _c("registered_on"), _c("note", default=True), _c("created_at"),
       _c("created_by", default=True)),
    _t("dossier_items", ("unit_id", "year", "item"),
       _c("unit_id"), _c("year", "INTEGER"), _c("item"), _c("number", default=True), _c("date", null=True),
       _c("file_name", default=True), _c("file_path", default=True), _c("file_sha256", default=True),
       _c("file_size", "INTEGER", default=True), _c("updated_at"), _c("updated_by", default=True)),
    _t("eligibility_cases", ("inspection_id", "id"),
       _c("inspection_id"), _c("id"), _c("check_id"), _c("field_id", default=True), _c("name"),
       _c("form", default=True), _c("date", null=True), _c("status", default=True), _c("added_at"),
       _c("added_by", default=True)),
    _t("unit_declarations", ("inspection_id", "number"),
       _c("inspection_id"), _c("number", "INTEGER"), _c("self_assessment", null=True),
       _c("inputs", default=True, json=dict), _c("evidence", default=True, json=list), _c("remark", default=True),
       _c("source_sha256"), _c("imported_at"), _c("imported_by", default=True)),
)}
#: 0009_recognitions adds a column to ``units`` (who manages the unit)
TABLES["units"] = Table("units", (*TABLES["units"].columns, _c("management_level", default=True)), ("id",))


def json_columns(table: str) -> frozenset[str]:
    """The columns of ``table`` that hold JSON text."""
    return TABLES[table].json_columns


def check_schema(conn: sqlite3.Connection, path: object) -> None:
    """The file's tables have exactly the columns (names, types, NOT NULL, primary key) described here.

    :raises StorageError: naming the first table that differs (a migration and :data:`TABLES` disagree,
        or someone changed the file behind antq's back).
    """
    for table in TABLES.values():
        found = [(r[1], r[2].upper(), bool(r[3]), r[5]) for r in conn.execute(f"PRAGMA table_info({table.name})")]
        wanted = [(c.name, c.sql_type, c.notnull, (table.key.index(c.name) + 1) if c.name in table.key else 0)
                  for c in table.columns]
        if found != wanted:
            raise StorageError(f"Cấu trúc bảng “{table.name}” trong {path} không như antq mong đợi; "
                               "antq không ghi gì vào tệp. Hãy khôi phục bản sao lưu gần nhất.")


__all__ = ["TABLES", "Column", "Table", "check_schema", "json_columns"]
