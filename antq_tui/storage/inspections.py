"""Inspections (``inspections``) and the criteria snapshots they start with (``snapshots``).

Over the units repository: starting an inspection adds or updates its unit in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..config import Member
from ..criteria import (
    CriteriaSet,
    EligibilityCheck,
    Field,
    Suggestion,
    Verdict,
    eligibility_fingerprint,
)
from ..inspection import (
    STATUS_DRAFT,
    STATUS_FINALIZED,
    EligibilityAnswer,
    Inspection,
    Unit,
)
from . import search
from .codec import (
    FINALIZED_COLUMNS,
    INSPECTION_FIELDS,
    INSPECTION_JSON,
    MULTILINE_FIELDS,
    ROW_COLUMNS,
    SUMMARY_LIMIT,
    answer_from_row,
    date_value,
    dumps,
    inputs_from_json,
    inspection_row_from,
    loads,
    member_json,
    members,
    new_id,
    now,
    parse_ts,
    plugin_versions,
    snapshot_hash,
    text_value,
    time_value,
    ts,
    year_value,
)
from .db import translate_errors
from .errors import InvalidValueError, StorageError
from .files import is_inside
from .ids import is_uuid
from .records import InspectionRow
from .search import where as search_where
from .units import UnitsRepository

#: how a refused inspection text is named in the message
_FIELD_LABELS = {"place": "Địa điểm", "minutes_number": "Số biên bản", "strengths": "Ưu điểm",
                 "shortcomings": "Tồn tại, hạn chế", "recommendations": "Kiến nghị", "conclusion": "Kết luận"}

if TYPE_CHECKING:
    from ..registry import Registry

log = logging.getLogger(__name__)


class InspectionsRepository(UnitsRepository):

    def create_inspection(
        self,
        unit: Unit,
        year: int,
        criteria_set: CriteriaSet,
        eligibility_checks: Sequence[EligibilityCheck] | None = None,
        *,
        registry: Registry | None = None,
        visit_date: dt.date | str | None = None,
        place: str = "",
        start_time: str = "",
        end_time: str = "",
        team: Sequence[Member] = (),
        representatives: Sequence[Member] = (),
        minutes_number: str = "",
        user: str | None = None,
        inspection_id: str | None = None,
    ) -> Inspection:
        """Start an inspection of ``unit`` for ``year`` with a snapshot of ``criteria_set``.

        The snapshot keeps the set as it is now (text, evidence, fields, amendments, each criterion's
        fingerprint) and the eligibility conditions; the inspection shows and the minutes print these
        whatever later versions of the plugins say. The unit is added (or updated) too.

        :param eligibility_checks: the conditions to record; default: the registry's for this set.
        :param registry: the loaded plugins, for their versions (recorded in the snapshot).
        :returns: the new inspection, as :meth:`get_inspection` reads it back.
        """
        year = year_value(year)
        if eligibility_checks is None:
            eligibility_checks = registry.eligibility_for(criteria_set.id) if registry is not None else []
        # every field :meth:`update_inspection` may change, as it starts (verify replays from here)
        fields = self._inspection_values(
            {key: "" for key in INSPECTION_FIELDS}
            | {"year": year, "visit_date": visit_date, "place": place, "start_time": start_time, "end_time": end_time,
               "team": team, "representatives": representatives, "minutes_number": minutes_number}
        )
        criteria_json = dumps(criteria_set.to_data())
        eligibility_json = dumps([c.to_data() | {"fingerprint": eligibility_fingerprint(c)} for c in eligibility_checks])
        plugins_json = dumps(plugin_versions(criteria_set, eligibility_checks, registry))
        fingerprints_json = dumps({str(c.number): c.fingerprint() for c in criteria_set.criteria})
        digest = snapshot_hash(criteria_json, eligibility_json, plugins_json, fingerprints_json)
        inspection_id = inspection_id or new_id()
        if not is_uuid(inspection_id):
            raise InvalidValueError(f"Mã cuộc kiểm tra không hợp lệ: “{inspection_id}” (phải là một UUID).")
        at = now()
        with self._write() as conn:
            self._upsert_unit(unit, at, user)
            stored = self.get_unit(unit.id)
            conn.execute(
                "INSERT OR IGNORE INTO snapshots (sha256, criteria, eligibility, plugins, fingerprints, taken_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [digest, criteria_json, eligibility_json, plugins_json, fingerprints_json, ts(at)],
            )
            conn.execute(
                "INSERT INTO inspections (id, unit_id, unit_name, unit_kind, unit_district, unit_province, year,"
                " set_id, set_version, snapshot_sha256, status, visit_date, place, start_time, end_time, team, representatives,"
                " minutes_number, criteria_total, assessed, search_folded, created_at, created_by, updated_at,"
                " origin) VALUES (:id, :unit_id, :unit_name, :unit_kind, :unit_district, :unit_province, :year,"
                " :set_id, :set_version, :snapshot, 'draft', :visit_date, :place, :start_time, :end_time, :team,"
                " :representatives, :minutes_number, :total, 0, :search, :at, :by, :at, :origin)",
                {
                    "id": inspection_id, "unit_id": stored.id, "unit_name": stored.name, "unit_kind": stored.kind,
                    "unit_district": stored.district, "unit_province": stored.province, "year": year,
                    "set_id": criteria_set.id, "set_version": criteria_set.version, "snapshot": digest,
                    **{k: (dumps(v) if k in INSPECTION_JSON else v) for k, v in fields.items() if k != "year"},
                    "total": len(criteria_set.criteria),
                    "search": search.inspection_text(stored.name, stored.kind, stored.district, stored.province,
                                                     year, criteria_set.id),
                    "at": ts(at), "by": user or self.user, "origin": self.database_id,
                },
            )
            self._log(at, user, inspection_id, "inspection.create", "", None, {
                "unit_id": stored.id, "unit": stored.name, "year": year, "set": criteria_set.id,
                "set_version": criteria_set.version, "snapshot_sha256": digest, "fields": fields,
            })
        return self.get_inspection(inspection_id)

    def get_inspection(self, inspection_id: str) -> Inspection:
        """The whole inspection: unit (as inspected), snapshot, answers, eligibility, texts, status.

        ``answers`` holds the criteria that have been touched; ``inspection.answer(n)`` gives an
        empty answer for the others. Raises :class:`NotFoundError` for an unknown id.
        """
        row = self._inspection_row(inspection_id)
        snap = self._snapshot(inspection_id)
        answers = {}
        for a in self._query("SELECT * FROM answers WHERE inspection_id = ? ORDER BY number", [inspection_id]):
            try:
                criterion = snap.criteria.criterion(a["number"])
                fields: tuple[Field, ...] = criterion.fields
            except KeyError:
                fields = ()
            answers[a["number"]] = answer_from_row(a, fields)
        eligibility = {}
        checks = {c.id: c for c in snap.eligibility}
        for e in self._query("SELECT * FROM eligibility_answers WHERE inspection_id = ?", [inspection_id]):
            check = checks.get(e["check_id"])
            eligibility[e["check_id"]] = EligibilityAnswer(
                check_id=e["check_id"],
                inputs=inputs_from_json(check.fields if check else (), loads(e["inputs"])),
                suggestion=Suggestion.from_json(loads(e["suggestion"])) if e["suggestion"] else None,
                decision=Verdict.parse(e["decision"]),
                remark=e["remark"],
            )
        return Inspection(
            id=row["id"],
            unit=Unit(id=row["unit_id"], name=row["unit_name"], kind=row["unit_kind"], district=row["unit_district"],
                      province=row["unit_province"]),
            year=row["year"],
            criteria=snap.criteria,
            eligibility_checks=list(snap.eligibility),
            status=row["status"],
            visit_date=dt.date.fromisoformat(row["visit_date"]) if row["visit_date"] else None,
            place=row["place"],
            start_time=row["start_time"],
            end_time=row["end_time"],
            team=members(loads(row["team"])),
            representatives=members(loads(row["representatives"])),
            answers=answers,
            eligibility=eligibility,
            strengths=row["strengths"],
            shortcomings=row["shortcomings"],
            recommendations=row["recommendations"],
            conclusion=row["conclusion"],
            minutes_number=row["minutes_number"],
            created_at=parse_ts(row["created_at"]),
            updated_at=parse_ts(row["updated_at"]),
            finalized_at=parse_ts(row["finalized_at"]),
            plugins=dict(snap.plugins),
            origin=row.get("origin", ""),
        )

    def inspection_team(self, inspection_id: str) -> list[Member]:
        """The team recorded on one inspection, read alone (the audit log's "who" asks it on every write)."""
        row = self._one("SELECT team FROM inspections WHERE id = ?", [inspection_id])
        return members(json.loads(row["team"])) if row else []

    def list_inspections(
        self,
        search: str = "",
        *,
        year: int | None = None,
        status: str | None = None,
        unit_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[InspectionRow]:
        """The home screen's list, most recently changed first.

        :param search: words that must all occur in the unit's name, kind, district, province, the
            year or the set id; case, diacritics (đ → d) and Unicode form are ignored.
        :param year: only this year. :param status: ``"draft"`` or ``"finalized"``.
        :param unit_id: only this unit's inspections (e.g. to compare with last year's).
        :param limit: at most this many rows (from ``offset``). Searching 10,000 inspections takes a
            few milliseconds; turning 10,000 matches into rows takes ~50 ms, so a list refreshed on
            every keystroke should ask for the rows it shows (and :meth:`count_inspections`).
        """
        where, params = self._list_where(search, year, status, unit_id)
        sql = f"SELECT {ROW_COLUMNS} FROM inspections WHERE {where} ORDER BY updated_at DESC, id"
        if limit:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        with translate_errors(self.path):
            return [inspection_row_from(r) for r in self.conn.execute(sql, params).fetchall()]

    def count_inspections(self, search: str = "", *, year: int | None = None, status: str | None = None,
                          unit_id: str | None = None) -> int:
        """How many inspections :meth:`list_inspections` would return without a limit."""
        where, params = self._list_where(search, year, status, unit_id)
        with translate_errors(self.path):
            return self.conn.execute(f"SELECT count(*) FROM inspections WHERE {where}", params).fetchone()[0]

    def _list_where(self, search: str, year: int | None, status: str | None,
                    unit_id: str | None) -> tuple[str, list[Any]]:
        cond, params = search_where("search_folded", search)
        sql = [cond]
        if year is not None:
            sql.append("year = ?")
            params.append(int(year))
        if status:
            if status not in (STATUS_DRAFT, STATUS_FINALIZED):
                raise InvalidValueError(f"Trạng thái không hợp lệ: “{status}” (draft hoặc finalized).")
            sql.append("status = ?")
            params.append(status)
        if unit_id:
            sql.append("unit_id = ?")
            params.append(unit_id)
        return " AND ".join(sql), params

    def previous_inspection(self, inspection_id: str) -> InspectionRow | None:
        """The same unit's latest inspection of an earlier year (to compare with last year's visit)."""
        row = self._inspection_row(inspection_id)
        with translate_errors(self.path):
            found = self.conn.execute(
                f"SELECT {ROW_COLUMNS} FROM inspections WHERE unit_id = ? AND year < ?"
                " ORDER BY year DESC, updated_at DESC LIMIT 1",
                [row["unit_id"], row["year"]],
            ).fetchone()
        return inspection_row_from(found) if found else None

    def update_inspection(self, inspection_id: str, *, user: str | None = None, **fields: Any) -> dt.datetime:
        """Change visit details or summary texts; keys are :data:`INSPECTION_FIELDS`.

        ``visit_date`` takes a date or "dd/mm/yyyy"; times take "08:00", "8h30"; ``team`` and
        ``representatives`` take lists of :class:`~antq_tui.config.Member`. Each changed field is one
        audit entry. Raises :class:`FinalizedError` on a finalized inspection and
        :class:`InvalidValueError` for an unknown field or a value that cannot be read.
        """
        unknown = [k for k in fields if k not in INSPECTION_FIELDS]
        if unknown:
            raise InvalidValueError(f"Không có trường “{unknown[0]}” để sửa.", unknown[0])
        values = self._inspection_values(fields)
        at = now()
        with self._write() as conn:
            row = self._require_draft(inspection_id)
            changed = False
            for key, value in values.items():
                old = json.loads(row[key]) if key in INSPECTION_JSON else row[key]
                if old == value:
                    continue
                changed = True
                conn.execute(f"UPDATE inspections SET {key} = ? WHERE id = ?",
                             [dumps(value) if key in INSPECTION_JSON else value, inspection_id])
                if key == "year":
                    conn.execute("UPDATE inspections SET search_folded = ? WHERE id = ?", [
                        search.inspection_text(row["unit_name"], row["unit_kind"], row["unit_district"],
                                               row["unit_province"], value, row["set_id"]), inspection_id])
                self._log(at, user, inspection_id, "inspection.update", key, old, value)
            if not changed:
                return parse_ts(row["updated_at"]) or at
            self._touch(inspection_id, at)
        return at

    def _inspection_values(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Database values (JSON-able) for inspection fields, validated and NFC-normalized."""
        out: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "year":
                out[key] = year_value(value)
            elif key == "visit_date":
                date = date_value(value, "Ngày kiểm tra")
                out[key] = date.isoformat() if date else None
            elif key in ("start_time", "end_time"):
                out[key] = time_value(value)
            elif key in INSPECTION_JSON:
                out[key] = [member_json(m) for m in (value or [])]
            else:
                multiline = key in MULTILINE_FIELDS
                out[key] = text_value(value, _FIELD_LABELS.get(key, key), multiline=multiline,
                                      limit=SUMMARY_LIMIT if multiline else None, field_id=key)
        return out

    def delete_inspection(self, inspection_id: str, *, user: str | None = None) -> dt.datetime:
        """Delete a draft inspection created by mistake (finalized ones cannot be deleted). Logged."""
        at = now()
        with self._write() as conn:
            row = self._require_draft(inspection_id)
            answered = conn.execute("SELECT count(*) FROM answers WHERE inspection_id = ?", [inspection_id]).fetchone()[0]
            conn.execute("DELETE FROM inspections WHERE id = ?", [inspection_id])
            self._log(at, user, inspection_id, "inspection.delete", "", {
                "unit": row["unit_name"], "year": row["year"], "set": row["set_id"], "answers": answered}, None)
        # the rows are gone (committed): now their copies of the attached files
        folder = self.attachments_dir / inspection_id
        if folder.is_dir() and is_inside(folder, self.attachments_dir) and folder.resolve() != self.attachments_dir.resolve():
            import shutil  # deleting a draft only

            shutil.rmtree(folder, ignore_errors=True)
        return at

    def finalize(self, inspection_id: str, *, user: str | None = None) -> dt.datetime:
        """Mark the inspection finalized (read-only from now on), then take a backup of the database.

        A failed backup does not undo the finalization; it is logged (see :meth:`backup`).
        """
        at = now()
        with self._write() as conn:
            row = self._require_draft(inspection_id)
            conn.execute("UPDATE inspections SET status = ?, finalized_at = ?, updated_at = ? WHERE id = ?",
                         [STATUS_FINALIZED, ts(at), ts(at), inspection_id])
            # what a finalized inspection must keep: antq verify compares the row with this
            self._log(at, user, inspection_id, "inspection.finalize", "status", row["status"], {
                "status": STATUS_FINALIZED, **{k: row[k] for k in FINALIZED_COLUMNS}})
        try:
            self.backup("finalize")
        except (OSError, StorageError) as exc:
            log.error("backup after finalizing %s failed: %s", inspection_id, exc)
        return at

    def reopen(self, inspection_id: str, reason: str, *, user: str | None = None) -> dt.datetime:
        """Make a finalized inspection editable again; ``reason`` is required and logged."""
        reason = text_value(reason, "Lý do mở lại", multiline=True, field_id="reason").strip()
        if not reason:
            raise InvalidValueError("Cần ghi rõ lý do mở lại cuộc kiểm tra đã hoàn thành.", "reason")
        at = now()
        with self._write() as conn:
            row = self._inspection_row(inspection_id)
            if row["status"] != STATUS_FINALIZED:
                raise InvalidValueError("Cuộc kiểm tra này chưa hoàn thành nên không cần mở lại.")
            with self.conn.reopen_guard.allow(inspection_id):  # the trigger of migration 0005 asks
                conn.execute("UPDATE inspections SET status = ?, finalized_at = NULL, updated_at = ? WHERE id = ?",
                             [STATUS_DRAFT, ts(at), inspection_id])
            self._log(at, user, inspection_id, "inspection.reopen", "status", STATUS_FINALIZED,
                      {"status": STATUS_DRAFT, "reason": reason})
        return at

    def snapshot_sha256(self, inspection_id: str) -> str:
        """The hash of the inspection's criteria snapshot (as recorded when it started)."""
        return self._snapshot(inspection_id).sha256

