"""The bundle checks over a whole column (exchange/validate.py ``_BULK``) may only ever say "every value
passes" when the check of each value says so too: a column check looser than its row check would let a
hostile value through unnamed. Each column's pair is tried on values good and bad, alone and mixed."""

from __future__ import annotations

import itertools

import pytest

from antq_tui.exchange import validate

SAMPLES = [
    None, "", " ", "x", "Xã Phiêng Ban", "dat", "khong_dat", "chua_du", "xa", "phuong", "draft", "finalized", "moi",
    "duy_tri", "2024-01-31", "2024-13-01", "2024-1-1", "2024-01-31T08:00:00.000+07:00", "31/01/2024", "08:00",
    "25:00", "8h", 0, 1, -1, 1999, 2000, 2024, 2100, 2101, True, False, 1.5, "{}", "[]", "null", "{", '{"a": 1}',
    '[{"item": "x"}]', '"text"', "1", [], {}, ["x"], {"a": 1},
]

COLUMNS = [(table, column, check) for specs in (validate._REQUIRED, validate._OPTIONAL)
           for table, checks in specs.items() for column, check in checks.items()]


def passes_in_bulk(check, values) -> bool:
    try:
        return bool(validate._bulk(check)(list(values)))
    except (ValueError, TypeError, RecursionError):  # "look row by row"
        return False


@pytest.mark.parametrize(("table", "column", "check"), COLUMNS, ids=[f"{t}.{c}" for t, c, _ in COLUMNS])
def test_a_column_passes_in_bulk_only_when_each_of_its_values_passes(table, column, check):
    for values in itertools.chain(([v] for v in SAMPLES), itertools.combinations(SAMPLES, 2)):
        if passes_in_bulk(check, values):
            assert all(check(v) is None for v in values), (table, column, values)
    good = [v for v in SAMPLES if check(v) is None]
    assert good, (table, column)  # the samples say something about this check
    assert any(passes_in_bulk(check, [v]) for v in good), (table, column)  # and its column check is used
