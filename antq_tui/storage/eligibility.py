"""Answers to the eligibility conditions of an inspection (``eligibility_answers``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..criteria import Suggestion, Verdict
from ..evaluation import Evaluator
from .codec import (
    ELIGIBILITY_JSON,
    UNSET,
    decode,
    dumps,
    merge_inputs,
    now,
    parse_ts,
    text_value,
    ts,
    verdict_value,
)
from .core import StoreCore


class EligibilityRepository(StoreCore):

    def set_eligibility(
        self,
        inspection_id: str,
        check_id: str,
        *,
        inputs: Mapping[str, Any] = UNSET,
        decision: Verdict | str | None = UNSET,
        remark: str = UNSET,
        evaluator: Evaluator | None = None,
        user: str | None = None,
    ) -> dt.datetime:
        """Save the answer to an eligibility condition; only the given keywords change.

        ``inputs`` works as in :meth:`set_inputs` (``evaluator`` gives the suggestion the same way);
        ``decision`` is the team's Đạt / Không đạt, or None to follow the suggestion.
        """
        decision_value = UNSET if decision is UNSET else verdict_value(decision, "Kết luận về điều kiện")
        at = now()
        with self._write() as conn:
            self._require_draft(inspection_id)
            snap = self._snapshot(inspection_id)
            check = snap.check(check_id)
            stored = self._one("SELECT * FROM eligibility_answers WHERE inspection_id = ? AND check_id = ?",
                               [inspection_id, check_id])
            current = (decode(stored, ELIGIBILITY_JSON) if stored else
                       {"inputs": {}, "suggestion": None, "decision": None, "remark": ""})
            new: dict[str, Any] = {}
            if decision_value is not UNSET:
                new["decision"] = decision_value
            if remark is not UNSET:
                new["remark"] = text_value(remark, "Nhận xét về điều kiện", multiline=True, field_id="remark")
            if inputs is not UNSET:
                values, new_inputs = merge_inputs(check, inputs, current["inputs"])
                stored_suggestion = Suggestion.from_json(current["suggestion"]) if current["suggestion"] else None
                inputs_changed = new_inputs != current["inputs"]
                suggestion = (evaluator or Evaluator(None)).suggest_eligibility(
                    check, snap.eligibility_fingerprints.get(check_id), values, year=self._year(inspection_id),
                    stored=stored_suggestion, inputs_changed=inputs_changed)
                if inputs_changed or suggestion is not stored_suggestion:
                    new.update(inputs=new_inputs, suggestion=suggestion.to_json() if suggestion else None)
            changed = {k: v for k, v in new.items() if current.get(k) != v}
            if not changed:
                return (parse_ts(stored["updated_at"]) or at) if stored else at
            values = {**current, **changed}
            conn.execute(
                "INSERT INTO eligibility_answers (inspection_id, check_id, inputs, suggestion, decision, remark,"
                " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, check_id)"
                " DO UPDATE SET inputs = excluded.inputs, suggestion = excluded.suggestion,"
                " decision = excluded.decision, remark = excluded.remark, updated_at = excluded.updated_at,"
                " updated_by = excluded.updated_by",
                [inspection_id, check_id, dumps(values["inputs"]),
                 dumps(values["suggestion"]) if values["suggestion"] is not None else None,
                 values["decision"], values["remark"], ts(at), user or self.user],
            )
            self._touch(inspection_id, at)
            for key, value in changed.items():
                old = None if key == "remark" else current.get(key)  # as for answers: the new text only
                self._log(at, user, inspection_id, f"eligibility.{key}", check_id, old, value)
        return at

