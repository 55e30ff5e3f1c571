"""What the unit declared before the visit (``unit_declarations``), and its import in one transaction.

The unit fills the self-assessment form antq wrote (:mod:`antq_tui.office.self_assessment`); the
import keeps what the unit wrote, per criterion, in ``unit_declarations`` and pre-fills the team's
answer only where the team has recorded nothing yet:

- the answer's ``self_assessment`` (the unit's own Đạt / Không đạt), when empty or when it is still
  what an earlier import of the unit's form put there;
- a record's số and ngày, when the team has neither typed them nor ticked the record as seen.

A record so pre-filled stays "the unit's" (:meth:`Declaration.declared_record`) until the team ticks
it as seen. Everything the team recorded is kept, and said (``kept``). The whole import is one
transaction with its audit rows, so a power cut leaves all of it or none.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..criteria import Criterion, Verdict
from .answers import AnswersRepository
from .codec import decode, encode, now, parse_ts, text_value, ts

DECLARATION_JSON = frozenset({"inputs", "evidence"})


@dataclass(frozen=True)
class DeclaredRecord:
    """A record as the unit listed it: its position in the criterion's evidence, số, ngày."""

    index: int
    number: str = ""
    date: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "number": self.number, "date": self.date.isoformat() if self.date else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DeclaredRecord:
        date = data.get("date")
        return cls(int(data["index"]), str(data.get("number") or ""), dt.date.fromisoformat(date) if date else None)


@dataclass(frozen=True)
class Declaration:
    """What the unit declared for one criterion."""

    number: int
    self_assessment: Verdict | None = None
    #: field id → value as the snapshot's field stores it (``Field.to_json``)
    inputs: dict[str, Any] = field(default_factory=dict)
    records: tuple[DeclaredRecord, ...] = ()
    remark: str = ""
    source_sha256: str = ""
    imported_at: dt.datetime | None = None
    imported_by: str = ""

    @property
    def empty(self) -> bool:
        return self.self_assessment is None and not self.inputs and not self.records and not self.remark

    def declared_record(self, index: int) -> DeclaredRecord | None:
        return next((r for r in self.records if r.index == index), None)


@dataclass
class DeclarationOutcome:
    """What an import did: criteria declared, answers pre-filled, and what the team had that was kept."""

    declared: list[int] = field(default_factory=list)
    prefilled: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


class DeclarationsRepository(AnswersRepository):

    def declarations(self, inspection_id: str) -> dict[int, Declaration]:
        """The unit's declarations of an inspection, by criterion number (empty: no form imported)."""
        rows = self._query("SELECT * FROM unit_declarations WHERE inspection_id = ? ORDER BY number", [inspection_id])
        out: dict[int, Declaration] = {}
        for row in rows:
            data = decode(row, DECLARATION_JSON)
            out[row["number"]] = Declaration(
                number=row["number"], self_assessment=Verdict.parse(row["self_assessment"]),
                inputs=dict(data["inputs"]), records=tuple(DeclaredRecord.from_json(r) for r in data["evidence"]),
                remark=row["remark"], source_sha256=row["source_sha256"],
                imported_at=parse_ts(row["imported_at"]), imported_by=row["imported_by"])
        return out

    def import_declarations(self, inspection_id: str, declared: Sequence[Declaration], *, source_sha256: str,
                            user: str | None = None) -> DeclarationOutcome:
        """Record the unit's form for ``inspection_id`` and pre-fill the empty answers (module docstring).

        A criterion the new form leaves empty keeps no declaration (the unit withdrew it); what an
        earlier import pre-filled and the team has not touched since follows the new form.
        """
        at = now()
        outcome = DeclarationOutcome()
        by = user or self.user
        with self._write() as conn:
            self._require_draft(inspection_id)
            earlier = self.declarations(inspection_id)
            for item in declared:
                before = earlier.get(item.number)
                remark = text_value(item.remark, "Ghi chú của đơn vị", multiline=True, field_id="remark")
                row = encode({"inputs": item.inputs, "evidence": [r.to_json() for r in item.records]}, DECLARATION_JSON)
                if item.empty:
                    conn.execute("DELETE FROM unit_declarations WHERE inspection_id = ? AND number = ?",
                                 [inspection_id, item.number])
                else:
                    conn.execute(
                        "INSERT INTO unit_declarations (inspection_id, number, self_assessment, inputs, evidence, remark,"
                        " source_sha256, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT (inspection_id, number) DO UPDATE SET self_assessment = excluded.self_assessment,"
                        " inputs = excluded.inputs, evidence = excluded.evidence, remark = excluded.remark,"
                        " source_sha256 = excluded.source_sha256, imported_at = excluded.imported_at,"
                        " imported_by = excluded.imported_by",
                        [inspection_id, item.number, item.self_assessment.value if item.self_assessment else None,
                         row["inputs"], row["evidence"], remark, source_sha256, ts(at), by])
                    outcome.declared.append(item.number)
                old = _as_json(before) if before else None
                new = None if item.empty else _as_json(item)
                if old != new:
                    self._log(at, user, inspection_id, "declaration.import", str(item.number), old, new)
                self._change_answer(conn, inspection_id, item.number, user,
                                    functools.partial(self._prefill, item=item, before=before, outcome=outcome), at)
        return outcome

    @staticmethod
    def _prefill(current: dict[str, Any], criterion: Criterion, *, item: Declaration, before: Declaration | None,
                 outcome: DeclarationOutcome) -> dict[str, Any]:
        change: dict[str, Any] = {}
        n = criterion.number
        declared_label = item.self_assessment.label if item.self_assessment else ""
        mine = item.self_assessment.value if item.self_assessment else None
        theirs = before.self_assessment.value if before and before.self_assessment else None
        if current["self_assessment"] in (None, theirs):  # empty, or still the unit's earlier form
            if current["self_assessment"] != mine:
                change["self_assessment"] = mine
                if mine:
                    outcome.prefilled.append(f"Tiêu chí {n}: đơn vị tự đánh giá {declared_label}")
        elif mine and current["self_assessment"] != mine:
            outcome.kept.append(f"Tiêu chí {n}: giữ phần tự đánh giá đã ghi, không lấy “{declared_label}” "
                                "trong tệp")
        evidence = [dict(e) for e in current["evidence"]]
        for i, entry in enumerate(evidence):
            declared = item.declared_record(i)
            earlier = before.declared_record(i) if before else None
            typed = (entry.get("number") or "", entry.get("date"))
            from_unit = earlier is not None and typed == (earlier.number, earlier.date.isoformat() if earlier.date else None)
            if entry.get("seen") or (any(typed) and not from_unit):
                if declared and (declared.number, declared.date.isoformat() if declared.date else None) != typed:
                    outcome.kept.append(f"Tiêu chí {n}, hồ sơ {i + 1}: giữ số, ngày đoàn đã ghi")
                continue
            wanted = (declared.number, declared.date.isoformat() if declared.date else None) if declared else ("", None)
            if typed != wanted:
                entry["number"], entry["date"] = wanted
                if declared:
                    outcome.prefilled.append(f"Tiêu chí {n}, hồ sơ {i + 1}: " + ", ".join(
                        x for x in (f"số {declared.number}" if declared.number else "",
                                    f"ngày {declared.date:%d/%m/%Y}" if declared.date else "") if x))
        if evidence != current["evidence"]:
            change["evidence"] = evidence
        return change


def _as_json(d: Declaration) -> dict[str, Any]:
    return {"self_assessment": d.self_assessment.value if d.self_assessment else None, "inputs": d.inputs,
            "evidence": [r.to_json() for r in d.records], "remark": d.remark}


__all__ = ["Declaration", "DeclarationOutcome", "DeclarationsRepository", "DeclaredRecord"]
