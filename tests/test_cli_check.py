"""``antq check`` and the field parsing behind it, on a small plugin made for the test."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from conftest import write_workspace

from antq_tui.criteria import Field, FieldValueError

PLUGIN = '''
from antq_tui import hookimpl, CriteriaSet, Criterion, Group, Field, Suggestion, format_percent

def _check(inputs):
    if inputs["so_vu"] == 0:
        return Suggestion.dat("0 vụ: đạt")
    return Suggestion.khong_dat(f"{inputs['so_vu']} vụ: không đạt ({format_percent(12.345)})")

@hookimpl
def antq_criteria_sets():
    return [CriteriaSet(id="thu", title="Bộ thử", version="1", legal_basis=["QĐ"], unit_kinds=["xa"],
        groups=[Group("g", "Nhóm")],
        criteria=[Criterion(number=3, group="g", text="Không để xảy ra vụ việc", evidence=["Sổ"],
                            fields=[Field("so_vu", "Số vụ", unit="vụ"),
                                    Field("ngay", "Ngày", type="date", required=False)],
                            check=_check),
                  Criterion(number=4, group="g", text="Tự đánh giá", evidence=["Sổ"])])]
'''


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "thu.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    return write_workspace(tmp_path, plugin_folders=[folder])


def test_check_prints_the_suggestion_and_reason(config: Path):
    assert run_json(config, "check", "thu", "3", "--input", "so_vu=0") == {
        "verdict": "dat", "reason": "0 vụ: đạt", "judgement": False}
    data = run_json(config, "check", "thu", "3", "--input", "so_vu=2")
    assert data["verdict"] == "khong_dat" and "12,3%" in data["reason"]
    assert "Gợi ý: Không đạt — 2 vụ" in run(config, "check", "thu", "3", "-i", "so_vu=2").stdout


def test_missing_input_gives_chua_du_naming_the_field(config: Path):
    data = run_json(config, "check", "thu", "3")
    assert data["verdict"] == "chua_du" and "Số vụ" in data["reason"]


@pytest.mark.parametrize(
    "arg, message",
    [
        ("so_vu=ba", "“Số vụ” cần một số nguyên, không phải “ba”"),
        ("so_vu=-1", "phải từ 0 trở lên"),
        ("ngay=31/02/2023", "Ngày 31/02/2023 không có: tháng 2 năm 2023 có 28 ngày."),
        ("ngay=hôm qua", "Ngày cần dạng dd/mm/yyyy"),
        ("khong_co=1", "không có trường “khong_co”"),
        ("so_vu", "cần dạng TRƯỜNG=GIÁ_TRỊ"),
    ],
)
def test_a_wrong_value_is_refused_with_exit_2(config: Path, arg: str, message: str):
    result = run(config, "check", "thu", "3", "--input", arg, expect=2)
    assert message in result.stderr


def test_unknown_set_criterion_or_no_check_exit_2(config: Path):
    assert "Không có bộ tiêu chí “nope”" in run(config, "check", "nope", "1", expect=2).stderr
    assert "không có tiêu chí 9" in run(config, "check", "thu", "9", expect=2).stderr
    assert "không có hàm kiểm tra" in run(config, "check", "thu", "4", expect=2).stderr


def test_field_parsing_reads_vietnamese_input():
    assert Field("n", "Số").parse(" 1.234 ") == 1234
    assert Field("y", "Có?", type="yesno").parse("Có") is True
    assert Field("y", "Có?", type="yesno").parse("khong") is False
    assert str(Field("d", "Ngày", type="date").parse("05/03/2023")) == "2023-03-05"
    rating = Field("r", "Xếp loại", type="choice", choices=("Xuất sắc", "Khá", "Trung bình", "Yếu"))
    assert rating.parse("xuat sac") == "Xuất sắc"
    assert rating.parse("TRUNG") == "Trung bình"
    with pytest.raises(FieldValueError, match="chỉ nhận"):
        rating.parse("Tốt")
    with pytest.raises(FieldValueError, match="chỉ nhận"):
        rating.parse("x")  # one stray letter never decides a rating
    assert Field("n", "Số", unit="vụ").display(1234) == "1.234 vụ"
    assert Field("d", "Ngày", type="date").display(Field("d", "Ngày", type="date").parse("2023-10-12")) == "12/10/2023"
