"""Answers to criteria (``answers``): verdicts, self-assessments, figures with their suggestion, evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from ..criteria import Criterion, Suggestion, Verdict
from ..evaluation import Evaluator
from ..inspection import Inspection
from .codec import (
    ANSWER_COLUMN_SET,
    ANSWER_JSON,
    UNSET,
    date_value,
    decode,
    default_answer,
    encode,
    merge_inputs,
    now,
    parse_ts,
    text_value,
    ts,
    verdict_value,
)
from .core import StoreCore
from .errors import InvalidValueError


class AnswersRepository(StoreCore):

    def _save_answer(self, inspection_id: str, number: int, user: str | None,
                     change: Callable[[dict[str, Any], Criterion], dict[str, Any]]) -> dt.datetime:
        """Apply ``change(current answer row with JSON decoded, snapshot criterion) -> new values``."""
        at = now()
        with self._write() as conn:
            self._require_draft(inspection_id)
            return self._change_answer(conn, inspection_id, number, user, change, at)

    def _change_answer(self, conn: Any, inspection_id: str, number: int, user: str | None,
                       change: Callable[[dict[str, Any], Criterion], dict[str, Any]], at: dt.datetime) -> dt.datetime:
        """The inside of :meth:`_save_answer`, in the caller's write transaction (an import changes many)."""
        criterion = self._snapshot(inspection_id).criterion(number)
        stored = self._one("SELECT * FROM answers WHERE inspection_id = ? AND number = ?", [inspection_id, number])
        current = decode(stored, ANSWER_JSON) if stored else default_answer(criterion)
        new = change(current, criterion)
        changed = {k: v for k, v in new.items() if current.get(k) != v}
        if not changed:
            return (parse_ts(stored["updated_at"]) or at) if stored else at
        values = {**current, **changed}
        encoded = encode({k: v for k, v in values.items() if k in ANSWER_COLUMN_SET}, ANSWER_JSON)
        conn.execute(
            "INSERT INTO answers (inspection_id, number, self_assessment, verdict, inputs, suggestion, evidence,"
            " remark, updated_at, updated_by) VALUES (:inspection_id, :number, :self_assessment, :verdict,"
            " :inputs, :suggestion, :evidence, :remark, :at, :by) ON CONFLICT (inspection_id, number) DO UPDATE"
            " SET self_assessment = excluded.self_assessment, verdict = excluded.verdict, inputs = excluded.inputs,"
            " suggestion = excluded.suggestion, evidence = excluded.evidence, remark = excluded.remark,"
            " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            {**encoded, "inspection_id": inspection_id, "number": number, "at": ts(at), "by": user or self.user},
        )
        if "verdict" in changed:
            conn.execute(
                "UPDATE inspections SET assessed = (SELECT count(*) FROM answers WHERE inspection_id = :id AND"
                " verdict IS NOT NULL) WHERE id = :id", {"id": inspection_id})
        self._touch(inspection_id, at)
        for key, value in changed.items():
            # a remark's old text is the new text of its previous entry: logged once, not twice
            old = None if key == "remark" else current.get(key)
            self._log(at, user, inspection_id, f"answer.{key}", str(number), old, value)
        return at

    def set_verdict(self, inspection_id: str, number: int, verdict: Verdict | str | None, *,
                    user: str | None = None) -> dt.datetime:
        """The team's decision on criterion ``number``: Đạt, Không đạt, or None to clear it."""
        value = verdict_value(verdict, "Kết luận của đoàn")
        return self._save_answer(inspection_id, number, user, lambda cur, c: {"verdict": value})

    def set_self_assessment(self, inspection_id: str, number: int, verdict: Verdict | str | None, *,
                            user: str | None = None) -> dt.datetime:
        """The unit's own assessment of criterion ``number``: Đạt, Không đạt, or None to clear it."""
        value = verdict_value(verdict, "Đơn vị tự đánh giá")
        return self._save_answer(inspection_id, number, user, lambda cur, c: {"self_assessment": value})

    def set_remark(self, inspection_id: str, number: int, remark: str, *, user: str | None = None) -> dt.datetime:
        """The team's remark on criterion ``number`` (free text, saved as typed, NFC)."""
        value = text_value(remark, "Nhận xét", multiline=True, field_id="remark")
        return self._save_answer(inspection_id, number, user, lambda cur, c: {"remark": value})

    def set_inputs(self, inspection_id: str, number: int, inputs: Mapping[str, Any],
                   evaluator: Evaluator | None = None, *, user: str | None = None) -> dt.datetime:
        """Save figures typed for criterion ``number`` and the suggestion computed from them.

        ``inputs`` maps field ids to raw text as typed ("42", "có", "12/10/2023") or parsed values;
        only the given fields change, an empty value clears one. Values are read with the snapshot's
        fields. The suggestion is what ``evaluator`` (:class:`~antq_tui.evaluation.Evaluator`; None: no
        plugin loaded) says: the live check while the criterion's fingerprint equals the snapshot's,
        else the stored suggestion while the inputs are unchanged, "chưa đủ dữ liệu" once they change.

        :raises InvalidValueError: naming the field, when a value cannot be read.
        """
        snap = self._snapshot(inspection_id)

        def change(cur: dict[str, Any], criterion: Criterion) -> dict[str, Any]:
            values, new_inputs = merge_inputs(criterion, inputs, cur["inputs"])
            stored = Suggestion.from_json(cur["suggestion"]) if cur["suggestion"] else None
            inputs_changed = new_inputs != cur["inputs"]
            suggestion = (evaluator or Evaluator(None)).suggest_criterion(
                snap.criteria.id, criterion, snap.fingerprints.get(number), values,
                year=self._year(inspection_id), stored=stored, inputs_changed=inputs_changed)
            if suggestion is stored and not inputs_changed:
                return {}
            return {"inputs": new_inputs, "suggestion": suggestion.to_json() if suggestion else None}

        return self._save_answer(inspection_id, number, user, change)

    def set_evidence(
        self,
        inspection_id: str,
        number: int,
        index: int,
        *,
        seen: bool = UNSET,
        doc_number: str = UNSET,
        date: dt.date | str | None = UNSET,
        note: str = UNSET,
        user: str | None = None,
    ) -> dt.datetime:
        """Record what the team saw of evidence item ``index`` (0-based) of criterion ``number``.

        Only the given keywords change: ``seen`` (ticked), ``doc_number`` (số, ký hiệu as written on
        the record: :attr:`EvidenceSeen.number`), ``date`` (a date or "dd/mm/yyyy"; None clears it),
        ``note``.
        """
        def change(cur: dict[str, Any], criterion: Criterion) -> dict[str, Any]:
            evidence = [dict(e) for e in cur["evidence"]]
            if not 0 <= index < len(evidence):
                raise InvalidValueError(
                    f"Tiêu chí {number} có {len(evidence)} hồ sơ kiểm chứng; không có mục thứ {index + 1}.")
            item = evidence[index]
            if seen is not UNSET:
                item["seen"] = bool(seen)
            if doc_number is not UNSET:
                item["number"] = text_value(doc_number, "Số, ký hiệu của hồ sơ", field_id="doc_number")
            if date is not UNSET:
                value = date_value(date, "Ngày của hồ sơ")
                item["date"] = value.isoformat() if value else None
            if note is not UNSET:
                item["note"] = text_value(note, "Ghi chú về hồ sơ", multiline=True, field_id="note")
            return {"evidence": evidence}

        return self._save_answer(inspection_id, number, user, change)

    def changed_criteria(self, inspection: Inspection | str, evaluator: Evaluator) -> list[int]:
        """Criterion numbers whose current plugin version differs from the inspection's snapshot.

        Includes criteria the current set no longer has or has newly added; every number when the set
        is not loaded at all. Empty when the set is unchanged. The app shows these as "bộ tiêu chí đã
        thay đổi từ khi bắt đầu kiểm tra"; their suggestions are not recomputed.
        """
        inspection_id = inspection if isinstance(inspection, str) else inspection.id
        snap = self._snapshot(inspection_id)
        return evaluator.changed_criteria(snap.criteria, snap.fingerprints)
