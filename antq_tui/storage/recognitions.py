"""After the visit: recognition decisions (``recognitions``), award proposals (``award_proposals``) and
who manages each unit (``units.management_level``).

A recognition is the decision of the competent body (số, ngày, cơ quan ban hành, cấp) on one finalized
inspection, "công nhận mới" or "duy trì". It is never deleted: :meth:`RecognitionsRepository.remove_recognition`
marks it removed with who, when and why, and the audit log keeps both. The audit rows are the unit's
business, not the inspection's (``inspection_id`` NULL, target the record's id), so recording a decision
never looks like a change to the finalized inspection (``antq verify``, bundle conflicts).

The rules (which inspection can be recognised, one award proposal per unit and year) live in
:mod:`antq_tui.services.recognition`; this module only reads and writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..criteria import unit_kind_label
from ..criteria.authorities import LEVELS
from ..vnformat import format_date
from .codec import new_id, now, parse_ts, text_value, ts
from .core import StoreCore
from .errors import InvalidValueError, NotFoundError

#: recognition kinds → Vietnamese
RECOGNITION_KINDS = {"moi": "Công nhận mới", "duy_tri": "Duy trì"}

_JOIN = ("SELECT r.*, i.unit_id, i.unit_name, i.unit_kind, i.unit_district, i.year FROM recognitions r"
         " JOIN inspections i ON i.id = r.inspection_id")
_AWARD_JOIN = ("SELECT a.*, i.unit_id, i.unit_name, i.unit_kind FROM award_proposals a"
               " JOIN inspections i ON i.id = a.inspection_id")


@dataclass(frozen=True)
class RecognitionRecord:
    """One recorded decision, with the unit and year of its inspection."""

    id: str
    inspection_id: str
    unit_id: str
    unit_name: str
    unit_kind: str
    district: str
    year: int
    kind: str  # a key of RECOGNITION_KINDS
    decision_number: str
    decision_date: dt.date
    issued_by: str
    level: str
    note: str
    created_at: dt.datetime | None
    created_by: str
    removed_at: dt.datetime | None = None
    removed_by: str = ""
    removed_reason: str = ""

    @property
    def active(self) -> bool:
        return self.removed_at is None

    @property
    def kind_label(self) -> str:
        return RECOGNITION_KINDS.get(self.kind, self.kind)

    @property
    def unit_kind_label(self) -> str:
        return unit_kind_label(self.unit_kind)

    @property
    def decision_label(self) -> str:
        """ "Quyết định số 125/QĐ-UBND ngày 05/10/2023 của Ủy ban nhân dân huyện Bắc Yên" """
        return f"Quyết định số {self.decision_number} ngày {format_date(self.decision_date)} của {self.issued_by}"

    @property
    def label(self) -> str:
        """ "Công nhận mới — Quyết định số … ngày … của …" """
        return f"{self.kind_label} — {self.decision_label}"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "inspection_id": self.inspection_id, "unit_id": self.unit_id,
                "unit": self.unit_name, "unit_kind": self.unit_kind, "year": self.year, "kind": self.kind,
                "kind_label": self.kind_label, "decision_number": self.decision_number,
                "decision_date": self.decision_date.isoformat(), "issued_by": self.issued_by,
                "level": self.level, "note": self.note, "active": self.active,
                "created_at": self.created_at.isoformat() if self.created_at else None,
                "created_by": self.created_by,
                "removed_at": self.removed_at.isoformat() if self.removed_at else None,
                "removed_by": self.removed_by, "removed_reason": self.removed_reason}


@dataclass(frozen=True)
class AwardProposal:
    """A Bằng khen proposed for a recognised unit."""

    id: str
    inspection_id: str
    unit_id: str
    unit_name: str
    year: int
    award: str
    number: str
    proposal_date: dt.date | None
    proposed_by: str
    created_at: dt.datetime | None
    created_by: str

    @property
    def label(self) -> str:
        """ "Bằng khen của Chủ tịch UBND tỉnh — văn bản số 12/TTr-CAH ngày 20/10/2023 của Công an huyện" """
        parts = [self.award]
        paper = " ".join(x for x in (f"số {self.number}" if self.number else "",
                                     f"ngày {format_date(self.proposal_date)}" if self.proposal_date else "") if x)
        if paper:
            parts.append(f"văn bản {paper}" + (f" của {self.proposed_by}" if self.proposed_by else ""))
        elif self.proposed_by:
            parts.append(f"do {self.proposed_by} đề nghị")
        return " — ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "inspection_id": self.inspection_id, "unit_id": self.unit_id,
                "unit": self.unit_name, "year": self.year, "award": self.award, "number": self.number,
                "proposal_date": self.proposal_date.isoformat() if self.proposal_date else None,
                "proposed_by": self.proposed_by, "label": self.label,
                "created_at": self.created_at.isoformat() if self.created_at else None,
                "created_by": self.created_by}


def _recognition(row: dict[str, Any]) -> RecognitionRecord:
    return RecognitionRecord(
        id=row["id"], inspection_id=row["inspection_id"], unit_id=row["unit_id"], unit_name=row["unit_name"],
        unit_kind=row["unit_kind"], district=row.get("unit_district") or "", year=int(row["year"]),
        kind=row["kind"], decision_number=row["decision_number"],
        decision_date=dt.date.fromisoformat(row["decision_date"]), issued_by=row["issued_by"], level=row["level"],
        note=row["note"], created_at=parse_ts(row["created_at"]), created_by=row["created_by"],
        removed_at=parse_ts(row["removed_at"]), removed_by=row["removed_by"], removed_reason=row["removed_reason"])


def _award(row: dict[str, Any]) -> AwardProposal:
    return AwardProposal(
        id=row["id"], inspection_id=row["inspection_id"], unit_id=row["unit_id"], unit_name=row["unit_name"],
        year=int(row["year"]), award=row["award"], number=row["number"],
        proposal_date=dt.date.fromisoformat(row["proposal_date"]) if row["proposal_date"] else None,
        proposed_by=row["proposed_by"], created_at=parse_ts(row["created_at"]), created_by=row["created_by"])


class RecognitionsRepository(StoreCore):

    # -- recognitions --------------------------------------------------------------------------------
    def add_recognition(self, inspection_id: str, *, kind: str, decision_number: str, decision_date: dt.date,
                        issued_by: str, level: str = "", note: str = "", user: str | None = None) -> RecognitionRecord:
        """Record a decision on ``inspection_id`` (the caller has checked that it may be recognised)."""
        if kind not in RECOGNITION_KINDS:
            raise InvalidValueError(f"Hình thức công nhận không hợp lệ: “{kind}”.", "kind")
        values = {
            "kind": kind,
            "decision_number": text_value(decision_number, "Số quyết định", field_id="decision").strip(),
            "decision_date": decision_date.isoformat(),
            "issued_by": text_value(issued_by, "Cơ quan ban hành", field_id="by").strip(),
            "level": text_value(level, "Cấp", field_id="level").strip(),
            "note": text_value(note, "Ghi chú", multiline=True, field_id="note").strip(),
        }
        if not values["decision_number"]:
            raise InvalidValueError("Số quyết định công nhận không được để trống.", "decision")
        if not values["issued_by"]:
            raise InvalidValueError("Cơ quan ban hành quyết định không được để trống.", "by")
        at = now()
        rid = new_id()
        with self._write() as conn:
            self._inspection_row(inspection_id)
            conn.execute(
                "INSERT INTO recognitions (id, inspection_id, kind, decision_number, decision_date, issued_by, level,"
                " note, created_at, created_by) VALUES (:id, :iid, :kind, :decision_number, :decision_date,"
                " :issued_by, :level, :note, :at, :who)",
                {"id": rid, "iid": inspection_id, **values, "at": ts(at), "who": user or self.user})
            self._log(at, user, None, "recognition.add", rid, None, {"inspection_id": inspection_id, **values})
        return self.get_recognition(rid)

    def remove_recognition(self, recognition_id: str, reason: str, *, user: str | None = None) -> RecognitionRecord:
        """Mark a decision removed (kept, with who, when and why; logged). Removing twice is refused."""
        reason = text_value(reason, "Lý do", multiline=True, field_id="reason").strip()
        if not reason:
            raise InvalidValueError("Hãy ghi lý do gỡ quyết định công nhận.", "reason")
        at = now()
        with self._write() as conn:
            record = self.get_recognition(recognition_id)
            if not record.active:
                raise InvalidValueError(f"Quyết định này đã được gỡ ngày {format_date(record.removed_at.date())}"
                                        if record.removed_at else "Quyết định này đã được gỡ.", "id")
            conn.execute("UPDATE recognitions SET removed_at = ?, removed_by = ?, removed_reason = ? WHERE id = ?",
                         [ts(at), user or self.user, reason, recognition_id])
            self._log(at, user, None, "recognition.remove", recognition_id, None, {"reason": reason})
        return self.get_recognition(recognition_id)

    def get_recognition(self, recognition_id: str) -> RecognitionRecord:
        row = self._one(f"{_JOIN} WHERE r.id = ?", [recognition_id])
        if row is None:
            raise NotFoundError(f"Không tìm thấy quyết định công nhận “{recognition_id}”.")
        return _recognition(row)

    def find_recognition_ids(self, starting_with: str) -> list[str]:
        """Ids of recognitions beginning with ``starting_with`` (the CLI takes a short id)."""
        return [r["id"] for r in self._query("SELECT id FROM recognitions WHERE substr(id, 1, length(?)) = ?"
                                             " ORDER BY id", [starting_with, starting_with])]

    def list_recognitions(self, *, year: int | None = None, unit_id: str | None = None,
                          inspection_id: str | None = None, include_removed: bool = False) -> list[RecognitionRecord]:
        """Recorded decisions (of one year, one unit, one inspection), newest decision first."""
        conds, params = [], []
        for column, value in (("i.year", year), ("i.unit_id", unit_id), ("r.inspection_id", inspection_id)):
            if value is not None:
                conds.append(f"{column} = ?")
                params.append(value)
        if not include_removed:
            conds.append("r.removed_at IS NULL")
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        return [_recognition(r) for r in self._query(
            f"{_JOIN}{where} ORDER BY r.decision_date DESC, r.created_at DESC", params)]

    def recognised_units(self, year: int | None = None, *, up_to: bool = False) -> dict[str, RecognitionRecord]:
        """The statistics' and targets' query: unit id → its latest active decision (of ``year``; of
        ``year`` or before with ``up_to``; of any year without ``year``)."""
        conds, params = ["r.removed_at IS NULL"], []
        if year is not None:
            conds.append("i.year <= ?" if up_to else "i.year = ?")
            params.append(year)
        out: dict[str, RecognitionRecord] = {}
        for row in self._query(f"{_JOIN} WHERE {' AND '.join(conds)} ORDER BY i.year, r.decision_date, r.created_at",
                               params):
            out[row["unit_id"]] = _recognition(row)
        return out

    def recognised_inspections(self) -> dict[str, RecognitionRecord]:
        """Inspection id → its active decision (for the home list's mark)."""
        return {r["inspection_id"]: _recognition(r) for r in self._query(
            f"{_JOIN} WHERE r.removed_at IS NULL ORDER BY r.created_at")}

    # -- award proposals -----------------------------------------------------------------------------
    def add_award_proposal(self, inspection_id: str, *, year: int, award: str, number: str = "",
                           proposal_date: dt.date | None = None, proposed_by: str = "",
                           user: str | None = None) -> AwardProposal:
        """Record a Bằng khen proposed for the unit of ``inspection_id`` (the caller applied the rules)."""
        values = {
            "year": int(year),
            "award": text_value(award, "Hình thức khen thưởng", field_id="award").strip(),
            "number": text_value(number, "Số văn bản", field_id="number").strip(),
            "proposal_date": proposal_date.isoformat() if proposal_date else None,
            "proposed_by": text_value(proposed_by, "Cơ quan đề nghị", field_id="by").strip(),
        }
        if not values["award"]:
            raise InvalidValueError("Hình thức khen thưởng không được để trống.", "award")
        at = now()
        aid = new_id()
        with self._write() as conn:
            self._inspection_row(inspection_id)
            conn.execute(
                "INSERT INTO award_proposals (id, inspection_id, year, award, number, proposal_date, proposed_by,"
                " created_at, created_by) VALUES (:id, :iid, :year, :award, :number, :proposal_date, :proposed_by,"
                " :at, :who)", {"id": aid, "iid": inspection_id, **values, "at": ts(at), "who": user or self.user})
            self._log(at, user, None, "award.propose", aid, None, {"inspection_id": inspection_id, **values})
        return next(a for a in self.list_award_proposals() if a.id == aid)

    def list_award_proposals(self, *, year: int | None = None, unit_id: str | None = None) -> list[AwardProposal]:
        """Award proposals (of one year, one unit), oldest first."""
        conds, params = [], []
        for column, value in (("a.year", year), ("i.unit_id", unit_id)):
            if value is not None:
                conds.append(f"{column} = ?")
                params.append(value)
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        return [_award(r) for r in self._query(f"{_AWARD_JOIN}{where} ORDER BY a.created_at", params)]

    # -- who manages a unit --------------------------------------------------------------------------
    def set_management_level(self, unit_id: str, level: str, *, user: str | None = None) -> dt.datetime:
        """Record who manages the unit ("xa", "huyen", "tinh"; "" to go back to the default by kind). Logged."""
        if level not in ("", *LEVELS):
            raise InvalidValueError(f"Cấp quản lý không hợp lệ: “{level}”.", "level")
        at = now()
        with self._write() as conn:
            row = self._one("SELECT management_level FROM units WHERE id = ?", [unit_id])
            if row is None:
                raise NotFoundError(f"Không tìm thấy đơn vị “{unit_id}”.")
            if row["management_level"] != level:
                conn.execute("UPDATE units SET management_level = ? WHERE id = ?", [level, unit_id])
                self._log(at, user, None, "unit.management_level", unit_id, row["management_level"], level)
        return at

    def management_levels(self) -> dict[str, str]:
        """Unit id → its recorded management level (units without one are left out)."""
        return {r["id"]: r["management_level"] for r in self._query(
            "SELECT id, management_level FROM units WHERE management_level != ''")}

    # -- bundles -------------------------------------------------------------------------------------
    def mark_recognition_removed(self, recognition_id: str, removed_at: str, removed_by: str, reason: str) -> None:
        """An import brings the removal of a decision this database still has active (inside ``merging``)."""
        self.conn.execute("UPDATE recognitions SET removed_at = ?, removed_by = ?, removed_reason = ?"
                          " WHERE id = ? AND removed_at IS NULL", [removed_at, removed_by, reason, recognition_id])


__all__ = ["RECOGNITION_KINDS", "AwardProposal", "RecognitionRecord", "RecognitionsRepository"]
