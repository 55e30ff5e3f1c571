"""What ``antq verify`` reads of every finalized inspection for its signatures, in a few queries.

:func:`antq_tui.signatures.inspection_state` defines the state a finalize signature covers: the
inspection read whole (:meth:`Store.get_inspection`), made plain and dumped as sorted JSON. Reading
4,000 inspections that way takes seconds, so :meth:`SignedReadsRepository.finalized_for_signatures`
writes the same text from the rows themselves: the JSON columns that are already the plain form
(evidence, inputs) go in as stored, once each is read as one whole JSON value; the rest is dumped by
json's C encoder. Only an inspection whose text matches its signature is settled here; for any other,
``verify_signatures`` asks ``inspection_state`` again before it reports, so what verify finds is what
the definition says, whatever these rows hold.

Why a match here is a match there: the text is valid JSON in which every stored piece is one whole
value, so it reads back one way only; if it equals the text that was signed, each stored piece is that
signed value's plain form, dumped, and ``inspection_state`` (which turns a plain form into itself)
writes the same piece. Two things it takes from the tables as the migrations declare them (which verify's
``_tables`` checks): an inspection's rows are those whose inspection_id equals its id as Python compares
text (``inspection_id = ?`` compares so only without a column's COLLATE NOCASE or RTRIM), and they are read
in the order ``Store.attachments`` reads them where that order shows (:data:`ATTACHMENT_ORDER`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import json.encoder
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..criteria import Field, Verdict
from ..inspection import STATUS_FINALIZED
from .codec import ROW_COLUMNS, Snapshot, dumps_with, inspection_row_from, loads
from .core import StoreCore
from .db import translate_errors
from .records import ExportRecord, InspectionRow

#: json.dumps(…, ensure_ascii=False, sort_keys=True, default=str), made once: how a state is dumped, here
#: and by :func:`antq_tui.signatures.inspection_state`
STATE_DUMPS = _ENCODE = dumps_with(sort_keys=True, default=str)
encode_text = json.encoder.encode_basestring  # a str as the encoder writes it (ensure_ascii=False)


def attachment_state(attachments: Iterable[tuple[str, str, int | None]]) -> list[list[Any]]:
    """The attachments part of a finalized inspection's state: [sha256, name, criterion number] of each,
    in order of sha256, then name, then number (one without a number first).

    That is the order ``sorted`` gave these lists, for every inspection it could order; it could not
    order two files of one content and one name of which only one has a number (None against an int:
    TypeError, so finalize failed). Every state hashed before hashes the same."""
    return sorted(([sha, name, number] for sha, name, number in attachments),
                  key=lambda a: (a[0], a[1], a[2] is not None, a[2] or 0))


_MEMBER_KEYS = {"name", "rank", "position", "role"}
_FINALIZED = f"SELECT id FROM inspections WHERE status = '{STATUS_FINALIZED}'"


class _Unusual(Exception):
    """A row the fast text does not handle: ``inspection_state`` decides (and raises what it raises)."""


@dataclass(frozen=True)
class FinalizedRead:
    """One finalized inspection as its signature check needs it."""

    row: InspectionRow
    #: sha256 of the state text written from the rows ("" when a row was unusual): equal to
    #: :func:`antq_tui.signatures.inspection_state` whenever it equals what was signed
    state_sha256: str
    exports: list[ExportRecord]


#: the columns of an attachment the state holds (and those Store.attachments reads, which must read)
ATTACHMENT_COLUMNS = "inspection_id, sha256, name, number, path, added_at"
#: the order Store.attachments reads an inspection's attachments in, which attachment_state keeps between two
#: it orders alike (numbers 0 and '', say): the rows the state is hashed from are read in it too
ATTACHMENT_ORDER = "added_at, rowid"
#: the columns of an answer the state holds (and its updated_at, which Store.get_inspection reads)
ANSWER_STATE_COLUMNS = ("inspection_id, number, self_assessment, verdict, inputs, suggestion, evidence, remark,"
                        " updated_at")
ELIGIBILITY_STATE_COLUMNS = "inspection_id, check_id, inputs, suggestion, decision, remark"
_ROW_NAMES = tuple(c.strip() for c in ROW_COLUMNS.split(","))


class SignedReadsRepository(StoreCore):

    def finalized_for_signatures(self, known: Mapping[str, str] | None = None) -> Iterator[FinalizedRead]:
        """Every finalized inspection, by id, with its state's sha256 and its exports.

        A few queries over all of them, read side by side; one inspection's rows are held at a time.
        ``known``: the states already hashed (by verify's comparison of answers with the log, which reads
        the same rows); then no answer is read here, and an inspection missing from it has no hash ("")."""
        with translate_errors(self.path):
            conn = self.conn
            cursor = conn.execute(f"SELECT * FROM inspections WHERE status = '{STATUS_FINALIZED}' ORDER BY id")
            names = [d[0] for d in cursor.description]

            def rows_of(sql: str) -> Any:
                return by_inspection(conn.execute(sql) if known is None else iter(()))

            answers = rows_of(f"SELECT {ANSWER_STATE_COLUMNS} FROM answers WHERE inspection_id IN ({_FINALIZED})"
                              " ORDER BY inspection_id, number")
            eligibility = rows_of(f"SELECT {ELIGIBILITY_STATE_COLUMNS} FROM eligibility_answers"
                                  f" WHERE inspection_id IN ({_FINALIZED}) ORDER BY inspection_id")
            attachments = rows_of(f"SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE inspection_id IN ({_FINALIZED})"
                                  f" ORDER BY inspection_id, {ATTACHMENT_ORDER}")
            exports = by_inspection(conn.execute(
                "SELECT inspection_id, id, path, sha256, size, status, created_at, created_by FROM exports"
                f" WHERE inspection_id IN ({_FINALIZED}) ORDER BY inspection_id, created_at, rowid"))
            texts = StateTexts(self)
            for values in cursor:
                row = dict(zip(names, values, strict=True))
                iid = row["id"]
                yield FinalizedRead(
                    row=inspection_row_from([row[c] for c in _ROW_NAMES]),
                    state_sha256=(known.get(iid, "") if known is not None else
                                  texts.sha256(row, answers.take(iid), eligibility.take(iid), attachments.take(iid))),
                    exports=[ExportRecord(id=r[1], inspection_id=iid, path=self._absolute(r[2]), sha256=r[3],
                                          size=r[4], status=r[5], created_at=dt.datetime.fromisoformat(r[6]),
                                          created_by=r[7]) for r in exports.take(iid)])


class StateTexts:
    """The state of inspections (see the module docstring) written from their rows: ``inspections``
    (as a dict), and :data:`ANSWER_STATE_COLUMNS`, :data:`ELIGIBILITY_STATE_COLUMNS`,
    :data:`ATTACHMENT_COLUMNS` of its answers, eligibility answers and attachments. ``loads`` reads a
    JSON column as ``json.loads`` does (a :class:`~antq_tui.storage.codec.JsonCache`'s, where many texts
    repeat)."""

    def __init__(self, store: SignedReadsRepository, loads: Callable[[str], Any] = loads) -> None:
        self.store = store
        self.loads = loads
        self._dates: dict[str, _DateFields] = {}
        self._suggestions: dict[str, str] = {}
        #: the texts of evidence and inputs already read as one whole JSON value (and, with the date fields
        #: they were read with, their dates as written): most answers share their text with others
        self._whole_texts: set[Any] = set()

    def sha256(self, row: Mapping[str, Any], answers: Sequence[Sequence[Any]], eligibility: Sequence[Sequence[Any]],
               attachments: Sequence[Sequence[Any]]) -> str:
        """sha256 of the text, or "" when a row is out of the ordinary (``inspection_state`` then decides)."""
        try:
            text = self._text(row, answers, eligibility, attachments)
        except Exception:
            return ""
        return hashlib.sha256(text.encode()).hexdigest()

    def _whole(self, text: Any) -> Any:
        """The value of a JSON column, which is one whole JSON value (json.loads reads nothing else)."""
        if type(text) is not str:
            raise _Unusual
        return self.loads(text)

    def _text(self, row: Mapping[str, Any], answers: Sequence[Sequence[Any]], eligibility: Sequence[Sequence[Any]],
              attachments: Sequence[Sequence[Any]]) -> str:
        key = row["snapshot_sha256"]
        snap = self.store.snapshot_by_key(key, row["id"])
        if key not in self._dates:
            self._dates[key] = _date_fields(snap)
        criteria_dates, check_dates = self._dates[key]
        for _iid, _sha, _name, _number, path, added_at in attachments:  # what Store.attachments reads
            Path(path)
            dt.datetime.fromisoformat(added_at)
        whole, loads, read = self._whole, self.loads, self._whole_texts
        if len(read) >= 50_000:
            read.clear()
        # each answer's text as json's encoder writes its plain form (keys sorted, ", " and ": "): the
        # stored evidence and inputs as they are, the rest from the values
        verdicts, suggestion_of, timestamp = _VERDICT_TEXTS, self._suggestion, dt.datetime.fromisoformat
        found = []
        for _iid, number, self_assessment, verdict, inputs, suggestion, evidence, remark, updated_at in answers:
            if type(number) is not int or type(evidence) is not str or type(inputs) is not str:
                raise _Unusual
            if evidence not in read:
                loads(evidence)
                read.add(evidence)
            dates = criteria_dates.get(number)
            if dates:
                if (inputs, dates) not in read:
                    _dated(loads(inputs), dates)
                    read.add((inputs, dates))
            elif inputs not in read:
                loads(inputs)
                read.add(inputs)
            if updated_at:
                timestamp(updated_at)  # what get_inspection reads
            remark_text = encode_text(remark) if type(remark) is str else _ENCODE(remark)
            found.append((str(number), f'"{number}": {{"evidence": {evidence}, "inputs": {inputs}, "number": {number},'
                                       f' "remark": {remark_text}, "self_assessment": {verdicts[self_assessment]},'
                                       f' "suggestion": {suggestion_of(suggestion)}, "verdict": {verdicts[verdict]}}}'))
        answers_text = _object(found)
        found = []
        for _iid, check_id, inputs, suggestion, decision, remark in eligibility:
            if type(check_id) is not str:
                raise _Unusual
            _dated(whole(inputs), check_dates.get(check_id, ()))
            key = _ENCODE(check_id)
            found.append((check_id, f'{key}: {{"check_id": {key}, "decision": {verdicts[decision]}, "inputs": {inputs},'
                                    f' "remark": {_text_of(remark)}, "suggestion": {suggestion_of(suggestion)}}}'))
        eligibility_text = _object(found)
        visit_date, finalized_at = row["visit_date"], row["finalized_at"]
        pieces = _ENCODE({
            "answers": _STORED,
            "attachments": attachment_state((sha, name, number) for _iid, sha, name, number, _path, _at in attachments),
            "eligibility": _STORED,
            "finalized_at": dt.datetime.fromisoformat(finalized_at).isoformat() if finalized_at else None,
            "set": [snap.criteria.id, snap.criteria.version], "status": row["status"],
            "unit": {"name": row["unit_name"], "kind": row["unit_kind"], "district": row["unit_district"],
                     "province": row["unit_province"]},
            "visit": {"visit_date": dt.date.fromisoformat(visit_date).isoformat() if visit_date else None,
                      "team": self._members(row["team"]), "representatives": self._members(row["representatives"]),
                      **{k: row[k] for k in _VISIT_TEXTS}},
            "year": row["year"]}).split(_STORED_TEXT)
        if len(pieces) != 3:  # a value that reads like the place (never, but then: inspection_state)
            raise _Unusual
        return f"{pieces[0]}{answers_text}{pieces[1]}{eligibility_text}{pieces[2]}"

    def _suggestion(self, text: Any) -> str:
        """The text of the plain form of :meth:`Suggestion.from_json` of a stored suggestion, once per text
        (many answers share a suggestion's text)."""
        if not text:
            return "null"
        found = self._suggestions.get(text)
        if found is None:
            if len(self._suggestions) >= 10_000:
                self._suggestions.clear()
            found = self._suggestions[text] = _ENCODE(self._plain_suggestion(text))
        return found

    def _plain_suggestion(self, text: Any) -> dict[str, Any] | None:
        data = self._whole(text)
        if not data:
            return None
        verdict = data.get("verdict") if type(data) is dict else None
        if type(verdict) is not str or not _VERDICTS.get(verdict):
            raise _Unusual
        return {"verdict": verdict, "reason": str(data.get("reason", "")), "judgement": bool(data.get("judgement")),
                "fixed_by": str(data.get("fixed_by", "") or "")}

    def _members(self, text: Any) -> list[dict[str, Any]]:
        """The plain form of the members a team or representatives column holds."""
        data = self._whole(text)
        if not data:
            return []
        if type(data) is not list:
            raise _Unusual
        out = []
        for m in data:
            if type(m) is not dict or "name" not in m or not m.keys() <= _MEMBER_KEYS:
                raise _Unusual
            out.append({"name": m["name"], "rank": m.get("rank", ""), "position": m.get("position", ""),
                        "role": m.get("role", "thanh_vien")})
        return out


#: the place of the answers and eligibility answers in the dumped state, filled in after: a text no row
#: holds (a random token: ``secrets.token_hex``, without importing secrets and random for it)
_STORED = "\x00" + os.urandom(16).hex()
_STORED_TEXT = _ENCODE(_STORED)


def _text_of(value: Any) -> str:
    """A value of a text column as json's encoder writes it."""
    return encode_text(value) if type(value) is str else _ENCODE(value)


def _object(items: list[tuple[str, str]]) -> str:
    """A JSON object of (key, its "key": value text) items, the keys sorted as ``sort_keys`` sorts them."""
    items.sort()
    return "{" + ", ".join(text for _key, text in items) + "}"


_VISIT_TEXTS = ("place", "start_time", "end_time", "strengths", "shortcomings", "recommendations", "conclusion",
                "minutes_number")


#: per criterion number and per eligibility check id of a snapshot, its date fields (whose stored text
#: ``inspection_state`` reads as a date and writes back)
_DateFields = tuple[dict[int, tuple[str, ...]], dict[str, tuple[str, ...]]]


def _date_fields(snap: Snapshot) -> _DateFields:
    """Those of the criterion and the check that ``get_inspection`` reads an answer with, whatever the snapshot
    holds: the first criterion of a number (``CriteriaSet.criterion``), the last check of an id (its dict),
    and of their fields the last of an id (``inputs_from_json``'s dict)."""
    criteria: dict[int, tuple[str, ...]] = {}
    for c in reversed(snap.criteria.criteria):  # the first of a number written last
        criteria[c.number] = _dates_of(c.fields)
    checks = {c.id: _dates_of(c.fields) for c in snap.eligibility}
    return ({n: ids for n, ids in criteria.items() if ids}, {i: ids for i, ids in checks.items() if ids})


def _dates_of(fields: Iterable[Field]) -> tuple[str, ...]:
    return tuple(i for i, f in {f.id: f for f in fields}.items() if f.type == "date")


class _Groups:
    """The rows of a query ordered by inspection id (first column), taken one inspection at a time in
    the same order."""

    def __init__(self, cursor: Any) -> None:
        self._groups = groupby(cursor, key=itemgetter(0))
        self._next: tuple[Any, list[Any]] | None = None
        self._advance()

    def _advance(self) -> None:
        found = next(self._groups, None)
        self._next = (found[0], list(found[1])) if found is not None else None

    def take(self, inspection_id: Any) -> list[Any]:
        """The rows of ``inspection_id``; the rows of ids before it (which no inspection has) are passed over."""
        while self._next is not None and self._next[0] != inspection_id and _order(self._next[0]) < _order(
                inspection_id):
            self._advance()
        if self._next is not None and self._next[0] == inspection_id:
            rows = self._next[1]
            self._advance()
            return rows
        return []


def _order(value: Any) -> tuple[int, Any]:
    """SQLite's order of values of any type: NULL, numbers, text, blobs."""
    if isinstance(value, str):
        return (2, value)
    if value is None:
        return (0, 0)
    return (1, value) if isinstance(value, int | float) else (3, value)


def by_inspection(cursor: Any) -> _Groups:
    """The rows of ``cursor`` (ordered by inspection id, its first column) to :meth:`take` inspection by inspection."""
    return _Groups(cursor)


def _dated(inputs: Any, date_fields: tuple[str, ...]) -> None:
    """A date field's stored text reads back as itself (else ``inspection_state`` decides)."""
    if type(inputs) is not dict:
        raise _Unusual
    for field_id in date_fields:
        value = inputs.get(field_id)
        if isinstance(value, str):
            try:
                if dt.date.fromisoformat(value).isoformat() != value:
                    raise _Unusual
            except ValueError as exc:
                raise _Unusual from exc


#: Verdict.parse of a stored verdict, as plain text; another value raises KeyError (inspection_state decides)
_VERDICTS: dict[Any, str | None] = {None: None, "": None, **{v.value: v.value for v in Verdict}}
_VERDICT_TEXTS = {k: _ENCODE(v) for k, v in _VERDICTS.items()}
