"""``antq verify`` compares each stored answer with its last log row as decoded values; where the texts
settle it (a verdict whose logged text is exactly its JSON string, a pair of JSON texts already compared)
it does not decode them (``verify._Same``). These tamperings rewrite the log whole, with the app's own
hash (so the chain holds), in spellings the app never writes: what verify says of the values is what
comparing the decoded values says, whichever way it was found."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storage_fixtures import new_inspection, open_store

from antq_tui.storage import audit
from antq_tui.storage.verify import _Same


@pytest.fixture
def answered(tmp_path: Path) -> dict:
    """A draft with a verdict, a remark, figures (with their suggestion) and an eligibility answer."""
    db = tmp_path / "antq.db"
    with open_store(db) as store:
        iid = new_inspection(store).id
        store.set_verdict(iid, 1, "đạt")
        store.set_remark(iid, 2, "Thiếu biên bản họp, đã nhắc")
        store.set_inputs(iid, 3, {"before": "42", "after": "39"})
        store.set_eligibility(iid, "an_toan_antt", decision="đạt")
    return {"db": db, "id": iid}


def rewritten(db: Path, *statements: str) -> None:
    """Edit behind antq's back (guards dropped), then hash the whole log again as antq would."""
    conn = sqlite3.connect(db, isolation_level=None)
    for name in [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("BEGIN")
    for sql in statements:
        conn.execute(sql)
    prev = audit.GENESIS
    for row in conn.execute("SELECT id, at, who, inspection_id, action, target, old, new FROM audit ORDER BY id"
                            ).fetchall():
        digest = audit.row_hash(prev, *row)
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", [prev, digest, row[0]])
        prev = digest
    conn.execute("COMMIT")
    conn.close()


def state_problems(db: Path) -> list[str]:
    with open_store(db, read_only=True) as store:
        problems = store.verify()
    assert not [p for p in problems if p.kind == "audit"]  # the chain holds: only the values can tell
    return [p.message for p in problems if p.kind == "state"]


def logged(action: str, target: str) -> str:
    return f"UPDATE audit SET new = ? WHERE action = '{action}' AND target = '{target}'"


SAME_VALUES = {
    "a verdict with an escaped letter": ("answer.verdict", "1", '"d\\u0061t"'),
    "a remark with an escaped letter": ("answer.remark", "2", '"Thi\\u1ebfu biên bản họp, đã nhắc"'),
    "figures with spaces and the keys in another order": ("answer.inputs", "3", '{ "before" : 42, "after" : 39 }'),
    "a figure as a float": ("answer.inputs", "3", '{"after":39.0,"before":42}'),
}


@pytest.mark.parametrize("change", SAME_VALUES.values(), ids=SAME_VALUES.keys())
def test_a_value_logged_in_another_spelling_is_the_same_value(answered, change):
    action, target, text = change
    sql = logged(action, target).replace("?", "'" + text.replace("'", "''") + "'")
    rewritten(answered["db"], sql)
    assert state_problems(answered["db"]) == []


OTHER_VALUES = {
    "another verdict": ("answer.verdict", "1", '"khong_dat"', "tiêu chí 1 (verdict)"),
    "a remark one space longer": ("answer.remark", "2", '"Thiếu biên bản họp,  đã nhắc"', "tiêu chí 2 (remark)"),
    "a verdict logged as a number": ("answer.verdict", "1", "1", "tiêu chí 1 (verdict)"),
    "other figures": ("answer.inputs", "3", '{"after":38,"before":42}', "tiêu chí 3 (inputs)"),
    "a figure as text": ("answer.inputs", "3", '{"after":"39","before":42}', "tiêu chí 3 (inputs)"),
}


@pytest.mark.parametrize("change", OTHER_VALUES.values(), ids=OTHER_VALUES.keys())
def test_another_value_logged_is_reported(answered, change):
    action, target, text, what = change
    rewritten(answered["db"], logged(action, target).replace("?", "'" + text.replace("'", "''") + "'"))
    messages = state_problems(answered["db"])
    assert len(messages) == 1 and what in messages[0]


def test_a_stored_answer_in_another_spelling_of_its_default_is_the_same(answered):
    """Criterion 2's evidence was never logged: it must read as its default, however it is spelled."""
    rewritten(answered["db"], "UPDATE answers SET evidence = replace(replace(evidence, '\": ', '\":'), ', ', ',')"
                              " WHERE number = 2")
    assert state_problems(answered["db"]) == []
    rewritten(answered["db"], "UPDATE answers SET evidence = replace(evidence, 'false', 'true') WHERE number = 2")
    assert any("tiêu chí 2 (evidence)" in m for m in state_problems(answered["db"]))


def test_a_nan_is_compared_as_json_reads_it(answered):
    """json reads every NaN as one float object: equal to itself in a dict, to nothing alone."""
    rewritten(answered["db"], "UPDATE answers SET inputs = '{\"after\": NaN, \"before\": 42}' WHERE number = 3",
              logged("answer.inputs", "3").replace("?", "'{\"after\":NaN,\"before\":42}'"))
    assert state_problems(answered["db"]) == []
    rewritten(answered["db"], "UPDATE answers SET inputs = 'NaN' WHERE number = 3",
              logged("answer.inputs", "3").replace("?", "'NaN'"))
    assert any("tiêu chí 3 (inputs)" in m for m in state_problems(answered["db"]))


def test_a_log_text_that_is_not_json_is_reported_as_a_value_that_cannot_be_read(answered):
    rewritten(answered["db"], logged("answer.verdict", "1").replace("?", "'dat'"))
    with open_store(answered["db"], read_only=True) as store:
        found = store.verify()
    assert [p.kind for p in found if "không đọc được" in p.message] == ["damaged"]


def tamper(db: Path, *statements: str) -> None:
    rewritten(db, *statements)  # the log is left as it was: hashing it again changes nothing


def test_answers_logged_but_no_longer_stored_are_said_after_the_stored_ones_in_the_order_logged(answered):
    tamper(answered["db"], "DELETE FROM answers WHERE number IN (1, 2)",
           "UPDATE answers SET verdict = 'khong_dat' WHERE number = 3",
           "UPDATE eligibility_answers SET remark = 'khác'")
    assert [m.split(": ", 1)[1].split(" khác với")[0] for m in state_problems(answered["db"])] == [
        "tiêu chí 3 (verdict)", "tiêu chí 1 (verdict) không còn trong cơ sở dữ liệu, ",
        "tiêu chí 2 (remark) không còn trong cơ sở dữ liệu, ", "điều kiện “an_toan_antt” (remark)"]


def test_fields_updated_and_an_eligibility_answer_no_longer_stored(answered):
    with open_store(answered["db"]) as store:
        store.update_inspection(answered["id"], place="Hội trường UBND xã")
        store.update_inspection(answered["id"], place="Nhà văn hóa bản")
    assert state_problems(answered["db"]) == []
    tamper(answered["db"], "DELETE FROM eligibility_answers")  # logged, not stored: not a value compared
    assert state_problems(answered["db"]) == []
    tamper(answered["db"], "UPDATE inspections SET place = 'Hội trường UBND xã'")
    assert [m for m in state_problems(answered["db"]) if "trường “place”" in m]


def test_a_column_logged_twice_and_a_creation_logged_twice(answered):
    with open_store(answered["db"]) as store:
        store.set_verdict(answered["id"], 1, "không đạt")
        store.set_verdict(answered["id"], 1, "đạt")
    assert state_problems(answered["db"]) == []
    # a second creation, later: its fields are those the stored inspection is compared with
    rewritten(answered["db"], "INSERT INTO audit (at, who, inspection_id, action, target, old, new, prev_hash, hash)"
                              " SELECT at, who, inspection_id, action, 'lần hai', NULL,"
                              " '{\"fields\":{\"place\":\"Bản khác\"}}', '', '' FROM audit"
                              " WHERE action = 'inspection.create'")
    messages = state_problems(answered["db"])
    assert len(messages) == 1 and "trường “place”" in messages[0]


def test_the_same_pair_of_texts_is_decoded_once_and_answers_alike():
    same = _Same()
    assert same.json('{"a": 1, "b": [1, 2]}', '{"b":[1,2],"a":1}') is True
    assert same.json('{"a": 1, "b": [1, 2]}', '{"b":[1,2],"a":1}') is True  # from the pairs already compared
    assert same.json('{"a": 1}', '{"a":2}') is False
    assert same.json("[NaN]", "[ NaN]") is True and same.json("NaN", "NaN") is False
    assert same.json(None, None) is True and same.json(None, "null") is True and same.json("{}", None) is False
    assert same.text("đạt", '"đạt"') is True and same.text("đạt", '"\\u0111\\u1ea1t"') is True
    assert same.text("a", '"b"') is False and same.text(None, None) is True and same.text("", None) is False
    assert same.text(1, "1") is True  # a number in a text column, logged as that number
    with pytest.raises(ValueError):
        same.text("a", "a")
