"""--json output: what json.loads reads back is the data; a table's rows one per line, to read or grep."""

from __future__ import annotations

import json

from antq_tui.cli.main import json_text

DATA = {
    "year": 2024,
    "ten": "Xã Phiêng Ban \"<ok>\" \\ {}",
    "khi": None,
    "sections": [
        {"set": "xa", "units": [{"unit": "Xã A", "groups": {"g": {"dat": 1}}, "failed": [1, 2]},
                                {"unit": "Xã B", "groups": {}, "failed": []}],
         "criteria": [{"number": 1, "failed_units": [{"no": 2}]}]},
    ],
    "empty": [],
    "nested": {"a": {"b": [1, 2]}, "rows": [[1, 2], [3]]},
}


def test_json_reads_back_as_the_data_it_prints():
    assert json.loads(json_text(DATA)) == DATA
    for value in ([], {}, 0, "", None, [1, "a"], [[]], [{}], {"x": [{"y": [{"z": 1}]}]}):
        assert json.loads(json_text(value)) == value


def test_each_row_of_a_table_is_one_line_and_the_outer_parts_are_indented():
    lines = json_text(DATA).splitlines()
    units = [line for line in lines if '"unit":' in line]
    assert len(units) == 2 and all(json.loads(line.strip().rstrip(",")) for line in units)
    assert '  "year": 2024,' in lines
    assert any(line.startswith('      "units": [') for line in lines)  # a section is opened, its units are rows
    assert '        {"number": 1, "failed_units": [{"no": 2}]}' in lines
    assert "Xã Phiêng Ban" in json_text(DATA)  # Vietnamese as it is, not \\u escapes
